import type { EntityManager } from '@mikro-orm/postgresql';
import { appendAudit } from '../db/audit.js';
import type { Task } from '../db/entities/index.js';
import { notify, taskAudience } from './notifications.js';

/** The event a starter's 催办 leaves on the instance's timeline (one per task chased). */
export const STARTER_CHASE_EVENT = 'task.chased';

/** One starter's 催办 of one open task, as the API decided it may be sent. */
export interface StarterChase {
  task: Pick<Task, 'id' | 'instanceId' | 'processKey' | 'name' | 'context' | 'claimedBy' | 'assigneeId' | 'candidateRoles' | 'excludedUserIds'>;
  actorId: number;
  actorName: string;
  /** The starter's own words, kept as written (trimmed) in the notification and the timeline; empty: none. */
  comment: string;
  requestId: string;
}

/**
 * In `tx`'s transaction: the timeline event and a `task_chased` notification for whoever holds the task
 * now (its claimant, else its assignee, else its role's holders), both carrying the starter's words.
 * The notification's dedupe key is the request, so the same request written twice tells nobody twice.
 * Returns who was told. The caller dispatches the webhook deliveries after the commit.
 */
export async function writeStarterChase(tx: EntityManager, chase: StarterChase): Promise<number[]> {
  const { task } = chase;
  const holders = (await taskAudience(tx, task)).filter((id) => id !== chase.actorId);
  const comment = chase.comment || null;
  appendAudit(tx, {
    type: STARTER_CHASE_EVENT, actorId: chase.actorId, instanceId: task.instanceId, taskId: task.id,
    data: { requestId: chase.requestId, comment, to: holders, step: task.name },
  });
  await notify(tx, holders, 'task_chased', {
    processKey: task.processKey, step: task.name, title: task.context.title ?? null,
    by: chase.actorId, actorName: chase.actorName, comment,
  }, { taskId: task.id, dedupeKey: `${task.id}:chase:${chase.requestId}` });
  return holders;
}
