import type { EntityManager } from '@mikro-orm/postgresql';
import { STARTER_CHASE_EVENT, writeStarterChase } from '../../activities/starterChase.js';
import { AuditEventSchema, OPEN_INSTANCE_STATUSES, TaskSchema, UserSchema, type ProcessInstance, type Task } from '../../db/entities/index.js';
import { chinaDateTime } from '../../domain/chinaTime.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ConflictError, ForbiddenError } from '../http/errors.js';
import type { MessageKey } from '../http/messages.js';
import { visibleInstance } from './instanceService.js';
import { apiNotifier } from '../notifications/apiNotifier.js';
import type { ChaseBody, ChaseResult } from './processContract.js';

/** A task may be chased once an hour (whoever chased it last). */
export const CHASE_INTERVAL_MS = 60 * 60 * 1000;

/** An open task the starter cannot do themselves: someone else holds it (by name, claim or role). */
function heldByOthers(task: Task, starterId: number): boolean {
  if (task.claimedBy != null) return task.claimedBy !== starterId;
  if (task.assigneeId != null) return task.assigneeId !== starterId;
  return task.candidateRoles.length > 0;
}

type Chased = ChaseResult['chased'][number];

/** The answer a chase (or the same request again) gives, from its timeline events. */
function answer(events: { taskId?: string | null; data: Record<string, unknown>; at: Date }[]): ChaseResult {
  const chased: Chased[] = events.map((e) => ({
    taskId: e.taskId ?? '', step: String(e.data.step ?? ''), userIds: (e.data.to as number[] | undefined) ?? [],
  }));
  const at = Math.max(...events.map((e) => e.at.getTime()));
  return { chased, nextAt: new Date(at + CHASE_INTERVAL_MS).toISOString() };
}

/** The events of this request (the same request again finds what it did), read in `em`'s transaction. */
async function eventsOf(em: EntityManager, instanceId: string, actorId: number, requestId: string) {
  const rows = await em.execute<{ id: string | number }[]>(
    `select id from audit_log where instance_id = ? and type = ? and actor_id = ? and data->>'requestId' = ?`,
    [instanceId, STARTER_CHASE_EVENT, actorId, requestId]);
  return rows.length ? em.find(AuditEventSchema, { id: { $in: rows.map((r) => Number(r.id)) } }, { orderBy: { id: 'asc' } }) : [];
}

/**
 * `POST /api/instances/:id/chase {requestId, comment?}`: the starter of a running process 催办 whoever
 * holds its open steps now (not a step of their own), each task at most once an hour.
 */
export async function chaseInstance(deps: ApiDeps, id: string, user: SessionUser, body: ChaseBody): Promise<ChaseResult> {
  const instance = await visibleInstance(deps.orm, deps.orm.em.fork(), id, user);
  if (instance.startedBy !== user.id) throw new ForbiddenError('notStarterChase');
  return chaseTasks(deps, instance, user, body, (open) => open.filter((task) => heldByOthers(task, user.id)));
}

/**
 * 催办 of the open tasks of `instance` that `pick` chooses (the caller has checked that `user` may chase
 * them; none: 409 `nothing`), each task at most once an hour whoever chased it last. The chase moves no step of the process, so
 * it is no update of its workflow (as a claim is not): one transaction writes the timeline event and the
 * notification, the task rows locked so two chases at once cannot both pass the hour. The same request
 * again answers what it did the first time.
 */
export async function chaseTasks(deps: ApiDeps, instance: ProcessInstance, user: SessionUser, body: ChaseBody,
  pick: (open: Task[]) => Task[], nothing: { key: MessageKey; params?: Record<string, string> } = { key: 'chaseNothing' }): Promise<ChaseResult> {
  const em = deps.orm.em.fork();
  const { requestId } = body;
  const comment = (body.comment ?? '').trim();
  const me = await em.findOneOrFail(UserSchema, { id: user.id }, { fields: ['displayName'] });

  const result = await em.transactional(async (tx) => {
    const open = await tx.find(TaskSchema, { instanceId: instance.id, status: 'open' }, { orderBy: { createdAt: 'asc' } });
    const targets = pick(open);
    // Held until the commit: a second chase of these tasks (or this one sent twice) waits here, then sees this one.
    if (targets.length) {
      await tx.execute(`select id from tasks where id in (${targets.map(() => '?').join(', ')}) for update`, targets.map((task) => task.id));
    }
    const earlier = await eventsOf(tx, instance.id, user.id, requestId);
    if (earlier.length) return answer(earlier);
    if (!(OPEN_INSTANCE_STATUSES as readonly string[]).includes(instance.status)) throw new ConflictError('chaseEnded');
    if (targets.length === 0) throw new ConflictError(nothing.key, nothing.params);
    const since = new Date(Date.now() - CHASE_INTERVAL_MS);
    const recent = await tx.find(AuditEventSchema, { type: STARTER_CHASE_EVENT, taskId: { $in: targets.map((task) => task.id) }, at: { $gt: since } },
      { orderBy: { at: 'desc' } });
    const due = targets.filter((task) => !recent.some((e) => e.taskId === task.id));
    if (due.length === 0) {
      const next = new Date(Math.min(...recent.map((e) => e.at.getTime())) + CHASE_INTERVAL_MS);
      throw new ConflictError('chaseTooSoon', { time: chinaDateTime(next) }, { nextAt: next.toISOString() });
    }
    for (const task of due) await writeStarterChase(tx, { task, actorId: user.id, actorName: me.displayName, comment, requestId });
    await tx.flush();
    // Read back as a repeat would: the same request answers the same, to the millisecond.
    return answer(await eventsOf(tx, instance.id, user.id, requestId));
  });

  const notifier = apiNotifier(deps);
  for (const { taskId } of result.chased) await notifier.dispatch({ taskId });
  return result;
}
