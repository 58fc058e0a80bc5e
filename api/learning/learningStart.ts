import { randomUUID } from 'node:crypto';
import { chinaDate } from '../../domain/chinaTime.js';
import { FormRecordSchema, LearningRecordSchema, ProcessInstanceSchema, UserSchema, type ProcessInstance } from '../../db/entities/index.js';
import { appendAudit } from '../../db/audit.js';
import { attachmentRefs } from '../../forms/attachmentFields.js';
import type { Locale } from '../../forms/formDefinition.js';
import { learningRecordForm, type LearningRecord } from '../../forms/learningRecord.js';
import type { LearningAcknowledger, LearningInput } from '../../workflows/learningRecord.js';
import { linkAttachments } from '../attachments/attachmentService.js';
import { hasRole, type SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { ensureWorkflow, startOnce } from '../processes/processStart.js';

const PROCESS_KEY = 'learning-record';

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

async function learningInput(deps: ApiDeps, user: SessionUser, instanceId: string, record: LearningRecord): Promise<LearningInput> {
  return {
    instanceId, submitterId: user.id, acknowledger: await acknowledger(deps, user),
    record: { title: record.title, kind: record.kind, date: record.date, hours: record.hours },
  };
}

/**
 * 学习记录 by anyone: the instance, its row in `learning_records`, the record (certificates linked to
 * it) and the audit event in one transaction, then the workflow. The same requestId again returns
 * the same record.
 */
export async function startLearningRecord(deps: ApiDeps, user: SessionUser, locale: Locale, data: unknown, requestId: string):
  Promise<{ instance: ProcessInstance; created: boolean }> {
  return startOnce(deps, user, requestId, PROCESS_KEY, {
    create: () => createLearningRecord(deps, user, locale, data, requestId),
    async resume(instance) {
      const record = await deps.orm.em.fork().findOneOrFail(FormRecordSchema, { instanceId: instance.id, taskId: null });
      await ensureWorkflow(deps, instance, 'learningRecord', await learningInput(deps, user, instance.id, record.data as LearningRecord));
    },
  });
}

async function createLearningRecord(deps: ApiDeps, user: SessionUser, locale: Locale, data: unknown, requestId: string): Promise<ProcessInstance> {
  const checked = deps.forms.validate<LearningRecord>(learningRecordForm.key, data, locale);
  if (!checked.ok) throw new ValidationError(checked.errors);
  const record = checked.data;
  // Learning is recorded once it happened: today (China date) at the latest.
  if (record.date > chinaDate(new Date())) throw new ValidationError([{ path: '/date', message: t(locale, 'learningDateFuture') }]);

  const id = randomUUID();
  const instance = await deps.orm.em.fork().transactional(async (tx) => {
    const created = tx.create(ProcessInstanceSchema, {
      id, processKey: PROCESS_KEY, businessKey: `learning:${id}`, status: 'running', startedBy: user.id, startRequestId: requestId,
      title: `${record.date} ${record.title}`,
      summary: { userId: user.id, title: record.title, kind: record.kind, date: record.date, hours: record.hours, learningStatus: 'submitted' },
    });
    tx.create(LearningRecordSchema, {
      instanceId: id, userId: user.id, year: Number(record.date.slice(0, 4)), title: record.title, kind: record.kind,
      date: record.date, hours: String(record.hours), status: 'submitted',
    });
    tx.create(FormRecordSchema, {
      id: randomUUID(), formKey: learningRecordForm.key, formVersion: learningRecordForm.version,
      data: record as Record<string, unknown>, instanceId: id, requestId, createdBy: user.id,
    });
    appendAudit(tx, { type: 'instance.started', actorId: user.id, instanceId: id, data: { processKey: PROCESS_KEY } });
    await tx.flush(); // the instance row exists before certificates are linked to it
    await linkAttachments(tx, attachmentRefs(learningRecordForm.schema, record), id, user.id, locale);
    return created;
  });
  await ensureWorkflow(deps, instance, 'learningRecord', await learningInput(deps, user, id, record));
  return instance;
}
