import { apiRoute, jsonBody } from '../http/apiRoute.js';
import { fail, json, param, secured, tags } from '../openapi/helpers.js';
import { businessSettingsSchema, settingsViewSchema } from './settingsContract.js';

/** The routes of settingsRoutes.ts (业务参数, issue 14), each with its OpenAPI operation. */
export const settingsApi = {
  getSettings: apiRoute('get', '/admin/settings', {
    tags: tags.settings,
    operationId: 'getSettings',
    summary: 'The business settings in force, and the environment\'s defaults',
    description: 'Deadlines, thresholds and limits an admin tunes. For admins; the dept head may read them.',
    parameters: [param('AcceptLanguage')],
    responses: secured({
      '200': json('The settings.', settingsViewSchema),
      '403': fail('Forbidden', 'Neither an admin nor the dept head.'),
    }),
  }),
  putSettings: apiRoute('put', '/admin/settings', {
    tags: tags.settings,
    operationId: 'putSettings',
    summary: 'Save the business settings',
    description: 'Every setting at once (the form shows them all). New processes start with them; a running process keeps the '
      + 'values it started with. Durations: a number and `wd` (working days), `d`, `h`, `m` or `s`. Audited (`settings.updated`, each '
      + 'changed setting before and after); saving the same values again changes nothing. For admins.',
    parameters: [param('AcceptLanguage')],
    requestBody: jsonBody(businessSettingsSchema),
    responses: secured({
      '200': json('The settings as saved.', settingsViewSchema),
      '403': fail('Forbidden', 'Not an admin.'),
      '422': fail('Unprocessable', 'Every bad setting at its path, e.g. `/regrade/decisionDue`, `/allocation/adjustBound`.'),
    }),
  }),
};
