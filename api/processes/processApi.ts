import { apiRoute, jsonBody } from '../http/apiRoute.js';
import { chaseBody, chaseResultSchema, startInstanceBody, withdrawBody } from './processContract.js';
import { fail, json, list, param, schema, secured, tags } from '../openapi/helpers.js';

/** The routes of processRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const processApi = {
  listProcesses: apiRoute('get', '/processes', {
    tags: tags.processes,
    operationId: 'listProcesses',
    summary: 'Processes the caller may start',
    description: 'Filtered by the caller\'s roles; today only `regrade` (role `customer_manager`).',
    parameters: [param('AcceptLanguage')],
    responses: secured({
      '200': list('Process', 'Startable processes.'),
    }),
  }),
  startInstance: apiRoute('post', '/processes/:key/instances', {
    tags: tags.processes,
    operationId: 'startInstance',
    summary: 'Start a process',
    description: [
      'Only `regrade` can be started today, by a customer manager for one of their own customers.',
      'The same `requestId` from the same user again returns the instance it created (200) without validating `data` again.',
      'Checks run in this order: unknown process (404), `requestId` (422), role (403), repeat (200), form data (422),',
      'customer exists (422 at `/customerId`), own customer (403), tier differs (422 at `/proposedTier`),',
      'caller has a supervisor (409), no other open regrade of the customer (409).',
    ].join(' '),
    parameters: [param('ProcessKey'), param('AcceptLanguage')],
    requestBody: jsonBody(startInstanceBody),
    responses: secured({
      '201': json('Started.', schema('Instance')),
      '200': json('This `requestId` already started this instance.', schema('Instance')),
      '400': fail('InvalidJson'),
      '403': fail('Forbidden', 'Not a customer manager, or not the caller\'s customer.'),
      '404': fail('NotFound', 'Unknown process key (`unknownProcess`).'),
      '409': fail('Conflict', 'The customer already has an open regrade (`details.instanceId` names it when found), '
        + 'the caller has no supervisor to approve, or the `requestId` was used for another customer.'),
      '422': fail('Unprocessable', 'Bad `requestId` or `data` (field errors at `/requestId`, `/customerId`, `/proposedTier`, ...).'),
      '503': fail('Unavailable', 'Temporal could not start the workflow; the instance is marked failed and the customer is free again.'),
    }),
  }),
  listInstances: apiRoute('get', '/instances', {
    tags: tags.instances,
    operationId: 'listInstances',
    summary: 'Process instances, newest first',
    description: 'admin, leader and dept_head see all; a supervisor those started by their managers; everyone also those '
      + 'they started or had a task in.',
    parameters: [
      { name: 'process', in: 'query', description: 'Process key, e.g. `regrade`.', schema: { type: 'string' } },
      { name: 'status', in: 'query', schema: schema('InstanceStatus') },
      {
        name: 'customerId', in: 'query', description: 'Only instances about this customer (business key `customer:<id>`); '
          + 'anything but a positive integer is 422.',
        schema: { type: 'integer', minimum: 1 },
      },
      param('Page'), param('Size'), param('AcceptLanguage'),
    ],
    responses: secured({
      '200': json('One page.', schema('InstancePage')),
      '422': fail('Unprocessable', '`customerId` is not a positive integer (at `/customerId`).'),
    }),
  }),
  getInstance: apiRoute('get', '/instances/:id', {
    tags: tags.instances,
    operationId: 'getInstance',
    summary: 'One instance with its tasks, records and timeline',
    description: 'Visible as in the list: the managing roles, the supervisor of its starter, its starter, and users who were '
      + 'assigned, claimed or completed one of its tasks.',
    parameters: [param('InstanceId'), param('AcceptLanguage')],
    responses: secured({
      '200': json('The instance.', schema('InstanceDetail')),
      '404': fail('NotFound', 'No such instance, a malformed id, or not visible to the caller.'),
    }),
  }),
  chaseInstance: apiRoute('post', '/instances/:id/chase', {
    tags: tags.instances,
    operationId: 'chaseInstance',
    summary: '催办: the starter chases whoever holds the process\'s open steps (starter only)',
    description: [
      'Body `{requestId, comment?}` (comment up to 500 characters). Every open task of the instance held by someone else',
      '(its claimant, else its assignee, else its role\'s holders) and not chased in the last hour gets a `task_chased`',
      'notification to its holders and a `task.chased` event on the timeline, both with the starter\'s `comment`. A task',
      'can be chased once an hour: when every one was chased within the hour, 409 `chaseTooSoon` (`details.nextAt`). The',
      'same `requestId` again answers what the first did.',
    ].join(' '),
    parameters: [param('InstanceId'), param('AcceptLanguage')],
    requestBody: jsonBody(chaseBody),
    responses: secured({
      '200': json('Chased.', chaseResultSchema),
      '403': fail('Forbidden', 'Not the starter (`notStarterChase`).'),
      '404': fail('NotFound', 'No such instance, or not the caller\'s to see.'),
      '409': fail('Conflict', 'Ended (`chaseEnded`), no step waiting with someone else (`chaseNothing`), or chased within the hour '
        + '(`chaseTooSoon`, `details.nextAt`).'),
      '422': fail('Unprocessable', 'Missing or malformed `requestId`, or a comment over 500 characters (at `/comment`).'),
    }),
  }),
  withdrawInstance: apiRoute('post', '/instances/:id/withdraw', {
    tags: tags.instances,
    operationId: 'withdrawInstance',
    summary: 'Withdraw a request before it is decided (starter only)',
    description: 'Open tasks are cancelled and the instance ends `cancelled`, freeing e.g. the customer for a new '
      + 'regrade. The same `requestId` again answers the same. Waits for the workflow to end (up to 30 s).',
    parameters: [param('InstanceId'), param('AcceptLanguage')],
    requestBody: jsonBody(withdrawBody),
    responses: secured({
      '200': json('The ended instance.', schema('Instance')),
      '403': fail('Forbidden', 'Not the starter (`notStarter`).'),
      '404': fail('NotFound', 'No such instance.'),
      '409': fail('Conflict', 'Already decided or ended (`alreadyDecided`).'),
      '422': fail('Unprocessable', 'Missing or malformed `requestId`.'),
      '503': fail('Unavailable', 'Temporal did not answer in time.'),
    }),
  }),
};
