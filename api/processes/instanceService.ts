import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  AuditEventSchema, FormRecordSchema, InstanceWatcherSchema, ProcessInstanceSchema, TaskSchema,
  type AuditEvent, type FormRecord, type ProcessInstance, type Task,
} from '../../db/entities/index.js';
import { HAND_OVER_EVENTS } from '../../db/audit.js';
import type { SessionUser } from '../http/auth.js';
import type { Locale } from '../../forms/formDefinition.js';
import { customerBusinessKey } from '../../domain/regradeRules.js';
import { NotFoundError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { isUuid, paging, positiveInt } from '../http/requestBody.js';
import { canSee, taskJson } from '../tasks/taskView.js';
import { processesOverseenBy } from './processCatalog.js';
import { overseenUserIds, overseesWorkOf, type InstanceParts } from '../http/visibility.js';
import { allocationParts } from '../allocation/allocationParts.js';

/** Processes whose one instance holds a part per person. */
const PER_PERSON_PARTS: readonly InstanceParts[] = [allocationParts];

/** Tasks `user` is or was assigned, claimed or completed. */
function involving(user: SessionUser) {
  return { $or: [{ assigneeId: user.id }, { completedBy: user.id }, { claimedBy: user.id }] };
}

/**
 * The hand-overs `user` made (转交, 加签): the task row keeps only its new holder, the audit event the
 * action wrote keeps who handed it on — still a participant, whose 已办 links to the process.
 */
function handedOnBy(user: SessionUser) {
  return { actorId: user.id, type: { $in: Object.values(HAND_OVER_EVENTS) } };
}

/** Instances that gave `user` a task (one they still hold, completed or handed on). */
async function involvedIn(em: EntityManager, user: SessionUser): Promise<string[]> {
  const tasks = await em.createQueryBuilder(TaskSchema).select('instanceId', true).where(involving(user))
    .execute<{ instanceId: string }[]>('all', true);
  const handedOn = await em.createQueryBuilder(AuditEventSchema).select('instanceId', true).where(handedOnBy(user))
    .execute<{ instanceId: string | null }[]>('all', true);
  return [...new Set([...tasks, ...handedOn].flatMap((row) => (row.instanceId ? [row.instanceId] : [])))];
}

/**
 * The dept head, leaders and admins read every instance; others those started by someone whose
 * work they oversee (themselves, a supervisor's managers) or that gave them a task (also one they handed on). The one rule
 * for an instance (its attachments too); what of its tasks, records and timeline they read, see `visibleContent`.
 */
export async function maySee(orm: MikroORM, em: EntityManager, instance: ProcessInstance, user: SessionUser): Promise<boolean> {
  const overseen = await overseenUserIds(orm, user);
  if (overseesWorkOf(overseen, instance.startedBy)) return true;
  if (processesOverseenBy(user.roles).includes(instance.processKey)) return true;
  if ((await em.count(InstanceWatcherSchema, { instanceId: instance.id, userId: user.id })) > 0) return true; // 抄送
  if ((await em.count(TaskSchema, { instanceId: instance.id, ...involving(user) })) > 0) return true;
  return (await em.count(AuditEventSchema, { instanceId: instance.id, ...handedOnBy(user) })) > 0;
}

/** The instance `id` if `user` may see it; else 404, as if it did not exist (a malformed id too). */
export async function visibleInstance(orm: MikroORM, em: EntityManager, id: string, user: SessionUser): Promise<ProcessInstance> {
  const instance = isUuid(id) ? await em.findOne(ProcessInstanceSchema, { id }) : null;
  if (!instance || !(await maySee(orm, em, instance, user))) throw new NotFoundError('instance');
  return instance;
}

interface InstanceContent {
  tasks: Task[];
  records: FormRecord[];
  timeline: AuditEvent[];
}

/** Tasks of `events` that `userId` was copied in on (抄送). */
function copiedOn(events: AuditEvent[], userId: number): Set<string> {
  const copies = events.filter((e) => e.type === 'task.cc' && e.taskId && (e.data.userIds as number[] | undefined)?.includes(userId));
  return new Set(copies.map((e) => e.taskId!));
}

/**
 * What of an instance `user` (who may see it) reads. In most processes everyone involved works on
 * the one matter (a regrade, a hazard), so seeing the instance is seeing all of it. In an instance of
 * per-person parts a reader sees the parts whose owner's work they oversee and those they were copied
 * in on: those parts' tasks and whatever other task is theirs to read anyway (`canSee`: to act on or
 * acted on), the records and events of those tasks, and of the rest the events they caused, those
 * about an owner of their parts, and the instance's own (the plan as a whole).
 */
async function visibleContent(orm: MikroORM, instance: ProcessInstance, user: SessionUser, content: InstanceContent): Promise<InstanceContent> {
  const parts = PER_PERSON_PARTS.find((p) => p.processKey === instance.processKey);
  if (!parts) return content;
  const overseen = await overseenUserIds(orm, user);
  if (overseen === 'all') return content;
  const copied = copiedOn(content.timeline, user.id);
  const copiedOwners = new Set(content.tasks.filter((task) => copied.has(task.id)).map(parts.taskOwner));
  const inTheirParts = (owner: number | null) => owner !== null && (overseesWorkOf(overseen, owner) || copiedOwners.has(owner));
  const tasks = content.tasks.filter((task) => canSee(task, user) || copied.has(task.id) || inTheirParts(parts.taskOwner(task)));
  const taskIds = new Set(tasks.map((task) => task.id));
  const records = content.records.filter((r) => (r.taskId ? taskIds.has(r.taskId) : inTheirParts(r.createdBy)));
  const timeline = content.timeline.filter((e) => {
    if (e.taskId) return taskIds.has(e.taskId);
    const owner = parts.eventOwner(e);
    return owner === null || inTheirParts(owner) || e.actorId === user.id;
  });
  return { tasks, records, timeline };
}

/** `?customerId=`: absent or empty, or a positive integer (else 422). */
function customerParam(value: unknown, locale: Locale): number | undefined {
  if (value === undefined || value === '') return undefined;
  const id = positiveInt(value);
  if (!id) throw new ValidationError([{ path: '/customerId', message: t(locale, 'notPositiveInt') }]);
  return id;
}

export function instanceJson(instance: ProcessInstance) {
  return {
    // The instance id is its workflow's id (see regradeStart); named for clients that link to the Temporal UI.
    id: instance.id, workflowId: instance.id, processKey: instance.processKey, businessKey: instance.businessKey, title: instance.title,
    status: instance.status, currentStep: instance.currentStep ?? null, startedBy: instance.startedBy,
    summary: instance.summary, startedAt: instance.startedAt, updatedAt: instance.updatedAt, endedAt: instance.endedAt ?? null,
  };
}

/** Reads of process instances: lists and one instance with its tasks, records and timeline. */
export function createInstanceService(orm: MikroORM) {
  return {
    async list(user: SessionUser, query: Record<string, unknown>, locale: Locale) {
      const em = orm.em.fork();
      const { page, size, offset } = paging(query);
      const where: Record<string, unknown> = {};
      if (typeof query.process === 'string' && query.process) where.processKey = query.process;
      if (typeof query.status === 'string' && query.status) where.status = query.status;
      const customerId = customerParam(query.customerId, locale);
      if (customerId) where.businessKey = customerBusinessKey(customerId);
      const overseen = await overseenUserIds(orm, user);
      if (overseen !== 'all') {
        where.$or = [
          { startedBy: { $in: overseen } }, { id: { $in: await involvedIn(em, user) } },
          { processKey: { $in: processesOverseenBy(user.roles) } },
          { id: { $in: (await em.find(InstanceWatcherSchema, { userId: user.id }, { fields: ['instanceId'] })).map((w) => w.instanceId) } },
        ];
      }
      const [items, total] = await em.findAndCount(ProcessInstanceSchema, where, {
        orderBy: { startedAt: 'desc' }, limit: size, offset,
      });
      return { items: items.map(instanceJson), total, page, size };
    },

    async get(id: string, user: SessionUser) {
      const em = orm.em.fork();
      const instance = await visibleInstance(orm, em, id, user);
      const [allTasks, allRecords, allEvents] = await Promise.all([
        em.find(TaskSchema, { instanceId: id }, { orderBy: { createdAt: 'asc' } }),
        em.find(FormRecordSchema, { instanceId: id }, { orderBy: { createdAt: 'asc' } }),
        em.find(AuditEventSchema, { instanceId: id }, { orderBy: { id: 'asc' } }),
      ]);
      const { tasks, records, timeline } = await visibleContent(orm, instance, user, { tasks: allTasks, records: allRecords, timeline: allEvents });
      return {
        ...instanceJson(instance),
        tasks: tasks.map((task) => taskJson(task, user)),
        records: records.map((r) => ({
          id: r.id, formKey: r.formKey, formVersion: r.formVersion, data: r.data, taskId: r.taskId ?? null,
          createdBy: r.createdBy, createdAt: r.createdAt,
        })),
        timeline: timeline.map((e) => ({ at: e.at, type: e.type, actorId: e.actorId ?? null, taskId: e.taskId ?? null, data: e.data })),
      };
    },
  };
}
