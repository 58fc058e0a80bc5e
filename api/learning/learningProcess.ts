import { LearningRecordSchema, ROLES, UserSchema } from '../../db/entities/index.js';
import { chinaDate } from '../../domain/chinaTime.js';
import { learningRecordForm, type LearningRecord } from '../../forms/learningRecord.js';
import type { LearningAcknowledger } from '../../workflows/learningRecord.js';
import { hasRole, type SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { defineProcess } from '../processes/processDefinition.js';

/**
 * Who acknowledges `user`'s record: their (active) supervisor; without one the dept head, and for a
 * dept head without one a leader. The workflow also excludes the submitter, whatever their roles.
 */
async function acknowledger(deps: ApiDeps, user: SessionUser): Promise<LearningAcknowledger> {
  const supervisorId = user.supervisorId;
  if (supervisorId != null && supervisorId !== user.id) {
    const supervisor = await deps.orm.em.fork().findOne(UserSchema, { id: supervisorId, active: true });
    if (supervisor) return { assigneeId: supervisor.id };
  }
  return { candidateRoles: [hasRole(user, 'dept_head') ? 'leader' : 'dept_head'] };
}

/**
 * 学习记录 (自身建设) by anyone: the instance, its row in `learning_records`, the record with its
 * certificates and the audit event in one transaction, then the acknowledgement workflow.
 */
export const learningProcess = defineProcess<LearningRecord, 'learningRecord'>({
  key: 'learning-record',
  title: { 'zh-CN': '学习记录', en: 'Learning record' },
  startForm: learningRecordForm,
  // 自身建设 is everyone's duty; whoever has no supervisor is acknowledged by the dept head.
  startRoles: [...ROLES],
  workflow: 'learningRecord',
  async check(_deps, _user, record, locale) {
    // Learning is recorded once it happened: today (China date) at the latest.
    if (record.date > chinaDate(new Date())) throw new ValidationError([{ path: '/date', message: t(locale, 'learningDateFuture') }]);
  },
  async describe(record, { instanceId, user }) {
    return {
      businessKey: `learning:${instanceId}`,
      title: `${record.date} ${record.title}`,
      summary: { userId: user.id, title: record.title, kind: record.kind, date: record.date, hours: record.hours, learningStatus: 'submitted' },
    };
  },
  writeRows(tx, record, instance, user) {
    tx.create(LearningRecordSchema, {
      instanceId: instance.id, userId: user.id, year: Number(record.date.slice(0, 4)), title: record.title, kind: record.kind,
      date: record.date, hours: String(record.hours), status: 'submitted',
    });
  },
  async input(deps, instance, record, user) {
    return {
      instanceId: instance.id, submitterId: user.id, acknowledger: await acknowledger(deps, user),
      record: { title: record.title, kind: record.kind, date: record.date, hours: record.hours },
    };
  },
});
