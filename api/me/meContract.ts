/** The JSON bodies the `/me` and sign-in routes accept: validated by Ajv, documented in OpenAPI, typed for server and web. */
import type { FromSchema } from 'json-schema-to-ts';
import { message } from '../http/sharedContract.js';

export const updateMeBody = {
  type: 'object',
  required: ['locale'],
  properties: { locale: { type: 'string', enum: ['zh-CN', 'en'], description: 'Any other value (or none) is 422 at `/locale`.' } },
} as const;
export type UpdateMeBody = FromSchema<typeof updateMeBody>;

export const FILTER_NAME_MAX = 60;
export const FILTER_VALUE_MAX = 200;
export const FILTERS_PER_USER = 50;
/** The inbox query parameters a saved filter may hold (paging is not part of a filter). */
export const FILTER_KEYS = ['view', 'status', 'process', 'q', 'dueBefore', 'dueAfter', 'overdue', 'sort'] as const;

const filterValue = { type: 'string', maxLength: FILTER_VALUE_MAX, ...message('filterValue', { max: FILTER_VALUE_MAX }) } as const;

export const savedFilterQuery = {
  type: 'object',
  description: `Inbox query parameters as strings (each at most ${FILTER_VALUE_MAX} characters); other keys are 422 at \`/query/<key>\`.`,
  additionalProperties: false,
  properties: {
    view: filterValue, status: filterValue, process: filterValue, q: filterValue,
    dueBefore: filterValue, dueAfter: filterValue, overdue: filterValue, sort: filterValue,
  },
  examples: [{ view: 'group', overdue: 'true', sort: 'due' }],
  'x-message': { type: 'notObject', additionalProperties: 'unknownFilter' },
} as const;
// Every filter key has its property (the compiler checks it).
const _everyFilterKey: Record<(typeof FILTER_KEYS)[number], unknown> = savedFilterQuery.properties;

export const savedFilterBody = {
  type: 'object',
  required: ['name', 'query'],
  properties: {
    name: {
      type: 'string', minLength: 1, maxLength: FILTER_NAME_MAX, pattern: '\\S',
      description: `Trimmed; unique per user. Else 422 at \`/name\`, as is a new name beyond ${FILTERS_PER_USER} filters.`,
      ...message('filterName', { max: FILTER_NAME_MAX }),
    },
    query: savedFilterQuery,
  },
} as const;
export type SavedFilterBody = FromSchema<typeof savedFilterBody>;

export const loginBody = {
  type: 'object',
  required: ['username', 'password'],
  properties: {
    username: { type: 'string', maxLength: 100 },
    // Long enough for any passphrase, short enough that nobody makes the server hash a megabyte.
    password: { type: 'string', format: 'password', maxLength: 1024 },
  },
} as const;
export type LoginBody = FromSchema<typeof loginBody>;

export const changePasswordBody = {
  type: 'object',
  required: ['currentPassword', 'newPassword'],
  properties: {
    currentPassword: { type: 'string', format: 'password', maxLength: 1024, description: 'A wrong one is 422 at `/currentPassword`.' },
    newPassword: {
      type: 'string', format: 'password', maxLength: 1024,
      description: 'At least 10 characters, not the username, not a common password; else 422 at `/newPassword`.',
      ...message('passwordText', { max: 1024 }),
    },
  },
} as const;
export type ChangePasswordBody = FromSchema<typeof changePasswordBody>;

/** `GET /api/me` (and `PATCH /api/me`): the `User` component and whether a one-time password must be changed first. */
export const meSchema = {
  allOf: [
    { $ref: '#/components/schemas/User' },
    {
      type: 'object', required: ['mustChangePassword'],
      properties: { mustChangePassword: { type: 'boolean', description: 'Every other route but the password change and logout is 403 until it is false.' } },
    },
  ],
} as const;
