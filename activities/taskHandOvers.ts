import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { appendAudit } from '../db/audit.js';
import { handOverUpdate } from '../workflows/definitions.js';
import { TASK_REJECTIONS, type HandOverReason } from '../workflows/types.js';

/**
 * Hand-overs asked for by the administration (table `task_handovers`): the deactivation or the customer
 * reassignment writes them in its own transaction; `carryOutHandOvers` sends each to the task's workflow,
 * which decides the new holder (domain/taskRules.ts handedOverAudience) and writes the task row. The API
 * calls it at once, the reconciler on every pass for what is left, so none is lost to an outage.
 */

/** What one run of hand-overs did. */
export interface HandOverCounts {
  handedOver: number;
  /** Closed meanwhile, or no longer theirs: nothing to hand on. */
  notTheirs: number;
  /** Temporal could not be asked now: the reconciler tries again. */
  pending: number;
}

/** How long one hand-over may wait for its workflow. */
const DEADLINE_MS = 10_000;
const PER_RUN = 200;

/**
 * In `tx`, the deactivation of `userId`: each open task assigned to them is to go to their active
 * supervisor (else the step's role queue), and their claims on group tasks are given back (a claim is
 * the inbox's alone, not a process step). Returns the tasks to be handed on.
 */
export async function requestHandOversOfDeactivated(tx: EntityManager, userId: number, actorId: number | null): Promise<string[]> {
  const released = await tx.execute<{ id: string; instance_id: string }[]>(`
update tasks set claimed_by = null
where status = 'open' and claimed_by = ? and assignee_id is distinct from ?
returning id, instance_id`, [userId, userId]);
  for (const task of released) {
    appendAudit(tx, { type: 'task.unclaimed', actorId, instanceId: task.instance_id, taskId: task.id, data: { from: userId, reason: 'deactivated' } });
  }
  const requested = await tx.execute<{ task_id: string }[]>(`
insert into task_handovers (task_id, from_user_id, to_user_id, reason, actor_id)
select t.id, t.assignee_id, s.id, 'deactivated', ?
from tasks t join users u on u.id = t.assignee_id left join users s on s.id = u.supervisor_id and s.active and s.id <> u.id
where t.status = 'open' and t.assignee_id = ?
on conflict (task_id, from_user_id) do nothing
returning task_id`, [actorId, userId]);
  return requested.map((r) => r.task_id);
}

/**
 * In `tx`, a customer reassignment: the open tasks about each moved customer (its instance's
 * `summary.customerId`) that its former manager holds personally are to go to the new manager.
 */
export async function requestHandOversOfCustomers(tx: EntityManager, moved: { id: number; fromManagerId: number }[],
  toManagerId: number, actorId: number): Promise<string[]> {
  if (!moved.length) return [];
  const requested = await tx.execute<{ task_id: string }[]>(`
insert into task_handovers (task_id, from_user_id, to_user_id, reason, actor_id)
select t.id, t.assignee_id, ?, 'customerReassigned', ?
from tasks t
join process_instances i on i.id = t.instance_id
join jsonb_to_recordset(?::jsonb) as m(id int, "fromManagerId" int)
  on i.summary ->> 'customerId' = m.id::text and t.assignee_id = m."fromManagerId"
where t.status = 'open'
on conflict (task_id, from_user_id) do nothing
returning task_id`, [toManagerId, actorId, JSON.stringify(moved)]);
  return requested.map((r) => r.task_id);
}

/**
 * Tasks opened for someone after they were deactivated (a process went on to its next step): asked for
 * like the deactivation's, by the reconciler.
 */
export async function requestHandOversOfInactiveHolders(orm: MikroORM): Promise<number> {
  const requested = await orm.em.fork().execute<{ task_id: string }[]>(`
insert into task_handovers (task_id, from_user_id, to_user_id, reason, actor_id)
select t.id, t.assignee_id, s.id, 'deactivated', null
from tasks t join users u on u.id = t.assignee_id and not u.active
left join users s on s.id = u.supervisor_id and s.active and s.id <> u.id
where t.status = 'open'
on conflict (task_id, from_user_id) do nothing
returning task_id`);
  return requested.length;
}

interface PendingHandOver {
  task_id: string;
  instance_id: string;
  from_user_id: number;
  from_roles: string[];
  to_user_id: number | null;
  reason: HandOverReason;
  actor_id: number | null;
}

/** Sends the pending hand-overs (those of `taskIds`, else the oldest) to their workflows. */
export async function carryOutHandOvers(orm: MikroORM, temporal: Client, taskIds?: string[]): Promise<HandOverCounts> {
  if (taskIds?.length === 0) return { handedOver: 0, notTheirs: 0, pending: 0 };
  const em = orm.em.fork();
  const pending = await em.execute<PendingHandOver[]>(`
select h.task_id, t.instance_id, h.from_user_id, u.roles as from_roles, h.to_user_id, h.reason, h.actor_id
from task_handovers h join tasks t on t.id = h.task_id join users u on u.id = h.from_user_id
where h.done_at is null ${taskIds ? 'and h.task_id in (select value::uuid from jsonb_array_elements_text(?::jsonb))' : ''}
order by h.created_at limit ?`, taskIds ? [JSON.stringify(taskIds), PER_RUN] : [PER_RUN]);
  const counts: HandOverCounts = { handedOver: 0, notTheirs: 0, pending: 0 };
  for (const row of pending) {
    const outcome = await send(temporal, row);
    if (outcome === 'pending') {
      counts.pending += 1;
      continue;
    }
    counts[outcome] += 1;
    await em.execute('update task_handovers set done_at = now(), outcome = ? where task_id = ? and from_user_id = ? and done_at is null',
      [outcome, row.task_id, row.from_user_id]);
  }
  return counts;
}

/**
 * Hands the tasks just requested on now, as far as Temporal takes them (without a client: none now);
 * what is left waits for the reconciler.
 */
export async function handOverAtOnce(orm: MikroORM, temporal: Client | undefined, taskIds: string[]) {
  const done = temporal ? await carryOutHandOvers(orm, temporal, taskIds) : { handedOver: 0, notTheirs: 0, pending: taskIds.length };
  return { requested: taskIds.length, handedOver: done.handedOver, pending: done.pending };
}

/** One hand-over through the task's workflow; the update id makes a repeat the same hand-over. */
async function send(temporal: Client, row: PendingHandOver): Promise<'handedOver' | 'notTheirs' | 'pending'> {
  try {
    await temporal.connection.withDeadline(Date.now() + DEADLINE_MS, () => temporal.workflow.getHandle(row.instance_id).executeUpdate(handOverUpdate, {
      args: [{
        taskId: row.task_id, fromUserId: Number(row.from_user_id), fromRoles: row.from_roles,
        toUserId: row.to_user_id === null ? null : Number(row.to_user_id), reason: row.reason,
        actorId: row.actor_id === null ? null : Number(row.actor_id),
      }],
      updateId: `handover:${row.task_id}:${row.from_user_id}`,
    }));
    return 'handedOver';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return 'notTheirs';
    const type = err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? err.cause.type : undefined;
    return type === TASK_REJECTIONS.closed || type === TASK_REJECTIONS.notAllowed ? 'notTheirs' : 'pending';
  }
}
