/**
 * The OpenAPI 3.1 description of the HTTP API, served at `GET /api/openapi.json`.
 * It describes what the routes under `api/routes` do; change it together with them.
 */

const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
/** A shared error response; in OpenAPI 3.1 a reference may override the description. */
const fail = (name: string, description?: string) => ({
  $ref: `#/components/responses/${name}`,
  ...(description ? { description } : {}),
});
const nullable = <T extends object>(s: T) => ({ oneOf: [s, { type: 'null' }] });
const json = (description: string, body: object) => ({ description, content: { 'application/json': { schema: body } } });
/** Every route behind the session check can also answer 401 and 500. */
const secured = <T extends object>(responses: T) => ({ ...responses, '401': fail('Unauthorized'), '500': fail('Internal') });
const page = (item: string, description: string) => ({
  type: 'object',
  description,
  required: ['items', 'total', 'page', 'size'],
  properties: {
    items: { type: 'array', items: schema(item) },
    total: { type: 'integer', minimum: 0, description: 'Matches over all pages.' },
    page: { type: 'integer', minimum: 1 },
    size: { type: 'integer', minimum: 1, maximum: 100 },
  },
});
const errorBody = (description: string) => json(description, schema('Error'));

const dateTime = { type: 'string', format: 'date-time' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const userId = { type: 'integer', minimum: 1, description: 'A user id.' } as const;
const localized = schema('LocalizedText');

const tags = {
  auth: ['auth'], forms: ['forms'], processes: ['processes'], instances: ['instances'],
  tasks: ['tasks'], customers: ['customers'], health: ['health'],
} as const;

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'dutyflow API',
    version: '1',
    description: [
      'Task and process API of dutyflow (processes run on Temporal; PostgreSQL holds the queryable projection).',
      '',
      '- Authentication: `POST /api/auth/login` returns a JWT (HS256, 12 h) and also sets it as the HttpOnly cookie',
      '  `dutyflow_session`. Send it as `Authorization: Bearer <token>` or let the browser send the cookie.',
      '  Every `/api` route except login and this document answers 401 without a valid session;',
      '  unknown `/api` routes answer 404 (after the session check).',
      '- Errors have one shape everywhere: `{"error":{"code","message","details?"}}`, never a stack trace.',
      '  422 adds the field errors at top level too (`errors: [{path, message}]`).',
      '- Language: messages (errors, field errors) are in zh-CN by default. An `Accept-Language` naming `zh` or `en`',
      '  wins, then the signed-in user\'s own locale, then zh-CN. Labels (process, form titles) come in both languages.',
      '- Customer tiers (档位) are integers 1–30 in the API, shown to people as D1–D30 (D30 highest).',
      '- Starting a regrade takes the `regrade-proposal` form as `data`; approval tasks are completed with',
      '  `outcome: approve | reject | return` (`approval-decision` form).',
      '- Writes are idempotent per client `requestId`.',
    ].join('\n'),
  },
  servers: [{ url: '/' }],
  tags: [
    { name: 'auth', description: 'Sessions.' },
    { name: 'forms', description: 'Versioned JSON Schema / JSON Forms definitions of every record form.' },
    { name: 'processes', description: 'Processes the caller may start.' },
    { name: 'instances', description: 'Process instances (runs).' },
    { name: 'tasks', description: 'The inbox: human steps of running processes.' },
    { name: 'customers', description: 'Retail customers and their tier history.' },
    { name: 'health', description: 'Liveness and readiness probes (outside /api).' },
  ],
  security: [{ bearerAuth: [] }, { cookieAuth: [] }],
  paths: {
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
          '200': json('Summaries.', {
            type: 'object', required: ['items'], properties: { items: { type: 'array', items: schema('FormSummary') } },
          }),
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
          '200': json('Startable processes.', {
            type: 'object', required: ['items'], properties: { items: { type: 'array', items: schema('Process') } },
          }),
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
  },
  components: {
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The `token` from login.' },
      cookieAuth: { type: 'apiKey', in: 'cookie', name: 'dutyflow_session', description: 'HttpOnly cookie set by login.' },
    },
    parameters: {
      AcceptLanguage: {
        name: 'Accept-Language', in: 'header', required: false,
        description: 'A tag starting with `zh` or `en` chooses the message language; otherwise the user\'s locale, then zh-CN.',
        schema: { type: 'string', examples: ['en', 'zh-CN'] },
      },
      Page: { name: 'page', in: 'query', description: 'From 1; invalid values mean 1.', schema: { type: 'integer', minimum: 1, default: 1 } },
      Size: {
        name: 'size', in: 'query', description: 'Page size; larger values are cut to 100, invalid ones mean 20.',
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      },
      TaskId: { name: 'id', in: 'path', required: true, description: 'Task id; a malformed id is 404.', schema: uuid },
      InstanceId: {
        name: 'id', in: 'path', required: true, description: 'Instance id (= Temporal workflow id); a malformed id is 404.', schema: uuid,
      },
      CustomerId: {
        name: 'id', in: 'path', required: true, description: 'Customer id; a malformed id is 404.', schema: { type: 'integer', minimum: 1 },
      },
      FormKey: { name: 'key', in: 'path', required: true, schema: schema('FormKey') },
      ProcessKey: {
        name: 'key', in: 'path', required: true,
        description: 'Process key. Only `regrade` can be started today; others are 404.',
        schema: { type: 'string', examples: ['regrade'] },
      },
    },
    responses: {
      InvalidJson: errorBody('The body is not valid JSON (`code: invalid_json`), or cannot be read (413 `entity_too_large` over 1 MB).'),
      Unauthorized: errorBody('No valid session (`code: unauthenticated`).'),
      Forbidden: errorBody('The caller\'s role or assignment does not permit this (`code: forbidden`).'),
      NotFound: errorBody('Not found (`code: not_found`).'),
      TaskNotFound: errorBody('No such task, a malformed id, or not visible to the caller (`code: not_found`).'),
      Conflict: errorBody('Conflicts with the current state (`code: conflict`).'),
      Unprocessable: json('Invalid input (`code: invalid_input`), one entry per bad field.', schema('ValidationError')),
      Unavailable: errorBody('A dependency (Temporal) is unreachable (`code: unavailable`); retry later.'),
      Internal: errorBody('Unexpected failure (`code: internal`); details are only logged.'),
    },
    schemas: {
      Error: {
        type: 'object',
        description: 'Every error. `message` is for people: zh-CN by default, English via `Accept-Language` or the user\'s locale.',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: {
                type: 'string',
                enum: ['unauthenticated', 'forbidden', 'not_found', 'conflict', 'invalid_input', 'invalid_json', 'entity_too_large', 'unavailable', 'internal'],
              },
              message: { type: 'string', examples: ['您无权执行此操作', 'You are not allowed to do this'] },
              details: { type: 'object', description: 'Machine-readable context, e.g. `{instanceId}` of the open regrade on 409.' },
            },
          },
        },
      },
      FieldError: {
        type: 'object',
        required: ['path', 'message'],
        properties: {
          path: {
            type: 'string',
            description: 'JSON pointer into the submitted data (or body), e.g. `/proposedTier`, `/recentVolumes/0/cartons`, `/requestId`, `/outcome`.',
          },
          message: { type: 'string', description: 'In the caller\'s language, prefixed with the field label when known.' },
        },
      },
      ValidationError: {
        type: 'object',
        description: 'The error shape for 422; the field errors appear both in `error.details.errors` and at top level.',
        required: ['error', 'errors'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message', 'details'],
            properties: {
              code: { const: 'invalid_input' },
              message: { type: 'string' },
              details: {
                type: 'object', required: ['errors'], properties: { errors: { type: 'array', items: schema('FieldError') } },
              },
            },
          },
          errors: { type: 'array', items: schema('FieldError') },
        },
      },
      Locale: { type: 'string', enum: ['zh-CN', 'en'] },
      LocalizedText: {
        type: 'object', required: ['zh-CN', 'en'],
        properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
      },
      Role: { type: 'string', enum: ['customer_manager', 'supervisor', 'dept_head', 'safety_officer', 'leader', 'admin'] },
      Tier: { type: 'integer', minimum: 1, maximum: 30, description: 'Customer tier (档位), shown as D1–D30; D30 is the highest.' },
      RequestId: {
        type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,100}$',
        description: 'Client idempotency key (1–100 of letters, digits, `_ . : -`); else 422 at `/requestId`.',
      },
      User: {
        type: 'object',
        description: 'The signed-in user (SessionUser).',
        required: ['id', 'username', 'displayName', 'roles', 'supervisorId', 'locale'],
        properties: {
          id: { type: 'integer' },
          username: { type: 'string' },
          displayName: { type: 'string' },
          roles: { type: 'array', items: schema('Role') },
          supervisorId: nullable(userId),
          locale: schema('Locale'),
        },
      },
      LoginRequest: {
        type: 'object', required: ['username', 'password'],
        properties: { username: { type: 'string' }, password: { type: 'string', format: 'password' } },
      },
      LoginResponse: {
        type: 'object',
        required: ['token', 'user'],
        properties: {
          token: { type: 'string', description: 'JWT for `Authorization: Bearer`; also set as the cookie.' },
          user: {
            type: 'object',
            description: 'Like `User` without `supervisorId`; `locale` is the stored setting as is.',
            required: ['id', 'username', 'displayName', 'roles', 'locale'],
            properties: {
              id: { type: 'integer' },
              username: { type: 'string' },
              displayName: { type: 'string' },
              roles: { type: 'array', items: schema('Role') },
              locale: { type: 'string', examples: ['zh-CN', 'en'] },
            },
          },
        },
      },
      FormKey: { type: 'string', enum: ['regrade-proposal', 'approval-decision', 'work-record', 'customer-profile-feedback'] },
      FormSummary: {
        type: 'object', required: ['key', 'version', 'title'],
        properties: { key: schema('FormKey'), version: { type: 'integer', minimum: 1 }, title: localized },
      },
      Form: {
        type: 'object',
        description: 'One versioned form: the same JSON Schema validates on server and browser.',
        required: ['key', 'version', 'title', 'schema', 'uischema', 'i18n'],
        properties: {
          key: schema('FormKey'),
          version: { type: 'integer', minimum: 1, description: 'Stored with every record.' },
          title: localized,
          schema: { type: 'object', description: 'JSON Schema draft-07 of the form data.' },
          uischema: { type: 'object', description: 'JSON Forms UI schema.' },
          i18n: {
            type: 'object',
            description: 'JSON Forms i18n dictionary per locale (`<prop>.label`, `<prop>.description`, `<prop>.<enumValue>`, ...).',
            required: ['zh-CN', 'en'],
            properties: {
              'zh-CN': { type: 'object', additionalProperties: { type: 'string' } },
              en: { type: 'object', additionalProperties: { type: 'string' } },
            },
          },
        },
      },
      Process: {
        type: 'object', required: ['key', 'title', 'formKey'],
        properties: {
          key: { type: 'string', examples: ['regrade'] },
          title: localized,
          formKey: { ...schema('FormKey'), description: 'The form whose data starts it.' },
        },
      },
      RegradeProposal: {
        type: 'object',
        description: 'The `regrade-proposal` form (version 1, 客户等级变更建议): a customer manager\'s evidence for moving one of '
          + 'their customers to another tier. No extra properties.',
        required: ['customerId', 'proposedTier', 'reason', 'recentVolumes', 'visitFacts'],
        additionalProperties: false,
        properties: {
          customerId: { type: 'integer', minimum: 1, description: 'One of the caller\'s customers.' },
          proposedTier: { ...schema('Tier'), description: 'Target tier 1–30 (D1–D30); must differ from the current tier.' },
          reason: { type: 'string', minLength: 10, maxLength: 2000 },
          recentVolumes: {
            type: 'array', minItems: 3, maxItems: 12, description: 'Monthly purchase volumes of the last 3–12 months.',
            items: {
              type: 'object', required: ['month', 'cartons'], additionalProperties: false,
              properties: {
                month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM.' },
                cartons: { type: 'integer', minimum: 0, maximum: 100000, description: 'Cartons (条).' },
              },
            },
          },
          visitDate: { type: 'string', format: 'date', description: 'Date of the site visit.' },
          visitFacts: { type: 'string', minLength: 5, maxLength: 2000, description: 'What the site visit found.' },
        },
      },
      ApprovalDecision: {
        type: 'object',
        description: 'The `approval-decision` form (审批意见). `comment` (≥ 2 characters) is required for reject and return.',
        required: ['outcome'],
        additionalProperties: false,
        properties: {
          outcome: schema('Outcome'),
          comment: { type: 'string', maxLength: 1000 },
        },
      },
      Outcome: { type: 'string', enum: ['approve', 'reject', 'return'], description: 'Decision of an approval task.' },
      StartInstanceRequest: {
        type: 'object',
        required: ['data', 'requestId'],
        properties: { data: schema('RegradeProposal'), requestId: schema('RequestId') },
      },
      InstanceStatus: { type: 'string', enum: ['running', 'completed', 'rejected', 'cancelled', 'failed'] },
      Instance: {
        type: 'object',
        required: [
          'id', 'processKey', 'businessKey', 'title', 'status', 'currentStep', 'startedBy', 'summary', 'startedAt', 'updatedAt', 'endedAt',
        ],
        properties: {
          id: { ...uuid, description: 'Also the Temporal workflow id.' },
          processKey: { type: 'string', examples: ['regrade'] },
          businessKey: { type: 'string', description: 'What the run is about; one running instance per key.', examples: ['customer:17'] },
          title: { type: 'string', examples: ['某某便利店 D12 → D14'] },
          status: schema('InstanceStatus'),
          currentStep: nullable({ type: 'string' }),
          startedBy: userId,
          summary: {
            type: 'object',
            description: 'Small summary for lists; for regrade `{customerId, customerName, fromTier, proposedTier}`, '
              + 'then `{toTier, effectiveFrom?}` when it ends.',
          },
          startedAt: dateTime,
          updatedAt: dateTime,
          endedAt: nullable(dateTime),
        },
      },
      FormRecord: {
        type: 'object',
        required: ['id', 'formKey', 'formVersion', 'data', 'taskId', 'createdBy', 'createdAt'],
        properties: {
          id: uuid,
          formKey: schema('FormKey'),
          formVersion: { type: 'integer' },
          data: { type: 'object', description: 'The submitted form data as stored.' },
          taskId: nullable(uuid),
          createdBy: userId,
          createdAt: dateTime,
        },
      },
      TimelineEvent: {
        type: 'object',
        required: ['at', 'type', 'actorId', 'taskId', 'data'],
        properties: {
          at: dateTime,
          type: { type: 'string', examples: ['instance.started', 'task.claimed', 'task.unclaimed'] },
          actorId: { ...nullable(userId), description: 'Null for the system (timers, escalations).' },
          taskId: nullable(uuid),
          data: { type: 'object' },
        },
      },
      InstanceDetail: {
        allOf: [
          schema('Instance'),
          {
            type: 'object',
            required: ['tasks', 'records', 'timeline'],
            properties: {
              tasks: { type: 'array', items: schema('Task'), description: 'Oldest first.' },
              records: { type: 'array', items: schema('FormRecord'), description: 'Oldest first.' },
              timeline: { type: 'array', items: schema('TimelineEvent'), description: 'Audit events in order.' },
            },
          },
        ],
      },
      InstancePage: page('Instance', 'A page of instances.'),
      TaskStatus: { type: 'string', enum: ['open', 'done', 'cancelled'] },
      Task: {
        type: 'object',
        description: 'A human step of a process.',
        required: [
          'id', 'instanceId', 'processKey', 'stepKey', 'name', 'formKey', 'formVersion', 'assigneeId', 'candidateRoles', 'claimedBy',
          'status', 'outcome', 'allowedOutcomes', 'priority', 'prefill', 'fixedData', 'context', 'dueAt', 'overdue', 'remindedAt', 'escalatedAt',
          'createdAt', 'completedAt', 'completedBy', 'canAct',
        ],
        properties: {
          id: uuid,
          instanceId: uuid,
          processKey: { type: 'string' },
          stepKey: { type: 'string', description: 'Unique per instance; repeated steps carry a round suffix, e.g. `review#2`.' },
          name: { type: 'string', description: 'i18n key of the step name, e.g. `regrade.review`.' },
          formKey: schema('FormKey'),
          formVersion: { type: 'integer' },
          assigneeId: nullable(userId),
          candidateRoles: { type: 'array', items: { type: 'string' } },
          claimedBy: nullable(userId),
          status: schema('TaskStatus'),
          outcome: nullable({ type: 'string' }),
          allowedOutcomes: {
            type: 'array', items: { type: 'string' },
            description: 'Empty: completing takes no outcome. Approval tasks: `approve`, `reject`, `return`.',
          },
          priority: { type: 'integer', description: 'Higher first.' },
          prefill: { ...nullable({ type: 'object' }), description: 'Initial form data (e.g. the proposal to revise).' },
          fixedData: { ...nullable({ type: 'object' }), description: 'Fields the submission must keep unchanged (otherwise 422 at that path).' },
          context: {
            type: 'object',
            description: 'What the inbox shows; for regrade `{customerId, customerCode, customerName, fromTier, proposedTier, proposerId}` '
              + '(+ `returnedBy`, `comment` on a revise task).',
          },
          dueAt: nullable(dateTime),
          overdue: { type: 'boolean', description: 'Open and past `dueAt`.' },
          remindedAt: nullable(dateTime),
          escalatedAt: nullable(dateTime),
          createdAt: dateTime,
          completedAt: nullable(dateTime),
          completedBy: nullable(userId),
          canAct: { type: 'boolean', description: 'The caller may claim/complete it now (open, permitted, not claimed by someone else).' },
        },
      },
      TaskPage: page('Task', 'A page of the inbox.'),
      CompleteTaskRequest: {
        type: 'object',
        required: ['data', 'requestId'],
        properties: {
          data: {
            anyOf: [schema('ApprovalDecision'), schema('RegradeProposal'), { type: 'object' }],
            examples: [{ outcome: 'return', comment: '请补充近三个月的走访记录' }],
            description: 'Form data, validated against the JSON Schema of the task\'s `formKey` (see `GET /api/forms/{key}`): '
              + '`ApprovalDecision` fields for approval tasks (may be `{}` when `outcome`/`comment` are given beside it), '
              + '`RegradeProposal` for a regrade revise task (the customer stays fixed).',
          },
          outcome: {
            type: 'string',
            description: 'Required exactly when the task has `allowedOutcomes` and must be one of them (`approve | reject | return` '
              + 'for decisions); may instead be given as `data.outcome`. Otherwise 422 at `/outcome`.',
          },
          comment: { type: 'string', description: 'For decisions: stored as `data.comment` (overrides it).' },
          requestId: schema('RequestId'),
        },
      },
      CompleteTaskResult: {
        type: 'object',
        required: ['task', 'recordId', 'instance'],
        properties: {
          task: schema('Task'),
          recordId: { ...nullable(uuid), description: 'The form record written by the completion.' },
          instance: nullable({
            type: 'object',
            required: ['id', 'status', 'currentStep'],
            properties: { id: uuid, status: schema('InstanceStatus'), currentStep: nullable({ type: 'string' }) },
          }),
        },
      },
      Customer: {
        type: 'object',
        required: ['id', 'code', 'name', 'managerId', 'tier', 'tierLabel', 'marketType', 'businessType', 'address'],
        properties: {
          id: { type: 'integer', minimum: 1 },
          code: { type: 'string' },
          name: { type: 'string' },
          managerId: { ...userId, description: 'The responsible customer manager.' },
          tier: schema('Tier'),
          tierLabel: { type: 'string', pattern: '^D([1-9]|[12][0-9]|30)$', description: '`D${tier}`.', examples: ['D12'] },
          marketType: { type: 'string', enum: ['urban', 'rural'] },
          businessType: { type: 'string', description: '业态', examples: ['convenience', 'supermarket', 'tobacco_liquor'] },
          address: nullable({ type: 'string' }),
        },
      },
      TierChange: {
        type: 'object',
        required: ['fromTier', 'toTier', 'effectiveFrom', 'instanceId', 'decidedBy', 'changedAt'],
        properties: {
          fromTier: schema('Tier'),
          toTier: schema('Tier'),
          effectiveFrom: { type: 'string', format: 'date', description: 'First day of the allocation month the new tier applies from.' },
          instanceId: { ...nullable(uuid), description: 'The regrade that decided it.' },
          decidedBy: nullable(userId),
          changedAt: dateTime,
        },
      },
      CustomerDetail: {
        allOf: [
          schema('Customer'),
          {
            type: 'object',
            required: ['tierHistory'],
            properties: { tierHistory: { type: 'array', items: schema('TierChange'), description: 'Newest first.' } },
          },
        ],
      },
      CustomerPage: page('Customer', 'A page of customers.'),
      Readiness: {
        type: 'object',
        required: ['status', 'database', 'temporal'],
        properties: {
          status: { type: 'string', enum: ['ready', 'not ready'] },
          database: { type: 'boolean', description: 'PostgreSQL answered `select 1`.' },
          temporal: { type: 'boolean', description: 'Temporal answered DescribeNamespace.' },
        },
      },
    },
  },
} as const;
