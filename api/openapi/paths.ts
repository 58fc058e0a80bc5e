import { reportHeaders } from '../assignments/assignedTaskExport.js';
import { ledgerHeaders } from '../hazards/hazardExport.js';
import { EXPORT_MAX_ROWS } from '../hazards/hazardLedger.js';
import { AVAILABILITY_COLUMNS, CARTONS_MAX } from '../allocation/availabilityService.js';
import { PRODUCT_BRAND_MAX, PRODUCT_CODE_MAX, PRODUCT_COLUMNS, PRODUCT_NAME_MAX, PRODUCT_PRICE_MAX } from '../allocation/productService.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, IMPORT_TYPES } from '../http/spreadsheetImport.js';
import { fail, json, list, param, schema, secured, tags, userId, uuid } from './helpers.js';

/** The filters the inbox list and its counts share. */
const INBOX_FILTERS = [param('InboxProcess'), param('InboxQ'), param('DueBefore'), param('DueAfter'), param('Overdue')];

/** Who may not read an attachment (its bytes or its meta data). */
const ATTACHMENT_READ_ERRORS = {
  '403': fail('Forbidden', 'Neither the uploader nor allowed to see its instance.'),
  '404': fail('NotFound', 'No such attachment, or a malformed id.'),
};

/** The columns an import reads, for descriptions: `key` (中文表头), required or optional. */
const importColumns = (columns: readonly { key: string; label: Record<string, string>; required: boolean }[]) =>
  columns.map((c) => `\`${c.key}\` (${c.label['zh-CN']})${c.required ? '' : ', optional'}`).join('; ');

/** How an import's file is read and refused; the same for products and availability. */
const IMPORT_FILE = [
  'The body is the raw file with its type as `Content-Type`: xlsx (`' + IMPORT_TYPES.xlsx + '`, the first visible sheet) or csv (`text/csv`,',
  'UTF-8 with or without a BOM; `,`, `;` or tab separated). The header row may sit under a title row (the first of the first ten rows',
  'naming a known column); headers match the English key or the Chinese label, ignoring case, spaces and a unit in brackets',
  '(`批发价（元/条）`); other columns are ignored, blank rows skipped. Rows are numbered as in the file (the header row of a plain',
  `file is 1). At most ${IMPORT_MAX_ROWS} data rows and ${IMPORT_MAX_BYTES / 1024 / 1024} MiB. Every bad row is reported, each at`,
  '`/rows/<row>/<column>`, and a file with any bad row stores nothing (one transaction). For the dept head and admins (403 otherwise).',
].join(' ');

const IMPORT_ERRORS = {
  '403': fail('Forbidden', 'Not the dept head or an admin.'),
  '413': fail('FileTooLarge', `Over ${IMPORT_MAX_BYTES / 1024 / 1024} MiB (\`details.maxBytes\`); checked by Content-Length before reading, else while streaming.`),
  '415': fail('UnsupportedMediaType', 'Not xlsx or csv, or an "xlsx" that is not one; `details.allowed` lists the two types.'),
} as const;

