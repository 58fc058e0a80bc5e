/** The JSON the notification routes take: schemas that validate (Ajv), document (OpenAPI) and type (server and web) it. */
import type { FromSchema } from 'json-schema-to-ts';
import { NOTIFICATION_KINDS } from '../../db/entities/index.js';
import { message, REQUEST_ID } from '../http/sharedContract.js';

export const WEBHOOK_URL_MAX = 500;
export const WEBHOOK_SECRET_MIN = 16;
export const WEBHOOK_SECRET_MAX = 200;

export const webhookBody = {
  type: 'object',
  required: ['url', 'enabled'],
  properties: {
    url: {
      type: 'string', maxLength: WEBHOOK_URL_MAX, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s]+', examples: ['https://qyapi.example.com/hook'],
      description: 'An http:// or https:// URL. Not to this server, a private, link-local or reserved address, or a name that '
        + 'resolves only to such addresses (422), unless `DUTYFLOW_WEBHOOK_ALLOW` allows it.',
      ...message('webhookUrl', { max: WEBHOOK_URL_MAX }),
    },
    secret: {
      type: ['string', 'null'], minLength: WEBHOOK_SECRET_MIN, maxLength: WEBHOOK_SECRET_MAX,
      description: 'HMAC key. Absent (or null): keep the current one (a new webhook gets a generated one).',
      ...message('webhookSecret', { min: WEBHOOK_SECRET_MIN, max: WEBHOOK_SECRET_MAX }),
    },
    enabled: { type: 'boolean', ...message('notBoolean') },
    kinds: {
      type: 'array', minItems: 1, items: { type: 'string', enum: NOTIFICATION_KINDS }, description: 'Absent: every kind.',
      ...message('webhookKinds', { allowed: NOTIFICATION_KINDS.join(', ') }),
    },
  },
} as const;
export type WebhookBody = FromSchema<typeof webhookBody>;

/** `POST /api/me/webhook/test`: the same `requestId` again is the same test (one delivery). */
export const webhookTestBody = {
  type: 'object',
  required: ['requestId'],
  properties: { requestId: REQUEST_ID },
} as const;
export type WebhookTestBody = FromSchema<typeof webhookTestBody>;
