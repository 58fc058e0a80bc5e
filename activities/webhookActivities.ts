import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  NotificationSchema, UserSchema, WebhookDeliverySchema, WebhookSchema, type DeliveryStatus, type Notification, type User,
} from '../db/entities/index.js';
import { outboundAddress, type AllowEntry } from '../runtime/outboundAddress.js';

/** How long one POST may take before the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * Why an attempt did not deliver, as the delivery log keeps it: the class of the receiver's answer, or
 * what kept the request from it. Never the receiver's own words or a socket error code: those would
 * tell a user what answers at an address.
 */
export const DELIVERY_FAILURES = ['3xx', '4xx', '5xx', 'refused', 'timeout', 'network', 'disabled', 'removed'] as const;
export type DeliveryFailure = (typeof DELIVERY_FAILURES)[number];

export const isDeliveryFailure = (value: unknown): value is DeliveryFailure => (DELIVERY_FAILURES as readonly unknown[]).includes(value);

/** The class of an HTTP status; `2xx` delivers, anything outside 2xx–4xx counts as `5xx`. */
export function statusClass(status: number): '2xx' | '3xx' | '4xx' | '5xx' {
  if (status >= 200 && status < 300) return '2xx';
  if (status >= 300 && status < 400) return '3xx';
  return status >= 400 && status < 500 ? '4xx' : '5xx';
}

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

class RefusedDestination extends Error {
  override readonly name = 'RefusedDestination';
}

function failureOf(err: unknown): DeliveryFailure {
  if (err instanceof RefusedDestination) return 'refused';
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError') ? 'timeout' : 'network';
}

/**
 * POSTs `body` to `url`; the receiver's HTTP status. The name is resolved and checked once, and the
 * connection goes to that checked address while Host, SNI and the certificate check keep the URL's
 * name: a second DNS answer (rebinding) cannot move it inside. Redirects are not followed.
 */
async function postPinned(url: URL, headers: Record<string, string>, body: string, allowList: readonly AllowEntry[], timeoutMs: number): Promise<number> {
  const signal = AbortSignal.timeout(timeoutMs);
  const pinned = await outboundAddress(url, allowList);
  if (!pinned) throw new RefusedDestination();
  signal.throwIfAborted();
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, {
      method: 'POST', headers: { ...headers, 'Content-Length': Buffer.byteLength(body) }, signal,
      // Its own connection: never a pooled one opened to another address.
      agent: false,
      lookup: (_hostname, options, callback) => (options.all ? callback(null, [pinned]) : callback(null, pinned.address, pinned.family)),
    }, (response) => {
      resolve(response.statusCode ?? 0);
      // Nothing of the answer but its status is kept, so none of it is read.
      response.destroy();
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The sending side of webhooks, run by the `deliverWebhook` workflow. */
export function createWebhookActivities(orm: MikroORM,
  options: { publicUrl: string | null; timeoutMs?: number; /** Refused addresses webhooks may reach anyway. */ allowList?: readonly AllowEntry[] }) {
  return {
    /**
     * One attempt to POST a delivery's notification to its user's webhook. Records the attempt on the
     * delivery row; 2xx marks it delivered, anything else throws so Temporal retries with backoff, but a
     * refused address is given up at once. A delivery already settled, or whose webhook was removed or
     * disabled meanwhile, is not sent.
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
        delivery.lastError = webhook ? 'disabled' : 'removed';
        await em.flush();
        return 'failed';
      }
      const body = JSON.stringify(webhookPayload(notification, user, options.publicUrl));
      let statusCode: number | null = null;
      let failure: DeliveryFailure | null = null;
      try {
        statusCode = await postPinned(new URL(webhook.url), {
          'Content-Type': 'application/json',
          'User-Agent': 'dutyflow-webhook/1',
          'X-Dutyflow-Event': notification.kind,
          'X-Dutyflow-Delivery': delivery.id,
          'X-Dutyflow-Signature': webhookSignature(webhook.secret, body),
          'X-Dutyflow-Timestamp': String(Math.floor(Date.now() / 1000)),
        }, body, options.allowList ?? [], options.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
        const status = statusClass(statusCode);
        if (status !== '2xx') failure = status;
      } catch (err) {
        failure = failureOf(err);
      }
      // Temporal's attempt number also counts attempts whose worker died before writing them down.
      delivery.attempts = Context.current().info.attempt;
      delivery.lastStatusCode = statusCode;
      delivery.lastError = failure;
      if (failure === null) {
        delivery.status = 'delivered';
        delivery.deliveredAt = new Date();
      }
      await em.flush();
      // A refused address is given up at once: it is policy, not a passing fault.
      if (failure === 'refused') throw ApplicationFailure.nonRetryable(failure, 'WebhookRefused');
      if (failure !== null) throw ApplicationFailure.retryable(failure, 'WebhookNotDelivered');
      return 'delivered';
    },

    /**
     * The last attempt failed: the delivery is given up (unless it was settled meanwhile). Only a reason
     * postWebhook gave is kept; any other text (an attempt that timed out as a whole, a database error)
     * is Temporal's or the server's, not the log's, and the last attempt's reason stays.
     */
    async markWebhookFailed(input: { deliveryId: string; error?: string }): Promise<void> {
      await orm.em.fork().nativeUpdate(WebhookDeliverySchema, { id: input.deliveryId, status: 'pending' }, {
        status: 'failed', ...(isDeliveryFailure(input.error) ? { lastError: input.error } : {}),
      });
    },
  };
}

export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
