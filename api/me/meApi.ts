import { apiRoute, jsonBody } from '../http/apiRoute.js';
import { changePasswordBody, meSchema, savedFilterBody, updateMeBody } from './meContract.js';
import { fail, json, list, param, schema, secured, tags } from '../openapi/helpers.js';

/** The routes of meRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const meApi = {
  updateMe: apiRoute('patch', '/me', {
    tags: tags.me,
    operationId: 'updateMe',
    summary: 'Change the caller\'s own settings (language)',
    description: 'Later requests without an `Accept-Language` naming zh or en answer in this locale.',
    parameters: [param('AcceptLanguage')],
    requestBody: jsonBody(updateMeBody),
    responses: secured({
      '200': json('The caller, as `GET /api/me` shows them now.', meSchema),
      '400': fail('InvalidJson'),
      '422': fail('Unprocessable', '`locale` is not `zh-CN` or `en` (at `/locale`).'),
    }),
  }),
  changePassword: apiRoute('post', '/me/password', {
    tags: tags.me,
    operationId: 'changePassword',
    summary: 'Change the caller\'s own password',
    description: 'Also the way out of `password_change_required`. Every other session of the caller ends; this one goes on. '
      + 'Audited (`user.passwordChanged`).',
    parameters: [param('AcceptLanguage')],
    requestBody: jsonBody(changePasswordBody),
    responses: secured({
      '204': { description: 'Changed.' },
      '400': fail('InvalidJson'),
      '422': fail('Unprocessable', 'A wrong current password (at `/currentPassword`), or a new one under 10 characters, the '
        + 'username or a common password (at `/newPassword`).'),
    }),
  }),
  listSavedFilters: apiRoute('get', '/me/filters', {
    tags: tags.me,
    operationId: 'listSavedFilters',
    summary: 'The caller\'s saved inbox filters, by name',
    parameters: [param('AcceptLanguage')],
    responses: secured({ '200': list('SavedFilter', 'Only the caller\'s own.') }),
  }),
  saveFilter: apiRoute('post', '/me/filters', {
    tags: tags.me,
    operationId: 'saveFilter',
    summary: 'Save an inbox filter under a name',
    description: 'A name the caller already has gets the new query (200), so a double submit never makes two. '
      + 'At most 50 filters per user.',
    parameters: [param('AcceptLanguage')],
    requestBody: jsonBody(savedFilterBody),
    responses: secured({
      '201': json('Saved under a new name.', schema('SavedFilter')),
      '200': json('The name existed: its query was replaced.', schema('SavedFilter')),
      '400': fail('InvalidJson'),
      '422': fail('Unprocessable', 'Bad `name` (at `/name`, also for a 51st filter), `query` not an object (at `/query`), '
        + 'or an unknown key or a non-text value (at `/query/<key>`).'),
    }),
  }),
  deleteSavedFilter: apiRoute('delete', '/me/filters/:id', {
    tags: tags.me,
    operationId: 'deleteSavedFilter',
    summary: 'Delete one of the caller\'s saved filters',
    parameters: [param('FilterId'), param('AcceptLanguage')],
    responses: secured({
      '204': { description: 'Deleted.' },
      '404': fail('NotFound', 'No such filter of the caller\'s (another user\'s filter is 404 too).'),
    }),
  }),
};
