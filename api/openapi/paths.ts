import { dateTime, fail, json, list, param, schema, secured, tags, userId } from './helpers.js';

/** Every route of the API, as `api/routes` implements it. */
export const paths = {
  '/api/auth/login': {
    post: {
      tags: tags.auth,
      operationId: 'login',
      summary: 'Sign in',
      description: 'Checks username and password of an active user. A missing or wrong field is 401 (not 422).',
      security: [],
      parameters: [param('AcceptLanguage')],
      requestBody: { required: true, content: { 'application/json': { schema: schema('LoginRequest') } } },
      responses: {
        '200': {
          ...json('Signed in.', schema('LoginResponse')),
          headers: {
            'Set-Cookie': {
              description: '`dutyflow_session=<token>; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax`',
              schema: { type: 'string' },
            },
          },
        },
        '400': fail('InvalidJson'),
        '401': fail('Unauthorized', 'Wrong username or password (`code: unauthenticated`).'),
        '500': fail('Internal'),
      },
    },
  },
  '/api/auth/logout': {
    post: {
      tags: tags.auth,
      operationId: 'logout',
      summary: 'Sign out',
      description: 'Clears the session cookie (the JWT itself stays valid until it expires).',
      responses: secured({
        '204': {
          description: 'Cookie cleared.',
          headers: { 'Set-Cookie': { description: 'Expires `dutyflow_session`.', schema: { type: 'string' } } },
        },
      }),
    },
  },
  '/api/me': {
    get: {
      tags: tags.auth,
      operationId: 'getMe',
      summary: 'The signed-in user',
      parameters: [param('AcceptLanguage')],
      responses: secured({ '200': json('The caller.', schema('User')) }),
    },
  },
  '/api/openapi.json': {
    get: {
      tags: tags.auth,
      operationId: 'getOpenApi',
      summary: 'This document',
      security: [],
      responses: { '200': json('OpenAPI 3.1 document.', { type: 'object' }) },
    },
  },
  '/api/forms': {
    get: {
      tags: tags.forms,
      operationId: 'listForms',
      summary: 'All forms (current versions)',
      parameters: [param('AcceptLanguage')],
      responses: secured({
        '200': list('FormSummary', 'Summaries.'),
      }),
    },
  },
  '/api/forms/{key}': {
    get: {
      tags: tags.forms,
      operationId: 'getForm',
      summary: 'One form definition',
      parameters: [param('FormKey'), param('AcceptLanguage')],
      responses: secured({ '200': json('The form.', schema('Form')), '404': fail('NotFound', 'No form with this key.') }),
    },
  },
  '/api/processes': {
    get: {
      tags: tags.processes,
      operationId: 'listProcesses',
      summary: 'Processes the caller may start',
      description: 'Filtered by the caller\'s roles; today only `regrade` (role `customer_manager`).',
      parameters: [param('AcceptLanguage')],
      responses: secured({
        '200': list('Process', 'Startable processes.'),
      }),
    },
  },
  '/api/processes/{key}/instances': {
    post: {
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
      requestBody: { required: true, content: { 'application/json': { schema: schema('StartInstanceRequest') } } },
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
    },
  },
  '/api/instances': {
    get: {
      tags: tags.instances,
      operationId: 'listInstances',
      summary: 'Process instances, newest first',
      description: 'admin, leader and dept_head see all; a supervisor those started by their managers; everyone also those '
        + 'they started or had a task in.',
      parameters: [
        { name: 'process', in: 'query', description: 'Process key, e.g. `regrade`.', schema: { type: 'string' } },
        { name: 'status', in: 'query', schema: schema('InstanceStatus') },
        param('Page'), param('Size'), param('AcceptLanguage'),
      ],
      responses: secured({ '200': json('One page.', schema('InstancePage')) }),
    },
  },
  '/api/instances/{id}': {
    get: {
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
    },
  },
  '/api/instances/{id}/withdraw': {
    post: {
      tags: tags.instances,
      operationId: 'withdrawInstance',
      summary: 'Withdraw a request before it is decided (starter only)',
      description: 'Open tasks are cancelled and the instance ends `cancelled`, freeing e.g. the customer for a new '
        + 'regrade. The same `requestId` again answers the same. Waits for the workflow to end (up to 30 s).',
      parameters: [param('InstanceId'), param('AcceptLanguage')],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object', required: ['requestId'],
              properties: { requestId: schema('RequestId'), reason: { type: 'string', maxLength: 500 } },
            },
          },
        },
      },
      responses: secured({
        '200': json('The ended instance.', schema('Instance')),
        '403': fail('Forbidden', 'Not the starter (`notStarter`).'),
        '404': fail('NotFound', 'No such instance.'),
        '409': fail('Conflict', 'Already decided or ended (`alreadyDecided`).'),
        '422': fail('Unprocessable', 'Missing or malformed `requestId`.'),
        '503': fail('Unavailable', 'Temporal did not answer in time.'),
      }),
    },
  },
  '/api/tasks': {
    get: {
      tags: tags.tasks,
      operationId: 'listTasks',
      summary: 'The inbox',
      parameters: [
        {
          name: 'view', in: 'query',
          description: '`mine`: assigned to or claimed by me (with `status=done`: completed by me). `group`: offered to my roles, '
            + 'not claimed by someone else, not assigned to me and not excluding me. `all`: every task (admin, leader, dept_head only; '
            + 'others 403). Any other value is 422.',
          schema: { type: 'string', enum: ['mine', 'group', 'all'], default: 'mine' },
        },
        {
          name: 'status', in: 'query', description: 'Any other value is 422.',
          schema: { type: 'string', enum: ['open', 'done'], default: 'open' },
        },
        { name: 'process', in: 'query', description: 'Process key.', schema: { type: 'string' } },
        {
          name: 'q', in: 'query',
          description: 'Case-insensitive substring of the customer name or code in the task context, or of the task name.',
          schema: { type: 'string' },
        },
        {
          name: 'dueBefore', in: 'query', description: 'Only tasks due before this instant; an unparsable value is 422.',
          schema: dateTime,
        },
        {
          name: 'sort', in: 'query',
          description: '`due`/`-due`: by due time (undated last), `created`/`-created`: by creation, `priority`: highest first, then due. '
            + 'Unknown values are 422.',
          schema: { type: 'string', enum: ['due', '-due', 'created', '-created', 'priority'], default: 'due' },
        },
        param('Page'), param('Size'), param('AcceptLanguage'),
      ],
      responses: secured({
        '200': json('One page.', schema('TaskPage')),
        '403': fail('Forbidden', '`view=all` without a managing role.'),
        '422': fail('ValidationError', 'An unknown `view`, `status` or `sort`, or an unparsable `dueBefore`.'),
      }),
    },
  },
  '/api/tasks/{id}': {
    get: {
      tags: tags.tasks,
      operationId: 'getTask',
      summary: 'One task',
      parameters: [param('TaskId'), param('AcceptLanguage')],
      responses: secured({ '200': json('The task.', schema('Task')), '404': fail('TaskNotFound') }),
    },
  },
  '/api/tasks/{id}/claim': {
    post: {
      tags: tags.tasks,
      operationId: 'claimTask',
      summary: 'Claim a group task',
      description: 'Idempotent for the current claimant.',
      parameters: [param('TaskId'), param('AcceptLanguage')],
      responses: secured({
        '200': json('Claimed by the caller.', schema('Task')),
        '403': fail('Forbidden', 'The caller may not act on this task.'),
        '404': fail('TaskNotFound'),
        '409': fail('Conflict', 'The task is closed, or someone else claimed it (`taskClaimed`, the message names them).'),
      }),
    },
  },
  '/api/tasks/{id}/unclaim': {
    post: {
      tags: tags.tasks,
      operationId: 'unclaimTask',
      summary: 'Give a claimed task back to its group',
      description: 'Only the claimant or an admin; a task nobody claimed is returned unchanged.',
      parameters: [param('TaskId'), param('AcceptLanguage')],
      responses: secured({
        '200': json('Released.', schema('Task')),
        '403': fail('Forbidden', 'Claimed by someone else and the caller is not an admin (`notClaimant`).'),
        '404': fail('TaskNotFound'),
        '409': fail('Conflict', 'The task is closed.'),
      }),
    },
  },
  '/api/tasks/{id}/complete': {
    post: {
      tags: tags.tasks,
      operationId: 'completeTask',
      summary: 'Complete a task with its form',
      description: 'Validates `data` against the task\'s form, then completes the task through its workflow. '
        + 'The same `requestId` from the same user after completion returns the first result (one record, one completion); '
        + 'another `requestId` then gets 409.',
      parameters: [param('TaskId'), param('AcceptLanguage')],
      requestBody: { required: true, content: { 'application/json': { schema: schema('CompleteTaskRequest') } } },
      responses: secured({
        '200': json('Completed.', schema('CompleteTaskResult')),
        '400': fail('InvalidJson'),
        '403': fail('Forbidden', 'The caller may not act on this task, or would decide on their own proposal (`selfDecision`).'),
        '404': fail('TaskNotFound'),
        '409': fail('Conflict', 'The task is already completed or cancelled, or claimed by someone else.'),
        '422': fail('Unprocessable', 'Bad `requestId`, an outcome the task does not allow (at `/outcome`), or invalid form data.'),
        '503': fail('Unavailable', 'Temporal is unreachable; retry with the same `requestId`.'),
      }),
    },
  },
  '/api/customers': {
    get: {
      tags: tags.customers,
      operationId: 'listCustomers',
      summary: 'Customers, by code',
      description: 'Customer managers see their own customers, supervisors those of their managers; '
        + 'admin, leader, dept_head and safety_officer see all; other callers get an empty list.',
      parameters: [
        { name: 'q', in: 'query', description: 'Case-insensitive substring of name or code.', schema: { type: 'string' } },
        { name: 'tier', in: 'query', schema: schema('Tier') },
        { name: 'managerId', in: 'query', schema: userId },
        param('Page'), param('Size'), param('AcceptLanguage'),
      ],
      responses: secured({ '200': json('One page.', schema('CustomerPage')) }),
    },
  },
  '/api/customers/{id}': {
    get: {
      tags: tags.customers,
      operationId: 'getCustomer',
      summary: 'One customer with its tier history',
      parameters: [param('CustomerId'), param('AcceptLanguage')],
      responses: secured({
        '200': json('The customer.', schema('CustomerDetail')),
        '404': fail('NotFound', 'No such customer, a malformed id, or outside the caller\'s scope.'),
      }),
    },
  },
  '/healthz': {
    get: {
      tags: tags.health,
      operationId: 'healthz',
      summary: 'Liveness: the process answers',
      security: [],
      responses: {
        '200': json('Up.', { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }),
      },
    },
  },
  '/readyz': {
    get: {
      tags: tags.health,
      operationId: 'readyz',
      summary: 'Readiness: PostgreSQL and Temporal answer',
      security: [],
      responses: {
        '200': json('Ready.', schema('Readiness')),
        '503': json('Not ready; the flags say which dependency failed (this body is not the error shape).', schema('Readiness')),
      },
    },
  },
} as const;
