import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { isDeliveryFailure, statusClass, WEBHOOK_TIMEOUT_MS, type DeliveryFailure } from '../../activities/webhookActivities.js';
import { NotificationSchema, WebhookDeliverySchema, WebhookSchema, type WebhookDelivery } from '../../db/entities/index.js';
import { arrayParam, TEXT_ARRAY_PARAM } from '../../db/sqlArrays.js';
import type { Locale } from '../../forms/formDefinition.js';
import type { AllowEntry } from '../../runtime/outboundAddress.js';
import type { Notifier } from '../../activities/notifications.js';
import type { SessionUser } from '../http/auth.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import { t, type MessageKey } from '../http/messages.js';
import { paging } from '../http/requestBody.js';
import type { WebhookBody } from './notificationContract.js';
import { webhookInput, webhookUrlRefused } from './webhookInput.js';

// One statement, so two saves at once cannot both insert. `xmax = 0`: the row was inserted, not updated.
const SAVE = `
insert into webhooks (user_id, url, secret, enabled, kinds) values (?, ?, ?, ?, ${TEXT_ARRAY_PARAM})
on conflict (user_id) do update set url = excluded.url, enabled = excluded.enabled, kinds = excluded.kinds,
  secret = case when ? then excluded.secret else webhooks.secret end, updated_at = now()
returning url, enabled, kinds, (xmax = 0) as inserted`;

// A test's delivery, found by the request that asked for it.
const TEST_DELIVERY = `select d.id from notifications n join webhook_deliveries d on d.notification_id = n.id
  where n.user_id = ? and n.kind = 'webhook_test' and n.dedupe_key = ?`;
// The test's notification and its delivery, whatever kinds the webhook takes. A second request with the same
// key waits on the unique index for the first to commit, then adds nothing.
const ADD_TEST = `
with added as (
  insert into notifications (user_id, kind, dedupe_key, data) values (?, 'webhook_test', ?, ?::jsonb)
  on conflict do nothing
  returning id, user_id
)
insert into webhook_deliveries (notification_id, user_id) select id, user_id from added
returning id`;

/** A secret for a user who gave none: 32 URL-safe characters (192 bits). */
const newSecret = () => randomBytes(24).toString('base64url');

const FAILURE_MESSAGES = {
  '3xx': 'webhookRedirected', '4xx': 'webhookRejected', '5xx': 'webhookServerError', refused: 'webhookRefused',
  timeout: 'webhookTimeout', network: 'webhookUnreachable', disabled: 'webhookDisabled', removed: 'webhookRemoved',
} as const satisfies Record<DeliveryFailure, MessageKey>;

/**
 * The class of the last attempt's result; null before the first. Rows written before there were classes
 * hold free text (a socket error code, say): they are read by their status code, else as `network`.
 */
function lastOutcome(delivery: WebhookDelivery): DeliveryFailure | '2xx' | null {
  if (isDeliveryFailure(delivery.lastError)) return delivery.lastError;
  if (delivery.lastStatusCode != null) return statusClass(delivery.lastStatusCode);
  return delivery.lastError != null || delivery.status === 'failed' ? 'network' : null;
}

function deliveryJson(delivery: WebhookDelivery, kind: string | undefined, locale: Locale) {
  const outcome = lastOutcome(delivery);
  const params = { code: delivery.lastStatusCode ?? '', seconds: WEBHOOK_TIMEOUT_MS / 1000 };
  return {
    id: delivery.id, notificationId: delivery.notificationId, kind: kind ?? null, status: delivery.status, attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode ?? null, outcome,
    lastError: outcome === null || outcome === '2xx' ? null : t(locale, FAILURE_MESSAGES[outcome], params),
    createdAt: delivery.createdAt, deliveredAt: delivery.deliveredAt ?? null,
  };
}

