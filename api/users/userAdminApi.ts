import { apiRoute, jsonBody } from '../http/apiRoute.js';
import {
  adminUserList, createdUserSchema, createUserBody, passwordResetSchema, updatedUserSchema, updateUserBody, userImportResultSchema,
} from './userContract.js';
import { fail, json, param, secured, tags } from '../openapi/helpers.js';
import { IMPORT_BODY, IMPORT_ERRORS, importColumns } from '../openapi/shared.js';
import { IMPORT_MAX_BYTES } from '../http/spreadsheetImport.js';
import { USER_COLUMNS, USER_IMPORT_MAX_ROWS } from './userImport.js';

const UserIdParam = {
  name: 'id', in: 'path', required: true, description: 'User id; a malformed or unknown id is 404.', schema: { type: 'integer', minimum: 1 },
} as const;

/** The routes of userAdminRoutes.ts (admins keep people), each with its OpenAPI operation. */
export const userAdminApi = {
  listAdminUsers: apiRoute('get', '/admin/users', {
    tags: tags.users,
    operationId: 'listAdminUsers',
    summary: 'Every user, inactive ones too, with roles, supervisor, area and phone',
    parameters: [param('AcceptLanguage')],
    responses: secured({
      '200': json('Every user, by id.', adminUserList),
      '403': fail('Forbidden', 'Not an admin, or the caller must change their password first (`code: password_change_required`).'),
    }),
  }),
  createUser: apiRoute('post', '/admin/users', {
    tags: tags.users,
    operationId: 'createUser',
    summary: 'Create a user with a one-time password',
    description: 'The answer carries `initialPassword`, shown this once: the user signs in with it and must change it before '
      + 'anything else. Audited (`user.created`, with the user as created).',
    parameters: [param('AcceptLanguage')],
    requestBody: jsonBody(createUserBody),
    responses: secured({
      '201': json('Created.', createdUserSchema),
      '403': fail('Forbidden', 'Not an admin, or the caller must change their password first.'),
      '409': fail('Conflict', 'The username is taken (also by an inactive user).'),
      '422': fail('Unprocessable', 'Every bad field at its path: `/username`, `/displayName`, `/roles` (an unknown role at `/roles/<i>`), '
        + '`/supervisorId` (no such active user), `/area`, `/phone`.'),
    }),
  }),
  updateUser: apiRoute('patch', '/admin/users/:id', {
    tags: tags.users,
    operationId: 'updateUser',
    summary: 'Change a user: name, roles, supervisor, area, phone, active',
    description: 'Only the fields given change. `active: false` ends all their sessions at once. Audited (`user.updated`, before '
      + 'and after); a change that changes nothing is not. Deactivation hands their open tasks on through each task\'s workflow — to their '
      + 'active supervisor, else the step\'s role queue (audited `task.handedOver`, the new holder notified) — and gives back their '
      + 'claims; `handOver` says how many, and any Temporal could not take now the reconciler hands on shortly.',
    parameters: [UserIdParam, param('AcceptLanguage')],
    requestBody: jsonBody(updateUserBody),
    responses: secured({
      '200': json('The user as they are now.', updatedUserSchema),
      '403': fail('Forbidden', 'Not an admin, or the caller must change their password first.'),
      '404': fail('NotFound', 'No such user.'),
      '422': fail('Unprocessable', 'A bad field at its path; `/supervisorId` also for an inactive supervisor or a circle in the '
        + 'reporting line; `/active` or `/roles` when no active admin would be left.'),
    }),
  }),
  importUsers: apiRoute('post', '/admin/users/import', {
    tags: tags.users,
    operationId: 'importUsers',
    summary: 'Import people from xlsx or csv: create or update by username',
    description: `Columns: ${importColumns(USER_COLUMNS)}. Roles: one or more of 客户经理, 主管, 部门负责人, 安全员, 领导, 管理员 (or the `
      + 'role keys), separated by 、 or commas. The supervisor is the username of an active user or of a user in the same file; no '
      + 'circle of reporting lines may result. A row creates the user (with a one-time password, returned in this answer only, to be '
      + 'changed at first sign-in) or updates the one with that username; nobody is deactivated by an import. Without an optional '
      + 'column those fields are kept; an empty cell clears them. Every bad row is reported at `/rows/<row>/<column>` and a file with '
      + `any bad row stores nothing. At most ${USER_IMPORT_MAX_ROWS} data rows and ${IMPORT_MAX_BYTES / 1024 / 1024} MiB. One audit event `
      + '`users.imported` with each change before and after. For admins.',
    parameters: [param('AcceptLanguage')],
    requestBody: IMPORT_BODY,
    responses: secured({
      '200': json('Stored, all rows.', userImportResultSchema),
      ...IMPORT_ERRORS,
      '403': fail('Forbidden', 'Not an admin.'),
      '413': fail('FileTooLarge', `Over ${IMPORT_MAX_BYTES / 1024 / 1024} MiB.`),
      '422': fail('Unprocessable', 'Bad rows at `/rows/<row>/<column>` (e.g. `/rows/4/roles`), a required column missing at '
        + '`/columns/<key>`, no data rows or too many at `/rows`, and `/rows` when no active admin would be left.'),
    }),
  }),
  resetUserPassword: apiRoute('post', '/admin/users/:id/reset-password', {
    tags: tags.users,
    operationId: 'resetUserPassword',
    summary: 'Give a user a new one-time password',
    description: 'Ends all their sessions; they must change the new password at the next sign-in. Audited (`user.passwordReset`).',
    parameters: [UserIdParam, param('AcceptLanguage')],
    responses: secured({
      '200': json('The new one-time password, shown this once.', passwordResetSchema),
      '403': fail('Forbidden', 'Not an admin, or the caller must change their password first.'),
      '404': fail('NotFound', 'No such user.'),
    }),
  }),
};
