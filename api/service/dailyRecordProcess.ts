import type { EntityManager } from '@mikro-orm/postgresql';
import { CustomerVisitSchema, ProcessInstanceSchema, TaskSchema } from '../../db/entities/index.js';
import { chinaDate, chinaMidnight, DAY_MS } from '../../domain/chinaTime.js';
import { dailyRecordForm, type DailyRecord } from '../../forms/dailyRecord.js';
import { ConflictError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { defineProcess } from '../processes/processDefinition.js';
import { activeSupervisorOf } from './serviceRequestProcess.js';

/** The day's own records of `userId`: the visits they recorded and the tasks they completed (China date). */
export async function dayFacts(em: EntityManager, userId: number, date: string) {
  const from = chinaMidnight(date);
  const to = new Date(from.getTime() + DAY_MS);
  const visits = await em.find(CustomerVisitSchema, { managerId: userId, arrivedAt: { $gte: from, $lt: to } }, { orderBy: { arrivedAt: 'asc' } });
  const tasks = await em.find(TaskSchema, { completedBy: userId, status: 'done', completedAt: { $gte: from, $lt: to } }, { orderBy: { completedAt: 'asc' } });
  return {
    visits: visits.map((v) => ({ customerId: v.customerId, arrivedAt: v.arrivedAt.toISOString(), analysis: v.analysis, instanceId: v.instanceId })),
    tasksDone: tasks.map((task) => ({ name: task.name, instanceId: task.instanceId, completedAt: task.completedAt!.toISOString() })),
  };
}

/**
 * 工作日志 (the daily 工作记录 every duty asks for): a customer manager files their day, once per day; the
 * day's visits and completed tasks are taken from the records and kept in the instance's summary; their
 * supervisor reads it and may comment.
 */
export const dailyRecordProcess = defineProcess<DailyRecord, 'dailyRecord'>({
  key: 'daily-record',
  title: { 'zh-CN': '工作日志', en: 'Daily work record' },
  startForm: dailyRecordForm,
  startRoles: ['customer_manager'],
  workflow: 'dailyRecord',
  busy: 'dailyRecordExists',
  async check(deps, user, record, locale) {
    if (record.date > chinaDate(new Date())) throw new ValidationError([{ path: '/date', message: t(locale, 'dailyRecordFuture') }]);
    // One record a day, also once the supervisor has read it (the open-instance key alone allows another then).
    const filed = await deps.orm.em.fork().findOne(ProcessInstanceSchema, {
      processKey: 'daily-record', businessKey: `daily:${user.id}:${record.date}`, status: { $nin: ['failed', 'cancelled'] },
    });
    if (filed) throw new ConflictError('dailyRecordExists', { date: record.date }, { instanceId: filed.id });
  },
  async describe(record, { user, tx }) {
    const facts = await dayFacts(tx, user.id, record.date);
    return {
      businessKey: `daily:${user.id}:${record.date}`,
      title: `${record.date} ${user.username}`,
      summary: { date: record.date, authorId: user.id, visits: facts.visits, tasksDone: facts.tasksDone },
    };
  },
  sameStart: (instance, data) => typeof data === 'object' && data !== null && (data as { date?: unknown }).date === instance.summary.date,
  async input(deps, instance, record, user) {
    const summary = instance.summary as { visits?: unknown[]; tasksDone?: unknown[] };
    return {
      instanceId: instance.id, authorId: user.id, supervisorId: await activeSupervisorOf(deps.orm.em.fork(), user.id),
      day: { date: record.date, visits: summary.visits?.length ?? 0, tasksDone: summary.tasksDone?.length ?? 0 },
    };
  },
});
