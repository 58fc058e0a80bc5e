import type { MikroORM } from '@mikro-orm/postgresql';
import { HAND_OVER_EVENTS } from '../db/audit.js';
import { InstanceWatcherSchema } from '../db/entities/index.js';
import { transferredAudience, type TaskAudience } from '../domain/taskRules.js';
import type { HandOverReason, SignerPosition } from '../workflows/types.js';
import { notify, type Notifier } from './notifications.js';
import { changeOpenTask, writeAudience } from './taskActivities.js';

/** Approval actions on an open task (转交, 加签, 抄送), each audited and safe to retry. */
export function createTaskActionActivities(orm: MikroORM, notifier: Notifier) {
  return {
    /**
     * 转交 writes the task's `audience` as the workflow decided it (`userId` personally) and drops any claim;
     * 加签 is recorded (the workflow opens the signer's task). A transfer without `audience` (a caller from
     * before the workflow passed it) goes to `userId` by the same rule.
     */
    async recordTaskAction(input: { taskId: string; actorId: number; action: 'transfer' | 'addSigner'; userId: number;
      position: SignerPosition | null; reason: string; audience?: TaskAudience }): Promise<void> {
      await changeOpenTask(orm, input.taskId, (task) => {
        if (input.action === 'addSigner') {
          return { type: HAND_OVER_EVENTS.addSigner, actorId: input.actorId, data: { userId: input.userId, position: input.position, reason: input.reason } };
        }
        const from = task.claimedBy ?? task.assigneeId ?? null;
        if (!writeAudience(task, input.audience ?? transferredAudience(task, input.userId))) return undefined; // a retry
        task.claimedBy = null;
        return { type: HAND_OVER_EVENTS.transfer, actorId: input.actorId, data: { from, to: input.userId, reason: input.reason } };
      }, async (tx, task) => {
        if (input.action !== 'transfer') return;
        await notify(tx, [input.userId], 'task_assigned', { processKey: task.processKey, step: task.name, title: task.context.title ?? null,
          transferredBy: input.actorId, reason: input.reason }, { taskId: task.id, dedupeKey: `${task.id}:transfer:${input.userId}` });
      });
      await notifier.dispatch({ taskId: input.taskId });
    },

    /**
     * A task handed on by the administration: the audience the workflow decided, no claim; audited with
     * whom it left and why, and its new holder is told (a role queue finds it in the group inbox).
     */
    async recordHandOver(input: { taskId: string; actorId: number | null; fromUserId: number; reason: HandOverReason; audience: TaskAudience }): Promise<void> {
      await changeOpenTask(orm, input.taskId, (task) => {
        if (!writeAudience(task, input.audience)) return undefined; // a retry
        task.claimedBy = null;
        return { type: 'task.handedOver', actorId: input.actorId,
          data: { from: input.fromUserId, to: input.audience.assigneeId, roles: input.audience.candidateRoles, reason: input.reason } };
      }, async (tx, task) => {
        if (input.audience.assigneeId === null) return;
        await notify(tx, [input.audience.assigneeId], 'task_assigned', { processKey: task.processKey, step: task.name,
          title: task.context.title ?? null, handedOverFrom: input.fromUserId, handOverReason: input.reason },
        { taskId: task.id, dedupeKey: `${task.id}:handover:${input.fromUserId}` });
      });
      await notifier.dispatch({ taskId: input.taskId });
    },

    /** 抄送: `userIds` may read the process from now on and are told so; once per request. */
    async ccTask(input: { taskId: string; actorId: number; userIds: number[]; reason: string; requestId: string }): Promise<void> {
      await changeOpenTask(orm, input.taskId, () => ({
        type: 'task.cc', actorId: input.actorId, data: { userIds: input.userIds, reason: input.reason, requestId: input.requestId },
      }), async (tx, task) => {
        for (const userId of input.userIds) {
          await tx.upsert(InstanceWatcherSchema, { instanceId: task.instanceId, userId, addedBy: input.actorId },
            { onConflictAction: 'ignore' });
        }
        await notify(tx, input.userIds, 'task_cc', { processKey: task.processKey, step: task.name, title: task.context.title ?? null,
          by: input.actorId, reason: input.reason }, { taskId: task.id, dedupeKey: `${task.id}:cc:${input.requestId}` });
      });
      await notifier.dispatch({ taskId: input.taskId });
    },
  };
}

export type TaskActionActivities = ReturnType<typeof createTaskActionActivities>;
