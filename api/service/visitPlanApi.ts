import { apiRoute } from '../http/apiRoute.js';
import { fail, json, param, secured, tags, userId } from '../openapi/helpers.js';
import { visitDaySchema } from './visitPlanContract.js';

/** The routes of visitPlanRoutes.ts (差异化服务), each with its OpenAPI operation. */
export const visitPlanApi = {
  visitDay: apiRoute('get', '/visit-plan/today', {
    tags: tags.service,
    operationId: 'visitDay',
    summary: 'The manager\'s day view: the planned visits still to make, in route order (今日拜访)',
    description: 'The open planned-visit tasks of a customer manager — this week\'s plan and earlier visits not yet closed — ordered by '
      + 'the customer\'s route order (拜访线路顺序), then address, then code; overdue ones are flagged. A week\'s plan is made each Monday '
      + 'at 07:00 China time from the visit frequencies by tier band (`GET /api/admin/settings`, `visitPlan`). A manager reads their own, '
      + 'a supervisor their team\'s, the dept head, leaders and admins anyone\'s; 403 for others.',
    parameters: [
      { name: 'managerId', in: 'query', description: 'Whose day (default: the caller); not a positive integer: 422; not overseen: 403.', schema: userId },
      param('AcceptLanguage'),
    ],
    responses: secured({
      '200': json('The visits to make.', visitDaySchema),
      '403': fail('Forbidden', 'Not a customer manager, supervisor, dept head, leader or admin, or the manager is not one the caller oversees.'),
      '422': fail('Unprocessable', 'A bad `managerId`.'),
    }),
  }),
};
