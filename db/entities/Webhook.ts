import { defineEntity, type InferEntity } from '@mikro-orm/core';
import type { NotificationKind } from './Notification.js';

/** A user's own webhook: their notifications of `kinds` are POSTed to `url`, signed with `secret`. */
export const WebhookSchema = defineEntity({
  name: 'Webhook',
  tableName: 'webhooks',
  properties: (p) => ({
    userId: p.integer().primary(),
    url: p.string().length(500),
    /** HMAC key of the signature; kept as given because it must sign. Never sent to a client or logged. */
    secret: p.string().length(200).hidden(),
    enabled: p.boolean().default(true),
    kinds: p.array<NotificationKind>().$type<NotificationKind[]>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});

export type Webhook = InferEntity<typeof WebhookSchema>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One notification's sending to a webhook: the delivery log. Its attempts run as a Temporal workflow. */
export const WebhookDeliverySchema = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_deliveries',
  properties: (p) => ({
    id: p.uuid().primary(),
    notificationId: p.uuid().unique(),
    userId: p.integer(),
    status: p.enum([...DELIVERY_STATUSES]).default('pending'),
    attempts: p.integer().default(0),
    lastStatusCode: p.integer().nullable(),
    lastError: p.string().length(500).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    deliveredAt: p.datetime().nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});

export type WebhookDelivery = InferEntity<typeof WebhookDeliverySchema>;
