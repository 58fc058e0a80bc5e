/** The JSON of the first-start routes (`/api/setup`): validated by Ajv, documented in OpenAPI, typed for server and web. */
import type { FromSchema } from 'json-schema-to-ts';
import { message } from '../http/sharedContract.js';
import { USERNAME } from '../users/userContract.js';

export const setupStatusSchema = {
  type: 'object',
  required: ['needsAdmin'],
  properties: { needsAdmin: { type: 'boolean', description: 'True while no active user holds the `admin` role.' } },
} as const;
export type SetupStatus = FromSchema<typeof setupStatusSchema>;

export const setupAdminBody = {
  type: 'object',
  required: ['username', 'name', 'password'],
  properties: {
    username: USERNAME,
    name: {
      type: 'string', minLength: 1, maxLength: 100, pattern: '\\S',
      description: 'The admin\'s display name (trimmed); else 422 at `/name`.', ...message('personName', { max: 100 }),
    },
    password: {
      type: 'string', format: 'password', maxLength: 1024,
      description: 'At least 10 characters, not the username, not a common password; else 422 at `/password`.',
      ...message('passwordText', { max: 1024 }),
    },
  },
} as const;
export type SetupAdminBody = FromSchema<typeof setupAdminBody>;
