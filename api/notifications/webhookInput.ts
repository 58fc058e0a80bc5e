import { NOTIFICATION_KINDS, type NotificationKind } from '../../db/entities/index.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { ValidationError } from '../http/errors.js';
import { notOneOf, t } from '../http/messages.js';

export const WEBHOOK_URL_MAX = 500;
export const WEBHOOK_SECRET_MIN = 16;
export const WEBHOOK_SECRET_MAX = 200;

/** A `PUT /api/me/webhook` body once checked. No `secret`: keep the one stored, or generate one for a new webhook. */
export interface WebhookInput {
  url: string;
  secret?: string;
  enabled: boolean;
  kinds: NotificationKind[];
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > WEBHOOK_URL_MAX || !URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
}

/** `{url, secret?, enabled, kinds?}`: every bad field at once as 422 with its path, in `locale`. */
export function webhookInput(body: Record<string, unknown>, locale: Locale): WebhookInput {
  const errors: FieldError[] = [];
  if (!isHttpUrl(body.url)) errors.push({ path: '/url', message: t(locale, 'webhookUrl', { max: WEBHOOK_URL_MAX }) });
  const secret = body.secret ?? undefined;
  if (secret !== undefined && (typeof secret !== 'string' || secret.length < WEBHOOK_SECRET_MIN || secret.length > WEBHOOK_SECRET_MAX)) {
    errors.push({ path: '/secret', message: t(locale, 'webhookSecret', { min: WEBHOOK_SECRET_MIN, max: WEBHOOK_SECRET_MAX }) });
  }
  if (typeof body.enabled !== 'boolean') errors.push({ path: '/enabled', message: t(locale, 'notBoolean') });
  let kinds: NotificationKind[] = [...NOTIFICATION_KINDS];
  if (body.kinds !== undefined) {
    const allowed = NOTIFICATION_KINDS.join(locale === 'en' ? ', ' : '、');
    if (!Array.isArray(body.kinds) || body.kinds.length === 0) {
      errors.push({ path: '/kinds', message: t(locale, 'webhookKinds', { allowed }) });
    } else {
      body.kinds.forEach((kind: unknown, i) => {
        if (!(NOTIFICATION_KINDS as readonly unknown[]).includes(kind)) errors.push({ path: `/kinds/${i}`, message: notOneOf(locale, NOTIFICATION_KINDS) });
      });
      kinds = NOTIFICATION_KINDS.filter((kind) => (body.kinds as unknown[]).includes(kind));
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return { url: body.url as string, ...(typeof secret === 'string' ? { secret } : {}), enabled: body.enabled as boolean, kinds };
}
