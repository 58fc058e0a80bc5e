import type { EntityManager } from '@mikro-orm/postgresql';
import { ProcessInstanceSchema, UserSchema, type ProcessInstance, type Task } from '../db/entities/index.js';
import { notify, roleHolders, taskAudience, taskNotificationData } from './notifications.js';

/**
 * The notifications the task engine and process ends send, each written in the caller's transaction
 * (the task or instance change it announces) and idempotent under activity retries.
 */

async function instanceTitle(em: EntityManager, instanceId: string): Promise<string | null> {
  return (await em.findOne(ProcessInstanceSchema, { id: instanceId }, { fields: ['title'] }))?.title ?? null;
}

/** A reminder or escalation is about one deadline: after a moved deadline the next one is a new notification. */
const deadlineKey = (task: Task) => `${task.id}@${task.dueAt?.toISOString() ?? '-'}`;

/** A new task: `task_assigned` to whoever it is for, or `task_returned` when a decision sent the step back (`context.returnedBy`). */
export async function announceOpened(em: EntityManager, task: Task): Promise<void> {
  const returnedBy = typeof task.context.returnedBy === 'number' ? task.context.returnedBy : null;
  const extra = returnedBy === null ? {} : {
    actorId: returnedBy,
    actorName: (await em.findOne(UserSchema, { id: returnedBy }, { fields: ['displayName'] }))?.displayName ?? null,
    comment: typeof task.context.comment === 'string' ? task.context.comment : null,
  };
  await notify(em, await taskAudience(em, task), returnedBy === null ? 'task_assigned' : 'task_returned',
    taskNotificationData(task, await instanceTitle(em, task.instanceId), extra), { taskId: task.id, instanceId: task.instanceId });
}

/** The reminder: `task_due_soon` to whoever the task is for. */
export async function announceDueSoon(em: EntityManager, task: Task): Promise<void> {
  await notify(em, await taskAudience(em, task), 'task_due_soon', taskNotificationData(task, await instanceTitle(em, task.instanceId)),
    { taskId: task.id, instanceId: task.instanceId, dedupeKey: deadlineKey(task) });
}

/** The escalation: `task_overdue` to whoever the task was for and to the holders of the roles it now also goes to. */
export async function announceOverdue(em: EntityManager, task: Task, addedRoles: readonly string[]): Promise<void> {
  const users = [...await taskAudience(em, task), ...await roleHolders(em, addedRoles, task.excludedUserIds)];
  await notify(em, users, 'task_overdue', taskNotificationData(task, await instanceTitle(em, task.instanceId), { escalatedTo: [...addedRoles] }),
    { taskId: task.id, instanceId: task.instanceId, dedupeKey: deadlineKey(task) });
}

/** A completed or rejected process: `process_completed` to whoever started it (a withdrawal tells nobody). */
export async function announceEnded(em: EntityManager, instance: ProcessInstance): Promise<void> {
  if (instance.status !== 'completed' && instance.status !== 'rejected') return;
  await notify(em, [instance.startedBy], 'process_completed',
    { processKey: instance.processKey, title: instance.title, status: instance.status }, { instanceId: instance.id });
}

/** A comment as its notifications tell it. */
export interface AnnouncedComment {
  id: string;
  instanceId: string;
  authorId: number;
  text: string;
  mentions: readonly number[];
}

/** How much of a comment a notification carries (the bell's line, a webhook's payload); the thread has it whole. */
const COMMENT_EXCERPT = 200;

/**
 * A new 评论: `comment_mentioned` to each user it @-mentions, and `comment_added` to the process's starter
 * when they neither wrote nor are mentioned in it; never to its author. Both carry the author's name and the
 * start of the text, and are keyed by the comment, so writing them again tells nobody twice.
 */
export async function announceComment(em: EntityManager, comment: AnnouncedComment, instance: Pick<ProcessInstance, 'processKey' | 'title' | 'startedBy'>,
  authorName: string): Promise<void> {
  const chars = [...comment.text];
  const text = chars.length > COMMENT_EXCERPT ? `${chars.slice(0, COMMENT_EXCERPT).join('')}…` : comment.text;
  const data = { processKey: instance.processKey, title: instance.title, actorId: comment.authorId, actorName: authorName, comment: text };
  const refs = { instanceId: comment.instanceId, dedupeKey: `comment:${comment.id}` };
  const mentioned = comment.mentions.filter((id) => id !== comment.authorId);
  await notify(em, mentioned, 'comment_mentioned', data, refs);
  if (instance.startedBy !== comment.authorId && !mentioned.includes(instance.startedBy)) {
    await notify(em, [instance.startedBy], 'comment_added', data, refs);
  }
}
