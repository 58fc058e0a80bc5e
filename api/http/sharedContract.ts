/**
 * Pieces the routes' JSON body schemas share. Pure (no Node, no server modules): the body schemas
 * are imported as types by the web app too.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { MessageKey } from './messages.js';

/**
 * What a person reads when a schema refuses a value, beside its JSON Schema keywords (an OpenAPI
 * `x-` extension, so the document carries it and Ajv ignores it): a message key with its params,
 * for every failing keyword of that schema, or one per keyword.
 */
export type BodyMessage = MessageKey | readonly [MessageKey, Readonly<Record<string, string | number>>];
export type BodyMessages = BodyMessage | Readonly<Partial<Record<string, BodyMessage>>>;

/** `x-message` for a schema (spread it in). */
export function message<const K extends MessageKey, const P extends Record<string, string | number>>(key: K, params?: P) {
  return { 'x-message': (params ? [key, params] : key) as P extends undefined ? K : readonly [K, P] };
}

/** The client's idempotency key: the same key again is the same write. */
export const REQUEST_ID = {
  type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,100}$',
  description: 'Client idempotency key (1–100 of letters, digits, `_ . : -`); else 422 at `/requestId`.',
  ...message('requestIdMissing'),
} as const;

/** A form's data and the request's idempotency key: the body of the routes that submit one form. */
export const formSubmissionBody = {
  type: 'object',
  required: ['data', 'requestId'],
  properties: {
    data: { type: 'object', description: 'The form\'s data, validated against its JSON Schema (`GET /api/forms/{key}`).' },
    requestId: REQUEST_ID,
  },
} as const;
export type FormSubmissionBody = FromSchema<typeof formSubmissionBody>;
