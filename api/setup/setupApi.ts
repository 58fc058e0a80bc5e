import { apiRoute, jsonBody } from '../http/apiRoute.js';
import { adminUserSchema } from '../users/userContract.js';
import { fail, json, param, tags } from '../openapi/helpers.js';
import { setupAdminBody, setupStatusSchema } from './setupContract.js';

/** The routes of setupRoutes.ts (going live outside demo mode), each with its OpenAPI operation. No session needed. */
export const setupApi = {
  getSetup: apiRoute('get', '/setup', {
    tags: tags.auth,
    operationId: 'getSetup',
    summary: 'Whether the installation still needs its first admin',
    security: [],
    parameters: [param('AcceptLanguage')],
    responses: {
      '200': json('`needsAdmin` is true while no active user holds the `admin` role.', setupStatusSchema),
      '500': fail('Internal'),
      '503': fail('Unavailable'),
    },
  }),
  setupAdmin: apiRoute('post', '/setup/admin', {
    tags: tags.auth,
    operationId: 'setupAdmin',
    summary: 'Create the first admin',
    description: 'Only while `GET /api/setup` says `needsAdmin`: afterwards (also for the second of two concurrent calls) 409. '
      + 'The admin then signs in as usual. Audited (`setup.adminCreated`).',
    security: [],
    parameters: [param('AcceptLanguage')],
    requestBody: jsonBody(setupAdminBody),
    responses: {
      '201': json('The admin.', adminUserSchema),
      '409': fail('Conflict', 'An active admin exists already, or the username is taken.'),
      '422': fail('Unprocessable', 'Every bad field at its path: `/username`, `/name`, `/password` (under 10 characters, the '
        + 'username, or a common password).'),
      '500': fail('Internal'),
      '503': fail('Unavailable'),
    },
  }),
};
