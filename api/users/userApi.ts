import { apiRoute } from '../http/apiRoute.js';
import { list, param, secured, tags } from '../openapi/helpers.js';

/** The routes of userRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const userApi = {
  listUsers: apiRoute('get', '/users', {
    tags: tags.users,
    operationId: 'listUsers',
    summary: 'Active users, by id',
    description: 'For showing names for the user ids in tasks, instances and timelines; any signed-in user may read it.',
    parameters: [param('AcceptLanguage')],
    responses: secured({ '200': list('UserSummary', 'Every active user.') }),
  }),
};
