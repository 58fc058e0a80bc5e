import { createHmac } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  NotificationSchema, UserSchema, WebhookDeliverySchema, WebhookSchema, type DeliveryStatus, type Notification, type User,
} from '../db/entities/index.js';

/** How long one POST may take before the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
const ERROR_MAX = 500;

/** `sha256=<hex>`: the HMAC-SHA256 of the exact body with the user's secret, as `X-Dutyflow-Signature` carries it. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The JSON a webhook receives for one notification; links are absolute when the public URL is known. */
export function webhookPayload(notification: Notification, user: Pick<User, 'id' | 'username'>, publicUrl: string | null) {
  const link = (path: string, id: string | null | undefined) => (id ? `${publicUrl ?? ''}/${path}/${id}` : null);
  return {
    id: notification.id,
    kind: notification.kind,
    createdAt: notification.createdAt.toISOString(),
    user: { id: user.id, username: user.username },
    data: notification.data,
    links: { task: link('tasks', notification.taskId), instance: link('instances', notification.instanceId) },
  };
}

/** Why a POST failed, short and without the request (it would hold nothing secret, but the log is for people). */
function failureText(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `timeout after ${WEBHOOK_TIMEOUT_MS / 1000} s`;
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/** The sending side of webhooks, run by the `deliverWebhook` workflow. */
export function createWebhookActivities(orm: MikroORM, options: { publicUrl: string | null; timeoutMs?: number }) {
  return {
    /**
     * One attempt to POST a delivery's notification to its user's webhook. Records the attempt on the
     * delivery row; 2xx marks it delivered, anything else throws so Temporal retries with backoff.
     * A delivery already settled, or whose webhook was removed or disabled meanwhile, is not sent.
     */
    async postWebhook(input: { deliveryId: string }): Promise<Exclude<DeliveryStatus, 'pending'>> {
      const em = orm.em.fork();
      const delivery = await em.findOneOrFail(WebhookDeliverySchema, { id: input.deliveryId });
      if (delivery.status !== 'pending') return delivery.status;
      const [notification, user, webhook] = await Promise.all([
        em.findOneOrFail(NotificationSchema, { id: delivery.notificationId }),
        em.findOneOrFail(UserSchema, { id: delivery.userId }),
        em.findOne(WebhookSchema, { userId: delivery.userId }),
      ]);
      if (!webhook?.enabled) {
        delivery.status = 'failed';
        delivery.lastError = webhook ? 'webhook disabled' : 'webhook removed';
        await em.flush();
        return 'failed';
      }
      const body = JSON.stringify(webhookPayload(notification, user, options.publicUrl));
      let statusCode: number | null = null;
      let error: string | null = null;
      try {
        const response = await fetch(webhook.url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'User-Agent': 'dutyflow-webhook/1',
            'X-Dutyflow-Event': notification.kind,
            'X-Dutyflow-Delivery': delivery.id,
            'X-Dutyflow-Signature': webhookSignature(webhook.secret, body),
            'X-Dutyflow-Timestamp': String(Math.floor(Date.now() / 1000)),
          },
          body,
          // A redirect would resend the signed body elsewhere: it counts as a failed attempt instead.
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
        });
        statusCode = response.status;
        await response.body?.cancel();
        if (!response.ok) error = `HTTP ${response.status}`;
      } catch (err) {
        error = failureText(err).slice(0, ERROR_MAX);
      }
      // Temporal's attempt number also counts attempts whose worker died before writing them down.
      delivery.attempts = Context.current().info.attempt;
      delivery.lastStatusCode = statusCode;
      delivery.lastError = error;
      if (error === null) {
        delivery.status = 'delivered';
        delivery.deliveredAt = new Date();
      }
      await em.flush();
      if (error !== null) throw ApplicationFailure.retryable(error, 'WebhookNotDelivered');
      return 'delivered';
    },

    /** The last attempt failed: the delivery is given up (unless it was settled meanwhile). */
    async markWebhookFailed(input: { deliveryId: string; error?: string }): Promise<void> {
      await orm.em.fork().nativeUpdate(WebhookDeliverySchema, { id: input.deliveryId, status: 'pending' }, {
        status: 'failed', ...(input.error ? { lastError: input.error.slice(0, ERROR_MAX) } : {}),
      });
    },
  };
}

export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
