import { defineEntity, type InferEntity } from '@mikro-orm/core';

/**
 * What a notification announces. `webhook_test`: the user asked for a test send of their webhook (个人设置 → 发送测试);
 * `comment_mentioned`: a 评论 @-mentioned the user; `comment_added`: someone commented on a process the user started.
 */
export const NOTIFICATION_KINDS = [
  'task_assigned', 'task_due_soon', 'task_overdue', 'task_returned', 'task_chased', 'task_completed', 'process_completed',
  'task_cc', 'webhook_test', 'comment_mentioned', 'comment_added',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One entry of a user's notification centre. Written only by activities (see activities/notifications). */
export const NotificationSchema = defineEntity({
  name: 'Notification',
  tableName: 'notifications',
  properties: (p) => ({
    id: p.uuid().primary(),
    userId: p.integer(),
    kind: p.enum([...NOTIFICATION_KINDS]),
    taskId: p.uuid().nullable(),
    instanceId: p.uuid().nullable(),
    /** With user and kind, what makes a second write of the same notification a no-op (default: the task or instance id). */
    dedupeKey: p.string().length(200),
    /** What the UI shows: process key, step name key, title, due date, who did it. */
    data: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    readAt: p.datetime().nullable(),
  }),
  uniques: [{ properties: ['userId', 'kind', 'dedupeKey'] }],
});

export type Notification = InferEntity<typeof NotificationSchema>;
