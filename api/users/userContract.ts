/** The JSON the user routes give: schemas that document (OpenAPI) and type (server and web) it. */
import type { FromSchema } from 'json-schema-to-ts';
import { message } from '../http/sharedContract.js';
import { handOverSummarySchema } from '../tasks/taskContract.js';

export const ROLE = { type: 'string', enum: ['customer_manager', 'supervisor', 'dept_head', 'safety_officer', 'leader', 'admin'] } as const;

export const userSummarySchema = {
  type: 'object',
  description: 'What any signed-in user may know of another: enough to show a name for an id.',
  required: ['id', 'username', 'displayName', 'roles'],
  properties: {
    id: { type: 'integer' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    roles: { type: 'array', items: ROLE },
  },
} as const;
export type UserSummary = FromSchema<typeof userSummarySchema>;

/** Text an admin may leave out or clear (null). */
const optionalText = (max: number, description: string) =>
  ({ type: ['string', 'null'], maxLength: max, description, ...message('optionalText', { max }) }) as const;

export const USERNAME = {
  type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$',
  description: 'Sign-in name: 1–64 letters, digits, `_ . -`; unique (409 when taken), else 422 at `/username`.',
  ...message('usernameFormat', { max: 64 }),
} as const;
const DISPLAY_NAME = {
  type: 'string', minLength: 1, maxLength: 100, pattern: '\\S',
  description: 'The name people see (trimmed); 1–100 characters, else 422.', ...message('personName', { max: 100 }),
} as const;
const ROLES = {
  type: 'array', items: ROLE, minItems: 1, uniqueItems: true,
  description: 'One or more role keys; an unknown role is 422 at `/roles/<i>`, none at `/roles`.',
  ...message('rolesList', { allowed: ROLE.enum.join(', ') }),
} as const;
const SUPERVISOR = {
  type: ['integer', 'null'], minimum: 1,
  description: 'The user this one reports to: an active user, and never one who reports (perhaps indirectly) to this one; else 422 at `/supervisorId`.',
} as const;
const AREA = optionalText(100, 'Territory or market area.');
const PHONE = optionalText(32, 'Phone number.');

/** What an admin sees of a user. */
export const adminUserSchema = {
  type: 'object',
  description: 'A user as the admins keep them (never the password hash).',
  required: ['id', 'username', 'displayName', 'roles', 'supervisorId', 'area', 'phone', 'active', 'mustChangePassword', 'createdAt'],
  properties: {
    id: { type: 'integer' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    roles: { type: 'array', items: ROLE },
    supervisorId: { type: ['integer', 'null'] },
    area: { type: ['string', 'null'] },
    phone: { type: ['string', 'null'] },
    active: { type: 'boolean' },
    mustChangePassword: { type: 'boolean', description: 'The user has not yet replaced the one-time password an admin gave them.' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;
export type AdminUser = FromSchema<typeof adminUserSchema>;

/** A changed user; a deactivation also says what became of their open tasks. */
export const updatedUserSchema = {
  ...adminUserSchema,
  properties: { ...adminUserSchema.properties, handOver: handOverSummarySchema },
} as const;
export type UpdatedUser = FromSchema<typeof updatedUserSchema>;

/** What a people import did; the new users' one-time passwords are in this answer only. */
export const userImportResultSchema = {
  type: 'object',
  required: ['imported', 'created', 'updated', 'unchanged', 'createdUsers', 'users'],
  properties: {
    imported: { type: 'integer', minimum: 0, description: 'Data rows in the file.' },
    created: { type: 'integer', minimum: 0 },
    updated: { type: 'integer', minimum: 0, description: 'Existing users the file changed (audited before and after).' },
    unchanged: { type: 'integer', minimum: 0 },
    createdUsers: {
      type: 'array',
      description: 'Each new user with a one-time password, shown this once; they must change it at first sign-in.',
      items: {
        type: 'object', required: ['username', 'initialPassword'],
        properties: { username: { type: 'string' }, initialPassword: { type: 'string' } },
      },
    },
    users: { type: 'array', items: adminUserSchema, description: 'Every user of the file, as stored now, in the file\'s order.' },
  },
} as const;
export type UserImportResult = FromSchema<typeof userImportResultSchema>;

export const adminUserList = {
  type: 'object', required: ['items'], properties: { items: { type: 'array', items: adminUserSchema } },
} as const;

/** A user and the one-time password they sign in with first. */
export const createdUserSchema = {
  type: 'object',
  required: ['user', 'initialPassword'],
  properties: {
    user: adminUserSchema,
    initialPassword: { type: 'string', description: 'Random; shown this once and never stored in clear. The user must change it at first sign-in.' },
  },
} as const;

export const passwordResetSchema = {
  type: 'object',
  required: ['initialPassword'],
  properties: { initialPassword: createdUserSchema.properties.initialPassword },
} as const;

export const createUserBody = {
  type: 'object',
  required: ['username', 'displayName', 'roles'],
  additionalProperties: false,
  properties: {
    username: USERNAME, displayName: DISPLAY_NAME, roles: ROLES, supervisorId: SUPERVISOR, area: AREA, phone: PHONE,
  },
} as const;
export type CreateUserBody = FromSchema<typeof createUserBody>;

export const updateUserBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'Only the fields given change (none at all is 422). `active: false` ends the user\'s sessions at once.',
  'x-message': { minProperties: 'nothingToChange' },
  properties: {
    displayName: DISPLAY_NAME, roles: ROLES, supervisorId: SUPERVISOR, area: AREA, phone: PHONE,
    active: { type: 'boolean', ...message('notBoolean') },
  },
} as const;
export type UpdateUserBody = FromSchema<typeof updateUserBody>;
