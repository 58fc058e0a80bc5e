import { apiRoute } from '../http/apiRoute.js';
import { fail, json, param, schema, secured, tags, userId } from '../openapi/helpers.js';

/** The routes of customerRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const customerApi = {
  listCustomers: apiRoute('get', '/customers', {
    tags: tags.customers,
    operationId: 'listCustomers',
    summary: 'Customers, by code',
    description: 'Customer managers see their own customers, supervisors those of their managers; '
      + 'admin, leader, dept_head and safety_officer see all; other callers get an empty list.',
    parameters: [
      { name: 'q', in: 'query', description: 'Case-insensitive substring of name or code.', schema: { type: 'string' } },
      { name: 'tier', in: 'query', schema: schema('Tier') },
      { name: 'managerId', in: 'query', schema: userId },
      {
        name: 'managerInactive', in: 'query', schema: { type: 'boolean' },
        description: '`true`: only customers whose manager has been deactivated (they stay theirs until reassigned).',
      },
      param('Page'), param('Size'), param('AcceptLanguage'),
    ],
    responses: secured({
      '200': json('One page.', schema('CustomerPage')),
      '422': fail('Unprocessable', '`managerInactive` other than `true` or `false`.'),
    }),
  }),
  getCustomer: apiRoute('get', '/customers/:id', {
    tags: tags.customers,
    operationId: 'getCustomer',
    summary: 'One customer with its tier history',
    parameters: [param('CustomerId'), param('AcceptLanguage')],
    responses: secured({
      '200': json('The customer.', schema('CustomerDetail')),
      '404': fail('NotFound', 'No such customer, a malformed id, or outside the caller\'s scope.'),
    }),
  }),
};