const IMPORT_BODY = {
  required: true,
  description: 'The spreadsheet\'s bytes.',
  content: {
    [IMPORT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
    [IMPORT_TYPES.csv]: { schema: { type: 'string' } },
  },
};

/** One action on a 督办 track: the same parameters and refusals, its own form and answer. */
const trackAction = (operationId: string, summary: string, description: string, success: Record<string, unknown>) => ({
  post: {
    tags: tags.assignments, operationId, summary, description,
    parameters: [
      { name: 'instanceId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      { name: 'assigneeId', in: 'path', required: true, schema: { type: 'integer' } },
    ],
    requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
    responses: secured({
      ...success, '403': fail('Forbidden'), '404': fail('NotFound'), '409': fail('Conflict'), '422': fail('Unprocessable'),
      '503': fail('Unavailable'),
    }),
  },
});

/** The allocation exports' month, plan version and answer. */
const PLAN_EXPORT_MONTH = {
  name: 'month', in: 'path', required: true, description: '`YYYY-MM`; else 422 at `/month`.', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
} as const;
const PLAN_EXPORT_VERSION = {
  name: 'version', in: 'query', description: 'A version of the month\'s plan (default: the published one). One not (or not yet) '
    + 'published only for the dept head and admins (others 403).', schema: { type: 'integer', minimum: 1 },
} as const;
const XLSX_DOWNLOAD = {
  description: 'The file (`Content-Disposition: attachment; filename*=UTF-8\'\'…`).',
  content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } },
} as const;

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
        '413': fail('InvalidJson', 'The body is over 1 MB (`code: entity_too_large`).'),
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
    patch: {
      tags: tags.me,
      operationId: 'updateMe',
      summary: 'Change the caller\'s own settings (language)',
      description: 'Later requests without an `Accept-Language` naming zh or en answer in this locale.',
      parameters: [param('AcceptLanguage')],
      requestBody: { required: true, content: { 'application/json': { schema: schema('UpdateMeRequest') } } },
      responses: secured({
        '200': json('The caller, as `GET /api/me` shows them now.', schema('User')),
        '400': fail('InvalidJson'),
        '422': fail('Unprocessable', '`locale` is not `zh-CN` or `en` (at `/locale`).'),
      }),
    },
  },
  '/api/me/filters': {
    get: {
      tags: tags.me,
      operationId: 'listSavedFilters',
      summary: 'The caller\'s saved inbox filters, by name',
      parameters: [param('AcceptLanguage')],
      responses: secured({ '200': list('SavedFilter', 'Only the caller\'s own.') }),
    },
    post: {
      tags: tags.me,
      operationId: 'saveFilter',
      summary: 'Save an inbox filter under a name',
      description: 'A name the caller already has gets the new query (200), so a double submit never makes two. '
        + 'At most 50 filters per user.',
      parameters: [param('AcceptLanguage')],
      requestBody: { required: true, content: { 'application/json': { schema: schema('SavedFilterRequest') } } },
      responses: secured({
        '201': json('Saved under a new name.', schema('SavedFilter')),
        '200': json('The name existed: its query was replaced.', schema('SavedFilter')),
        '400': fail('InvalidJson'),
        '422': fail('Unprocessable', 'Bad `name` (at `/name`, also for a 51st filter), `query` not an object (at `/query`), '
          + 'or an unknown key or a non-text value (at `/query/<key>`).'),
      }),
    },
  },
  '/api/me/filters/{id}': {
    delete: {
      tags: tags.me,
      operationId: 'deleteSavedFilter',
      summary: 'Delete one of the caller\'s saved filters',
      parameters: [param('FilterId'), param('AcceptLanguage')],
      responses: secured({
        '204': { description: 'Deleted.' },
        '404': fail('NotFound', 'No such filter of the caller\'s (another user\'s filter is 404 too).'),
      }),
    },
  },
  '/api/me/notifications': {
    get: {
      tags: tags.me,
      operationId: 'listNotifications',
      summary: 'The caller\'s notifications, newest first',
      description: 'Written when a task reaches the caller (`task_assigned`, or `task_returned` after a send-back), before its '
        + 'deadline (`task_due_soon`), when it is overdue (`task_overdue`, also to the roles it escalates to), when a 督办 is chased '
        + '(`task_chased`), and when a process the caller started ends (`process_completed`). Only the caller\'s own.',
      parameters: [
        { name: 'unread', in: 'query', description: '`true`: only unread ones. Any value but `true`/`false` is 422 at `/unread`.',
          schema: { type: 'string', enum: ['true', 'false'] } },
        param('Page'), param('Size'), param('AcceptLanguage'),
      ],
      responses: secured({
        '200': json('A page of notifications.', schema('NotificationPage')),
        '422': fail('Unprocessable', 'A bad `unread` (at `/unread`).'),
      }),
    },
  },
  '/api/me/notifications/count': {
    get: {
      tags: tags.me,
      operationId: 'countUnreadNotifications',
      summary: 'How many of the caller\'s notifications are unread (the bell\'s badge)',
      parameters: [param('AcceptLanguage')],
      responses: secured({
        '200': json('The count.', { type: 'object', required: ['unread'], properties: { unread: { type: 'integer', minimum: 0 } } }),
      }),
    },
  },
  '/api/me/notifications/{id}/read': {
    post: {
      tags: tags.me,
      operationId: 'markNotificationRead',
      summary: 'Mark one notification read',
      description: 'Idempotent: an already read notification stays as it was (204).',
      parameters: [param('NotificationId'), param('AcceptLanguage')],
      responses: secured({
        '204': { description: 'Read.' },
        '404': fail('NotFound', 'No such notification of the caller\'s (another user\'s is 404 too).'),
      }),
    },
  },
  '/api/me/notifications/read-all': {
    post: {
      tags: tags.me,
      operationId: 'markAllNotificationsRead',
      summary: 'Mark all of the caller\'s notifications read (全部已读)',
      parameters: [param('AcceptLanguage')],
      responses: secured({ '204': { description: 'All read.' } }),
    },
  },
  '/api/me/webhook': {
    get: {
      tags: tags.me,
      operationId: 'getWebhook',
      summary: 'The caller\'s webhook settings (never the secret)',
      parameters: [param('AcceptLanguage')],
      responses: secured({
        '200': json('The webhook.', schema('Webhook')),
        '404': fail('NotFound', 'The caller has no webhook.'),
      }),
    },
    put: {
      tags: tags.me,
      operationId: 'saveWebhook',
      summary: 'Create or replace the caller\'s webhook',
      description: [
        'Each notification of one of `kinds` is POSTed to `url` as JSON `{id, kind, createdAt, user:{id,username}, data,',
        'links:{task, instance}}` with headers `X-Dutyflow-Event` (the kind), `X-Dutyflow-Delivery` (the delivery id),',
        '`X-Dutyflow-Timestamp` (Unix seconds of the attempt) and `X-Dutyflow-Signature: sha256=<hex>`, the HMAC-SHA256 of the',
        'exact body with the secret. A 2xx answer within 10 s delivers it; otherwise it is retried with exponential backoff',
        '(1 s, doubling; 8 attempts by default), then marked failed. Links are absolute when `DUTYFLOW_PUBLIC_URL` is set.',
        'Without `secret`, an existing webhook keeps its secret and a new one gets a generated secret, returned in this answer only.',
      ].join(' '),
      parameters: [param('AcceptLanguage')],
      requestBody: { required: true, content: { 'application/json': { schema: schema('WebhookRequest') } } },
      responses: secured({
        '200': json('Saved; `secret` only when one was generated now.', schema('WebhookSaved')),
        '400': fail('InvalidJson'),
        '422': fail('Unprocessable', 'Every bad field at once: `/url`, `/secret`, `/enabled`, `/kinds` (or `/kinds/<i>` for an unknown kind).'),
      }),
    },
    delete: {
      tags: tags.me,
      operationId: 'deleteWebhook',
      summary: 'Remove the caller\'s webhook',
      description: 'Idempotent (none: 204 too). Deliveries not yet sent are given up; the delivery log stays.',
      parameters: [param('AcceptLanguage')],
      responses: secured({ '204': { description: 'Removed.' } }),
    },
  },
  '/api/me/webhook/deliveries': {
    get: {
      tags: tags.me,
      operationId: 'listWebhookDeliveries',
      summary: 'The caller\'s webhook delivery log, newest first',
      parameters: [param('Page'), param('Size'), param('AcceptLanguage')],
      responses: secured({ '200': json('A page of deliveries.', schema('WebhookDeliveryPage')) }),
    },
  },
  '/api/users': {
    get: {
      tags: tags.users,
      operationId: 'listUsers',
      summary: 'Active users, by id',
      description: 'For showing names for the user ids in tasks, instances and timelines; any signed-in user may read it.',
      parameters: [param('AcceptLanguage')],
      responses: secured({ '200': list('UserSummary', 'Every active user.') }),
    },
  },
  '/api/config': {
    get: {
      tags: tags.config,
      operationId: 'getClientConfig',
      summary: 'Deployment facts the web app needs',
      parameters: [param('AcceptLanguage')],
      responses: secured({ '200': json('The configuration.', schema('ClientConfig')) }),
    },
  },
  '/api/admin/calendar': {
    get: {
      tags: tags.calendar,
      operationId: 'listCalendarDays',
      summary: 'The work calendar\'s holidays and 调休 working days, by date',
      description: 'Deadlines in working days (e.g. the regrade decision\'s 3) skip weekends and `holiday` days and count '
        + '`workday` days. The State Council\'s published schedule comes with the installation; later years are entered here. '
        + 'Workers read the calendar at most a minute old, so a change applies to deadlines set from then on; '
        + 'deadlines already set keep their date.',
      parameters: [
        {
          name: 'year', in: 'query', description: 'Only this year (four digits, else 422 at `/year`); absent: every year.',
          schema: { type: 'integer', minimum: 1900, maximum: 2999, examples: [2026] },
        },
        param('AcceptLanguage'),
      ],
      responses: secured({
        '200': list('CalendarDay', 'The days, by date.'),
        '403': fail('Forbidden', 'Not an admin.'),
        '422': fail('Unprocessable', 'A `year` that is not four digits (at `/year`).'),
      }),
    },
  },
  '/api/admin/calendar/{date}': {
    put: {
      tags: tags.calendar,
      operationId: 'setCalendarDay',
      summary: 'Mark a day as a holiday or a 调休 working day (or rename it)',
      description: 'Idempotent: the same values again change nothing (200). Each change is audited (`calendar.daySet`).',
      parameters: [param('CalendarDate'), param('AcceptLanguage')],
      requestBody: { required: true, content: { 'application/json': { schema: schema('CalendarDayRequest') } } },
      responses: secured({
        '201': json('The day was not in the calendar before.', schema('CalendarDay')),
        '200': json('The day was in the calendar: it now reads as given.', schema('CalendarDay')),
        '400': fail('InvalidJson'),
        '403': fail('Forbidden', 'Not an admin.'),
        '422': fail('Unprocessable', 'Every bad field at once: `/date`, `/kind` (also a kind that means nothing on that day), `/name`.'),
      }),
    },
    delete: {
      tags: tags.calendar,
      operationId: 'deleteCalendarDay',
      summary: 'Return a day to the weekday rule',
      description: 'Idempotent: a day that is not in the calendar is 204 too. A removal is audited (`calendar.dayRemoved`).',
      parameters: [param('CalendarDate'), param('AcceptLanguage')],
      responses: secured({
        '204': { description: 'The day follows the weekday rule.' },
        '403': fail('Forbidden', 'Not an admin.'),
        '422': fail('Unprocessable', 'Not a date (at `/date`).'),
      }),
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
        ...INBOX_FILTERS,
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
        '422': fail('Unprocessable', 'An unknown `view`, `status` or `sort`, an unparsable `dueBefore`/`dueAfter`, or `overdue` '
          + 'other than `true`/`false`.'),
      }),
    },
  },
  '/api/tasks/counts': {
    get: {
      tags: tags.tasks,
      operationId: 'countTasks',
      summary: 'How many tasks each inbox tab holds',
      description: 'The counts of `view=mine`, `view=group` (both open) and `view=mine&status=done`, under the same filters as the list. '
        + '`view`, `status`, `sort` and paging are not read.',
      parameters: [...INBOX_FILTERS, param('AcceptLanguage')],
      responses: secured({
        '200': json('The counts.', schema('TaskCounts')),
        '422': fail('Unprocessable', 'An unparsable `dueBefore`/`dueAfter`, or `overdue` other than `true`/`false`.'),
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
  '/api/tasks/{id}/actions': {
    post: {
      tags: tags.tasks,
      operationId: 'taskAction',
      summary: '转交, 加签 or 抄送 on an open task whose step allows it',
      description: [
        'Body: `{action: transfer | addSigner | cc, userId (transfer, addSigner) | userIds (cc, up to 20), position (addSigner:',
        'before | after | parallel), reason (2–500), requestId}`. The task\'s `actions` lists what its step allows. Transfer',
        'moves the task to the user; addSigner (sign steps only) adds a decider beside or after the caller, or an opinion the',
        'caller must wait for (before: completing answers 409 until it is in); cc lets the users read the process and tells',
        'them. Only who may act on the task may; the same `requestId` again is the same action.',
      ].join(' '),
      parameters: [param('TaskId'), param('AcceptLanguage')],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
      responses: secured({
        '200': json('Done: the task as it is now.', schema('Task')),
        '403': fail('Forbidden', 'Not the task\'s owner, or the step does not allow the action.'),
        '404': fail('TaskNotFound'),
        '409': fail('Conflict', 'The task is closed.'),
        '422': fail('Unprocessable', 'Bad action, position, reason or user (at their paths), or a user the task cannot go to.'),
        '503': fail('Unavailable'),
      }),
    },
  },
  '/api/assigned-tasks': {
    get: {
      tags: tags.assignments,
      operationId: 'assignmentBoard',
      summary: 'The 督办 board: tracks assigned by me, mine to do, or all',
      description: '`view=assigned|mine|all` (all: dept head, leaders, admins), `status=open|closed|all`; open tracks overdue first '
        + '(judged against the original deadline), then due soon, then by deadline.',
      parameters: [
        { name: 'view', in: 'query', schema: { type: 'string', enum: ['assigned', 'mine', 'all'] } },
        { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'closed', 'all'] } },
        param('Page'), param('Size'),
      ],
      responses: secured({ '200': json('Tracks.', { type: 'object' }), '403': fail('Forbidden'), '422': fail('Unprocessable') }),
    },
  },
  '/api/assigned-tasks/{instanceId}/tracks/{assigneeId}/progress': trackAction('trackProgress', '进度反馈 on one assignee\'s track',
    'Body `{data, requestId}` with the form `progress-feedback`; by the assignee or a co-organiser.', { '200': json('Recorded.', { type: 'object' }) }),
  '/api/assigned-tasks/{instanceId}/tracks/{assigneeId}/chase': trackAction('trackChase', '催办 on one assignee\'s track',
    'Body `{data, requestId}` with the form `supervision-note`; by the assigning leader. The assignee is notified.', { '204': { description: 'Chased.' } }),
  '/api/assigned-tasks/{instanceId}/tracks/{assigneeId}/extension': trackAction('trackExtension', '延期申请 on one assignee\'s track',
    'Body `{data, requestId}` with the form `extension-request`; by the assignee, before the current deadline and for a later date '
      + '(422 at `/newDeadline` otherwise), decided by the leader in a task.', { '200': json('Requested.', { type: 'object' }) }),
  '/api/attachments': {
    post: {
      tags: tags.attachments,
      operationId: 'uploadAttachment',
      summary: 'Upload a file (photo, document) for a form',
      description: [
        'The body is the raw file, with its type as `Content-Type` (not multipart, not JSON). Checks run in this order,',
        'all but the last two before the body is read: `name` (422 at `/name`), type on the list (415), `Content-Length`',
        'over the limit (413), `taskId` (404, 403), then while streaming: first bytes of the declared type (415), size (413).',
        'A refused upload stores nothing. With `taskId` the file is linked to that task\'s process instance at once;',
        'without it, it stays the uploader\'s own until a form that uses it (a task completion, a process start) links it.',
        'Accepted types and the limit are configured (`DUTYFLOW_ATTACHMENT_TYPES`, `DUTYFLOW_ATTACHMENT_MAX_BYTES`,',
        'default 10 MiB of JPEG, PNG, WebP, PDF, DOCX, XLSX). The same bytes uploaded twice are kept once, as two attachments.',
      ].join(' '),
      parameters: [
        {
          name: 'name', in: 'query', required: true,
          description: 'The file name: 1–200 characters (trimmed), no `/` or `\\`, no control characters.',
          schema: { type: 'string', minLength: 1, maxLength: 200 }, examples: { photo: { value: '现场照片.jpg' } },
        },
        {
          name: 'taskId', in: 'query',
          description: 'An open task the caller may act on now (else 403; no such task 404); links the file to its instance.',
          schema: uuid,
        },
        param('AcceptLanguage'),
      ],
      requestBody: {
        required: true,
        description: 'The file\'s bytes.',
        content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } }, '*/*': { schema: { type: 'string', format: 'binary' } } },
      },
      responses: secured({
        '201': {
          ...json('Stored.', schema('Attachment')),
          headers: { Location: { description: '`/api/attachments/{id}`', schema: { type: 'string' } } },
        },
        '400': fail('InvalidJson', 'Sent as `application/json` with a body that is not JSON (the JSON parser reads it first).'),
        '403': fail('Forbidden', 'The caller may not act on the task `taskId`.'),
        '404': fail('TaskNotFound', 'No task `taskId`.'),
        '413': fail('FileTooLarge'),
        '415': fail('UnsupportedMediaType'),
        '422': fail('Unprocessable', 'A bad `name` (at `/name`), or an empty file.'),
      }),
    },
  },
  '/api/attachments/{id}': {
    get: {
      tags: tags.attachments,
      operationId: 'downloadAttachment',
      summary: 'The file\'s bytes',
      description: 'Readable by its uploader and by whoever may see the process instance it is linked to (as `GET /api/instances/{id}`). '
        + 'Sent with its stored type, `X-Content-Type-Options: nosniff` and `Cache-Control: private`; JPEG, PNG and WebP inline, '
        + 'everything else as a download.',
      parameters: [param('AttachmentId'), param('AcceptLanguage')],
      responses: secured({
        '200': {
          description: 'The bytes.',
          headers: {
            'Content-Disposition': {
              description: '`inline` (images) or `attachment`, with `filename*=UTF-8\'\'<name>` and an ASCII `filename` fallback.',
              schema: { type: 'string' },
            },
            'X-Content-Type-Options': { schema: { const: 'nosniff' } },
            'Cache-Control': { schema: { const: 'private' } },
          },
          content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
        },
        ...ATTACHMENT_READ_ERRORS,
      }),
    },
  },
  '/api/attachments/{id}/meta': {
    get: {
      tags: tags.attachments,
      operationId: 'getAttachment',
      summary: 'What a file is (name, size, type, hash)',
      description: 'Readable as the bytes are.',
      parameters: [param('AttachmentId'), param('AcceptLanguage')],
      responses: secured({
        '200': json('The attachment.', schema('Attachment')),
        ...ATTACHMENT_READ_ERRORS,
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
  '/api/hazards': {
    get: {
      tags: tags.hazards,
      operationId: 'listHazards',
      summary: 'The hazard ledger (隐患台账), a page or an export',
      description: 'For safety officers, leaders, the dept head and admins (others 403). Overdue is judged on today\'s China date. '
        + 'With `format`, the whole filtered ledger (no paging, same sort) is a download named `隐患台账-YYYYMMDD.<format>` '
        + `(\`hazard-ledger-…\` in English), at most ${EXPORT_MAX_ROWS} rows (more is 422 at \`/format\`: narrow the filter). `
        + `Columns, headers in the caller's language: ${ledgerHeaders('zh-CN').join(', ')} (${ledgerHeaders('en').join(', ')}). `
        + 'Enum values are shown as labels and times in China time. xlsx: a bold, frozen header row with a filter, date cells. '
        + 'csv: UTF-8 with a BOM, CRLF, RFC 4180 quoting; text starting with `= + - @` gets a leading `\'` (formula injection).',
      parameters: [
        {
          name: 'level', in: 'query', description: 'Confirmed level; a comma list allowed. Other values are 422.',
          schema: { type: 'string', examples: ['major', 'general,major'] },
        },
        {
          name: 'status', in: 'query', description: 'A comma list of `HazardStatus`; other values are 422.',
          schema: { type: 'string', examples: ['rectifying,verifying'] },
        },
        { name: 'place', in: 'query', description: 'Case-insensitive substring of the place (`%` and `_` match themselves).', schema: { type: 'string' } },
        { name: 'responsible', in: 'query', description: 'The responsible person\'s user id; else 422.', schema: userId },
        {
          name: 'overdue', in: 'query',
          description: '`true`: open hazards past their deadline, and closed ones whose rectification came late (`overdueDays` > 0). '
            + '`false` or absent: no restriction; other values are 422.',
          schema: { type: 'string', enum: ['true', 'false'] },
        },
        {
          name: 'from', in: 'query', description: 'Reported on or after this China date (YYYY-MM-DD); else 422.',
          schema: { type: 'string', format: 'date' },
        },
        {
          name: 'to', in: 'query', description: 'Reported on or before this China date (YYYY-MM-DD, inclusive); else 422.',
          schema: { type: 'string', format: 'date' },
        },
        {
          name: 'sort', in: 'query',
          description: '`overdue`: open and overdue first, then by deadline (none last), then newest. `deadline`/`-deadline`, '
            + '`reported`/`-reported`, `-overdueDays`. Other values are 422.',
          schema: { type: 'string', enum: ['overdue', 'deadline', '-deadline', 'reported', '-reported', '-overdueDays'], default: 'overdue' },
        },
        {
          name: 'format', in: 'query', description: 'Download the whole filtered ledger instead of a JSON page; other values are 422.',
          schema: { type: 'string', enum: ['xlsx', 'csv'] },
        },
        param('Page'), param('Size'), param('AcceptLanguage'),
      ],
      responses: secured({
        '200': {
          description: 'One page (JSON), or with `format` the file (`Content-Disposition: attachment; filename*=UTF-8\'\'…`).',
          content: {
            'application/json': { schema: schema('HazardPage') },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
            'text/csv': { schema: { type: 'string' } },
          },
        },
        '403': fail('Forbidden', 'Not a safety officer, leader, dept head or admin.'),
        '422': fail('Unprocessable', 'A bad `level`, `status`, `responsible`, `overdue`, `from`, `to`, `sort` or `format` (each at its own path), '
          + `or an export of more than ${EXPORT_MAX_ROWS} rows.`),
      }),
    },
  },
  '/api/hazards/stats': {
    get: {
      tags: tags.hazards,
      operationId: 'hazardStats',
      summary: 'Monthly or quarterly statistics of the ledger',
      description: 'For safety officers, leaders, the dept head and admins (others 403). Periods are China calendar months or quarters.',
      parameters: [
        { name: 'period', in: 'query', description: 'Else 422.', schema: { type: 'string', enum: ['month', 'quarter'], default: 'month' } },
        {
          name: 'year', in: 'query', description: 'Four digits, 1970–2999 (default: this year in China); else 422.',
          schema: { type: 'integer', minimum: 1970, maximum: 2999 },
        },
        param('AcceptLanguage'),
      ],
      responses: secured({
        '200': json('The periods of the year and the year as a whole.', schema('HazardStats')),
        '403': fail('Forbidden', 'Not a safety officer, leader, dept head or admin.'),
        '422': fail('Unprocessable', 'A bad `period` or `year`.'),
      }),
    },
  },
  '/api/hazards/{code}': {
    get: {
      tags: tags.hazards,
      operationId: 'getHazard',
      summary: 'One hazard\'s ledger row',
      description: 'For ledger readers and whoever may see its instance (the reporter, their supervisor, people with a task on it). '
        + 'The instance (`GET /api/instances/{instanceId}`) has its tasks, records and timeline.',
      parameters: [param('HazardCode'), param('AcceptLanguage')],
      responses: secured({
        '200': json('The hazard.', schema('Hazard')),
        '403': fail('Forbidden', 'The caller may not see this hazard.'),
        '404': fail('NotFound', 'No hazard has this code.'),
      }),
    },
  },
  '/api/assigned-tasks/report': {
    get: {
      tags: tags.assignments,
      operationId: 'assignmentReport',
      summary: 'The monthly 督办通报: per assignee, and the overdue items',
      description: 'For leaders, the dept head and admins (others 403). Counts the tracks whose ORIGINAL deadline falls in the month; '
        + 'overdue is always judged against it (extensions do not excuse), as of the last report for closed tracks and those awaiting '
        + 'review, as of today for the rest. With `format=xlsx` a download `督办通报-YYYY-MM.xlsx` (`assignment-report-…` in English) '
        + `with two sheets, headers in the caller's language: 通报 (${reportHeaders('zh-CN').people.join(', ')}) and 超期明细 `
        + `(${reportHeaders('zh-CN').overdue.join(', ')}); a bold, frozen header row with a filter, date cells.`,
      parameters: [
        {
          name: 'month', in: 'query', description: 'YYYY-MM, 1970–2999 (default: this month in China); else 422 at `/month`.',
          schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$', examples: ['2026-11'] },
        },
        { name: 'format', in: 'query', description: 'Download the 通报 as xlsx; other values are 422 at `/format`.', schema: { type: 'string', enum: ['xlsx'] } },
        param('AcceptLanguage'),
      ],
      responses: secured({
        '200': {
          description: 'The 通报 (JSON), or with `format` the file (`Content-Disposition: attachment; filename*=UTF-8\'\'…`).',
          content: {
            'application/json': { schema: schema('AssignmentReport') },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
          },
        },
        '403': fail('Forbidden', 'Not a leader, dept head or admin.'),
        '422': fail('Unprocessable', 'A bad `month` or `format` (each at its own path).'),
      }),
    },
  },
  '/api/learning-records': {
    get: {
      tags: tags.learning,
      operationId: 'listLearningRecords',
      summary: 'One person\'s learning records (学习记录) of a year, with the total hours',
      description: 'Every signed-in user reads their own; a supervisor also those of the managers reporting to them; the dept head, '
        + 'leaders and admins everyone\'s (403 otherwise). A record is submitted with `POST /api/processes/learning-record/instances` '
        + '(`LearningRecordForm`); the submitter\'s supervisor acknowledges it (form `learning-ack`), or without a supervisor the dept '
        + 'head (a dept head\'s: a leader); never the submitter.',
      parameters: [
        { name: 'userId', in: 'query', description: 'Whose records (default: the caller). Not a positive integer: 422 at `/userId`.', schema: userId },
        {
          name: 'year', in: 'query', description: 'Four digits, 1970–2999 (default: this year in China); else 422 at `/year`.',
          schema: { type: 'integer', minimum: 1970, maximum: 2999 },
        },
        param('AcceptLanguage'),
      ],
      responses: secured({
        '200': json('The year\'s records.', schema('LearningYear')),
        '403': fail('Forbidden', 'The caller may not read this person\'s records.'),
        '422': fail('Unprocessable', 'A bad `userId` or `year` (each at its own path), or no such user (at `/userId`, for callers who read everyone\'s).'),
      }),
    },
  },
  '/api/products': {
    get: {
      tags: tags.allocation,
      operationId: 'listProducts',
      summary: 'The product list (规格), a page',
      description: 'For every signed-in user. Sorted by price class, then code.',
      parameters: [
        { name: 'q', in: 'query', description: 'Case-insensitive substring of code, name or brand.', schema: { type: 'string' } },
        {
          name: 'priceClass', in: 'query', description: '1–5 (or `一类`…`五类`); else 422 at `/priceClass`.',
          schema: { type: 'integer', minimum: 1, maximum: 5 },
        },
        { name: 'active', in: 'query', description: 'Only products on sale (`true`) or not (`false`); else 422 at `/active`.', schema: { type: 'string', enum: ['true', 'false'] } },
        param('Page'), param('Size'), param('AcceptLanguage'),
      ],
      responses: secured({
        '200': json('One page.', schema('ProductPage')),
        '422': fail('Unprocessable', 'A bad `priceClass` or `active`.'),
      }),
    },
  },
  '/api/products/import': {
    post: {
      tags: tags.allocation,
      operationId: 'importProducts',
      summary: 'Import the product list from xlsx or csv: create or update by code',
      description: `Columns: ${importColumns(PRODUCT_COLUMNS)}. A row creates the product, or updates the one with its code; `
        + 'products not in the file are left as they are. A row is bad for: an empty required cell; a code not of 1–'
        + `${PRODUCT_CODE_MAX} letters, digits, \`.\`, \`-\` or \`_\`, or repeating an earlier row's; a name over ${PRODUCT_NAME_MAX} or a brand over ${PRODUCT_BRAND_MAX} characters; `
        + `a price class other than 1–5, \`一类\`…\`五类\` (\`3类\` and \`三\` too); a price not above 0, over ${PRODUCT_PRICE_MAX} or with more `
        + 'than 2 decimals (`1,060.50` is fine); an active cell other than 是/否, yes/no, true/false, 1/0 (empty: active). ' + IMPORT_FILE,
      parameters: [param('AcceptLanguage')],
      requestBody: IMPORT_BODY,
      responses: secured({
        '200': json('Stored, all rows.', schema('ImportResult')),
        ...IMPORT_ERRORS,
        '422': fail('Unprocessable', 'Bad rows at `/rows/<row>/<column>` (e.g. `/rows/7/priceClass`), a required column missing at '
          + '`/columns/<key>` (or given twice), no data rows or too many at `/rows`, an empty file or a csv that is not UTF-8 at the root.'),
      }),
    },
  },
  '/api/allocation/cycles': {
    get: {
      tags: tags.allocation,
      operationId: 'listAllocationCycles',
      summary: 'The monthly allocation plans (versions and their status)',
      responses: secured({ '200': json('Plans, newest month first.', { type: 'object' }), '403': fail('Forbidden') }),
    },
  },
  '/api/allocation/cycles/{month}': {
    get: {
      tags: tags.allocation,
      operationId: 'getAllocationCycle',
      summary: 'One month\'s plan: status, version, per product availability / drafted / allocated and tier vector, each manager\'s part, '
        + 'the month\'s flags (big customers, over-cap lines with their decision, 内管 warnings) and, once closed, its summary',
      parameters: [
        { name: 'month', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
        { name: 'version', in: 'query', schema: { type: 'integer', minimum: 1 } },
      ],
      responses: secured({ '200': json('The plan.', { type: 'object' }), '403': fail('Forbidden'), '404': fail('NotFound'), '422': fail('Unprocessable') }),
    },
  },
  '/api/allocation/cycles/{month}/lines': {
    get: {
      tags: tags.allocation,
      operationId: 'allocationLines',
      summary: 'A plan\'s lines (customer × product); a customer manager sees only their own customers',
      parameters: [
        { name: 'month', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'managerId', in: 'query', schema: { type: 'integer' } },
        { name: 'customerId', in: 'query', schema: { type: 'integer' } },
        { name: 'product', in: 'query', schema: { type: 'string' } },
        param('Page'), param('Size'),
      ],
      responses: secured({ '200': json('A page of lines.', { type: 'object' }), '403': fail('Forbidden'), '404': fail('NotFound'), '422': fail('Unprocessable') }),
    },
  },
  '/api/allocation/cycles/{month}/export': {
    get: {
      tags: tags.allocation,
      operationId: 'exportAllocationPlan',
      summary: 'The month\'s published plan as xlsx: whole, one manager\'s customers, or one customer',
      description: 'A download `月度投放方案-YYYY-MM[-v<version>][-<manager name>|-<customer code>].xlsx` (`allocation-plan-…` in English), '
        + 'headers in the caller\'s language, bold and frozen, quantities (cartons, 条) as numbers. `scope=all` and `scope=manager`: sheet '
        + '投放明细, a row per customer (客户编码, 客户名称, 档位 D1–D30 as the month counted it, 市场类型, 客户经理) and a column per product, '
        + 'its code in the first header row and its name in the second, 0 where the plan has no line; sheet 规格汇总 per product (规格编码, 名称, '
        + '价类, 可供量 of the whole month, and over the exported customers 测算量, 投放量, 调整户数). `scope=customer`: one sheet, a row per '
        + 'product (客户编码, 客户名称, 档位, 规格编码, 规格名称, 价类, 数量（条）). Who may export what, as the lines: a customer manager only their '
        + 'own customers (`scope=manager` for themselves, `scope=customer` for one of theirs), a supervisor their managers\' (`scope=all` is '
        + 'theirs), the dept head, leaders and admins everything; anything else 403. Streamed: a month of 30,000 customers × 150 products '
        + 'takes ~10–14 s on two cores.',
      parameters: [
        PLAN_EXPORT_MONTH,
        { name: 'scope', in: 'query', description: 'Default `all`; else 422 at `/scope`.', schema: { type: 'string', enum: ['all', 'manager', 'customer'] } },
        { name: 'managerId', in: 'query', description: 'With `scope=manager`: whose customers (default: the caller); no such user: 422 at `/managerId`.', schema: userId },
        { name: 'customerId', in: 'query', description: 'With `scope=customer`, required (422 at `/customerId`); no such customer: 404.', schema: { type: 'integer', minimum: 1 } },
        PLAN_EXPORT_VERSION,
        param('AcceptLanguage'),
      ],
      responses: secured({
        '200': XLSX_DOWNLOAD,
        '403': fail('Forbidden', 'Customers the caller may not read, or an unpublished version for anyone but the dept head and admins.'),
        '404': fail('NotFound', 'No published plan for the month (`message`: not yet published), no such version, or no such customer.'),
        '422': fail('Unprocessable', 'A bad `month`, `scope`, `managerId`, `customerId` or `version` (each at its own path).'),
      }),
    },
  },
  '/api/allocation/cycles/{month}/summary.xlsx': {
    get: {
      tags: tags.allocation,
      operationId: 'exportAllocationSummary',
      summary: 'The allocation cycle\'s summary as xlsx',
      description: 'For supervisors, the dept head, leaders and admins (others 403). A download `投放总结-YYYY-MM[-v<version>].xlsx` '
        + '(`allocation-summary-…` in English), headers in the caller\'s language: 概况 (month, version, status, who published and when, '
        + 'products, customers, totals), 规格投放 per product (规格编码, 名称, 价类, 可供量, 测算量, 投放量, 结余, 投放率, 调整户数), 客户经理 per '
        + 'manager\'s part (客户经理, 审核人, 客户数, 测算量, 投放量, 调整户数, 调整行数, 状态, 审核轮次, 提交时间, 审批人, 审批时间, 审批意见), and '
        + 'once the cycle has closed the month 月末总结 (market reports due / on time / late / missing, lines adjusted, big customers, 内管 flags, '
        + 'over-cap lines cut back) and 市场报告 (客户经理, 截止时间, 提交时间, 结果 按时 / 逾期 / 未提交); while the month runs those two are left out.',
      parameters: [
        PLAN_EXPORT_MONTH,
        PLAN_EXPORT_VERSION,
        param('AcceptLanguage'),
      ],
      responses: secured({
        '200': XLSX_DOWNLOAD,
        '403': fail('Forbidden', 'Not a supervisor, dept head, leader or admin; or an unpublished version for anyone but the dept head and admins.'),
        '404': fail('NotFound', 'No published plan for the month, or no such version.'),
        '422': fail('Unprocessable', 'A bad `month` or `version`.'),
      }),
    },
  },
  '/api/allocation/availability': {
    get: {
      tags: tags.allocation,
      operationId: 'getAvailability',
      summary: 'A month\'s availability (可供量) per product',
      description: 'For supervisors, the dept head, leaders and admins (others 403). Products without a figure for the month are not listed.',
      parameters: [
        {
          name: 'month', in: 'query', description: '`YYYY-MM` (default: this month in China); else 422 at `/month`.',
          schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$', examples: ['2026-12'] },
        },
        param('AcceptLanguage'),
      ],
      responses: secured({
        '200': json('The month\'s figures, by price class and code.', schema('Availability')),
        '403': fail('Forbidden', 'Not a supervisor, dept head, leader or admin.'),
        '422': fail('Unprocessable', 'A bad `month`.'),
      }),
    },
  },
  '/api/allocation/availability/import': {
    post: {
      tags: tags.allocation,
      operationId: 'importAvailability',
      summary: 'Import a month\'s availability from xlsx or csv',
      description: `Columns: ${importColumns(AVAILABILITY_COLUMNS)}. The listed products' figures for the month replace what it had; `
        + 'other products keep theirs. A row is bad for: a code not on the product list, of a product no longer active, or repeating an '
        + `earlier row's; cartons that are not a whole number from 0 to ${CARTONS_MAX} (\`1,200\` is fine). ` + IMPORT_FILE,
      parameters: [
        {
          name: 'month', in: 'query', required: true, description: 'The allocation month, `YYYY-MM`; else 422 at `/month` (before the body is read).',
          schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$', examples: ['2026-12'] },
        },
        param('AcceptLanguage'),
      ],
      requestBody: IMPORT_BODY,
      responses: secured({
        '200': json('Stored, all rows.', schema('AvailabilityImportResult')),
        ...IMPORT_ERRORS,
        '422': fail('Unprocessable', 'A bad `month`; bad rows at `/rows/<row>/<column>` (e.g. `/rows/3/code` for an unknown code), a required '
          + 'column missing at `/columns/<key>`, no data rows or too many at `/rows`, an empty file or a csv that is not UTF-8 at the root.'),
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
