import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { NotificationKind, Task } from '../db/entities/index.js';
import { arrayParam, INT_ARRAY_PARAM, TEXT_ARRAY_PARAM } from '../db/sqlArrays.js';
import type { AllowEntry } from '../runtime/outboundAddress.js';
import type { DeliverWebhookInput } from '../workflows/webhookDelivery.js';

/** What a notification is about; `dedupeKey` (default: the task id, else the instance id) makes a repeat a no-op. */
export interface NotificationRefs {
  taskId?: string | null;
  instanceId?: string | null;
  /** Give one when the same user may get this kind about the same task more than once (e.g. each 催办). */
  dedupeKey?: string;
}

// One statement: the notifications, and a delivery for each whose user's webhook is enabled for the kind.
// ON CONFLICT keeps the transaction alive when a retried activity writes the same notification again.
const NOTIFY = `
with added as (
  insert into notifications (user_id, kind, task_id, instance_id, dedupe_key, data)
  select u.id, ?, ?, ?, ?, ?::jsonb from users u where u.id = any(${INT_ARRAY_PARAM}) and u.active
  on conflict do nothing
  returning id, user_id, kind
)
insert into webhook_deliveries (notification_id, user_id)
select a.id, a.user_id from added a join webhooks w on w.user_id = a.user_id where w.enabled and a.kind = any(w.kinds)
returning id`;

/**
 * Writes a notification of `kind` for each of `userIds` (inactive users skipped) in `em`'s transaction,
 * with a webhook delivery for each user whose webhook takes `kind`. Writing the same notification again
 * (same user, kind and dedupe key) does nothing, so it is safe in a retried activity. After the
 * transaction commits, call `Notifier.dispatch` with the same refs to send the deliveries.
 * Returns the ids of the deliveries written.
 */
export async function notify(em: EntityManager, userIds: readonly number[], kind: NotificationKind,
  data: Record<string, unknown>, refs: NotificationRefs = {}): Promise<string[]> {
  const dedupeKey = refs.dedupeKey ?? refs.taskId ?? refs.instanceId;
  if (!dedupeKey) throw new Error(`notify(${kind}): a taskId, instanceId or dedupeKey is needed`);
  const users = [...new Set(userIds)];
  if (users.length === 0) return [];
  const rows = await em.execute<{ id: string }[]>(NOTIFY,
    [kind, refs.taskId ?? null, refs.instanceId ?? null, dedupeKey, JSON.stringify(data), arrayParam(users)]);
  return rows.map((row) => row.id);
}

/** Active users holding any of `roles`, except `excluded`. */
export async function roleHolders(em: EntityManager, roles: readonly string[], excluded: readonly number[] = []): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await em.execute<{ id: number }[]>(
    `select id from users where active and roles && ${TEXT_ARRAY_PARAM} and not (id = any(${INT_ARRAY_PARAM})) order by id`,
    [arrayParam(roles), arrayParam(excluded)]);
  return rows.map((row) => row.id);
}

/** Who a task speaks to now: whoever claimed it, else its assignee, else every holder of its candidate roles (minus the excluded). */
export async function taskAudience(em: EntityManager, task: Pick<Task, 'claimedBy' | 'assigneeId' | 'candidateRoles' | 'excludedUserIds'>):
  Promise<number[]> {
  if (task.claimedBy != null) return [task.claimedBy];
  if (task.assigneeId != null) return [task.assigneeId];
  return roleHolders(em, task.candidateRoles, task.excludedUserIds);
}

/** What every task notification carries for the UI. */
export function taskNotificationData(task: Pick<Task, 'processKey' | 'name' | 'dueAt'>, title: string | null,
  extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { processKey: task.processKey, step: task.name, title, dueAt: task.dueAt?.toISOString() ?? null, ...extra };
}

/**
 * How webhook deliveries are started: a Temporal client, the worker's task queue, the retry policy;
 * and the admin's allow-list of otherwise refused addresses they may be sent to (DUTYFLOW_WEBHOOK_ALLOW).
 */
export interface WebhookDispatchOptions {
  client: Client;
  taskQueue: string;
  retryInitialMs: number;
  maxAttempts: number;
  allowList?: readonly AllowEntry[];
}

/** The workflow id of a delivery: starting it twice is one delivery. */
export const deliveryWorkflowId = (deliveryId: string) => `webhook-${deliveryId}`;

const PENDING_FOR_TASK = `select d.id from webhook_deliveries d join notifications n on n.id = d.notification_id
  where d.status = 'pending' and n.task_id = ?`;
const PENDING_FOR_INSTANCE = `select d.id from webhook_deliveries d join notifications n on n.id = d.notification_id
  where d.status = 'pending' and n.instance_id = ? and n.task_id is null`;

/**
 * Sends webhook deliveries once their rows are committed: each runs as its own `deliverWebhook`
 * workflow. Without `options` (activities called directly, outside a worker) deliveries stay pending.
 */
export function createNotifier(orm: MikroORM, options: WebhookDispatchOptions | undefined) {
  async function start(deliveryId: string): Promise<void> {
    if (!options) return;
    const input: DeliverWebhookInput = {
      deliveryId, retry: { initialIntervalMs: options.retryInitialMs, maximumAttempts: options.maxAttempts },
    };
    try {
      await options.client.workflow.start('deliverWebhook', {
        workflowId: deliveryWorkflowId(deliveryId), taskQueue: options.taskQueue, args: [input],
        // Never a second run for the same delivery, even after the first has ended.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  return {
    /**
     * Starts the delivery of every pending delivery of the notifications about `refs.taskId` (or, without
     * one, about `refs.instanceId` alone). Call after the transaction that called `notify` committed;
     * a retry also starts what an earlier attempt wrote but could not start.
     */
    async dispatch(refs: { taskId?: string | null; instanceId?: string | null }): Promise<void> {
      if (!options) return;
      const [sql, key] = refs.taskId ? [PENDING_FOR_TASK, refs.taskId] : [PENDING_FOR_INSTANCE, refs.instanceId];
      if (!key) return;
      const rows = await orm.em.fork().execute<{ id: string }[]>(sql, [key]);
      await Promise.all(rows.map((row) => start(row.id)));
    },

    /**
     * Starts the given deliveries (written by the caller, whose transaction has committed): for a delivery
     * not written by `notify`, such as a webhook's test send. Starting one again does nothing.
     */
    async start(deliveryIds: readonly string[]): Promise<void> {
      await Promise.all(deliveryIds.map((id) => start(id)));
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
