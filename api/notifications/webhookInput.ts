import { NOTIFICATION_KINDS, type NotificationKind } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import { outboundAddress, type AllowEntry } from '../../runtime/outboundAddress.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { WEBHOOK_URL_MAX, type WebhookBody } from './notificationContract.js';

/** A `PUT /api/me/webhook` body once checked. No `secret`: keep the one stored, or generate one for a new webhook. */
export interface WebhookInput {
  url: string;
  secret?: string;
  enabled: boolean;
  kinds: NotificationKind[];
}

/** `value` as a webhook URL: http(s), with a host, not too long; undefined when it is not one. */
function webhookUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string' || value.length > WEBHOOK_URL_MAX || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url : undefined;
}

/**
 * True when `value` is a webhook URL whose host is a refused address, or a name all of whose addresses
 * are refused, and `allowList` does not allow it. A name that does not resolve (yet) is not refused
 * here: every delivery checks the address again anyway.
 */
export async function webhookUrlRefused(value: unknown, allowList: readonly AllowEntry[]): Promise<boolean> {
  const url = webhookUrl(value);
  return url !== undefined && (await outboundAddress(url, allowList).catch(() => undefined)) === null;
}

/**
 * The settings of a body its schema already accepted (notificationContract.ts): a URL that does not
 * parse after all, or (`urlRefused`, webhookUrlRefused) points where webhooks may not go, is 422 at `/url`.
 */
export function webhookInput(body: WebhookBody, locale: Locale, urlRefused = false): WebhookInput {
  if (!webhookUrl(body.url)) throw new ValidationError([{ path: '/url', message: t(locale, 'webhookUrl', { max: WEBHOOK_URL_MAX }) }]);
  if (urlRefused) throw new ValidationError([{ path: '/url', message: t(locale, 'webhookUrlRefused') }]);
  const kinds = body.kinds ? NOTIFICATION_KINDS.filter((kind) => body.kinds!.includes(kind)) : [...NOTIFICATION_KINDS];
  return { url: body.url, ...(typeof body.secret === 'string' ? { secret: body.secret } : {}), enabled: body.enabled, kinds };
}