/**
 * The caller's own webhook: its settings (never the secret once saved), its test send and its delivery log.
 * `allowList`: the refused addresses a webhook may point to anyway (DUTYFLOW_WEBHOOK_ALLOW); `notifier`
 * starts the deliveries of test sends.
 */
export function createWebhookService(orm: MikroORM, allowList: readonly AllowEntry[], notifier: Notifier) {
  return {
    async get(user: SessionUser) {
      const webhook = await orm.em.fork().findOne(WebhookSchema, { userId: user.id });
      if (!webhook) throw new NotFoundError('webhook');
      return { url: webhook.url, enabled: webhook.enabled, kinds: webhook.kinds, hasSecret: true };
    },

    /**
     * Creates or replaces the caller's webhook. Without a `secret` an existing webhook keeps its own, and
     * a new one gets a generated secret: returned in this answer only.
     */
    async save(user: SessionUser, body: WebhookBody, locale: Locale) {
      const input = webhookInput(body, locale, await webhookUrlRefused(body.url, allowList));
      const secret = input.secret ?? newSecret();
      const [row] = await orm.em.fork().execute<{ url: string; enabled: boolean; kinds: string[]; inserted: boolean }[]>(SAVE,
        [user.id, input.url, secret, input.enabled, arrayParam(input.kinds), input.secret !== undefined]);
      const generated = input.secret === undefined && row!.inserted;
      return { url: row!.url, enabled: row!.enabled, kinds: row!.kinds, hasSecret: true, ...(generated ? { secret } : {}) };
    },

    /** Removes the caller's webhook (none: nothing to do); deliveries still pending are not sent. The log stays. */
    async remove(user: SessionUser): Promise<void> {
      await orm.em.fork().nativeDelete(WebhookSchema, { userId: user.id });
    },

    /**
     * A test send: a `webhook_test` notification for the caller and its delivery to their webhook, in one
     * transaction, then started like any other delivery. The same `requestId` again is the same test (its
     * delivery started again if it was not yet, nothing sent twice). No webhook: 404; a disabled one: 409.
     */
    async test(user: SessionUser, requestId: string): Promise<{ deliveryId: string }> {
      const dedupeKey = `test:${requestId}`;
      const deliveryId = await orm.em.fork().transactional(async (em) => {
        const [earlier] = await em.execute<{ id: string }[]>(TEST_DELIVERY, [user.id, dedupeKey]);
        if (earlier) return earlier.id;
        // Held until the test is written, so the webhook cannot be removed or disabled in between.
        const [webhook] = await em.execute<{ enabled: boolean }[]>('select enabled from webhooks where user_id = ? for share', [user.id]);
        if (!webhook) throw new NotFoundError('webhook');
        if (!webhook.enabled) throw new ConflictError('webhookTestDisabled');
        const [added] = await em.execute<{ id: string }[]>(ADD_TEST, [user.id, dedupeKey, JSON.stringify({ test: true })]);
        if (added) return added.id;
        // The same request, at the same moment: its test is now committed.
        const [same] = await em.execute<{ id: string }[]>(TEST_DELIVERY, [user.id, dedupeKey]);
        return same!.id;
      });
      await notifier.start([deliveryId]);
      return { deliveryId };
    },

    /** The delivery log, newest first; why an attempt failed in `locale`. */
    async deliveries(user: SessionUser, query: Record<string, unknown>, locale: Locale) {
      const { page, size, offset } = paging(query);
      const em = orm.em.fork();
      const [items, total] = await em.findAndCount(WebhookDeliverySchema, { userId: user.id },
        { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size, offset });
      const notifications = items.length
        ? await em.find(NotificationSchema, { id: { $in: items.map((d) => d.notificationId) } }, { fields: ['kind'] })
        : [];
      const kinds = new Map(notifications.map((n) => [n.id, n.kind]));
      return { items: items.map((d) => deliveryJson(d, kinds.get(d.notificationId), locale)), total, page, size };
    },
  };
}
