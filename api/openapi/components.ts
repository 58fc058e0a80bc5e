import { forms } from '../../forms/registry.js';
import { approvalDecisionSchema } from '../../forms/approvalDecision.js';
import { regradeProposalSchema } from '../../forms/regradeProposal.js';
import { LEARNING_KINDS, LEARNING_MAX_HOURS, learningRecordSchema } from '../../forms/learningRecord.js';
import { DELIVERY_STATUSES, HAZARD_STATUSES, NOTIFICATION_KINDS, TRACK_STATUSES } from '../../db/entities/index.js';
import { HAZARD_CATEGORIES, HAZARD_LEVELS } from '../../forms/hazardReport.js';
import { STATS_PERIODS } from '../hazards/hazardStats.js';
import { FILE_NAME_MAX } from '../attachments/attachmentService.js';
import { meSchema, savedFilterQuery } from '../me/meContract.js';
import { DELIVERY_FAILURES } from '../../activities/webhookActivities.js';
import { REQUEST_ID } from '../http/sharedContract.js';
import { customerDetailSchema, customerSchema, TIER, tierChangeSchema } from '../customers/customerContract.js';
import { formDefinitionSchema } from '../platform/formContract.js';
import { INSTANCE_STATUS } from '../processes/instanceStatus.js';
import { formRecordSchema, instanceDetailSchema, instanceSchema, processEntry, timelineEventSchema } from '../processes/processContract.js';
import { completeTaskResult, TASK_STATUS, taskSchema } from '../tasks/taskContract.js';
import { taskInFullSchema } from '../tasks/taskInFullContract.js';
import { ROLE, userSummarySchema } from '../users/userContract.js';
import { dateTime, errorBody, json, localized, localizedText, month, nullable, page, schema, userId, uuid } from './helpers.js';

/** A form's own JSON Schema (the one Ajv validates with), without its dialect line. */
function formSchema({ $schema: _dialect, ...rest }: { $schema?: string } & object, description: string) {
  return { ...rest, description };
}

/** Shared schemas, parameters, responses and security schemes. */
export const components = {
  securitySchemes: {
    bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The `token` from login.' },
    cookieAuth: {
      type: 'apiKey', in: 'cookie', name: 'dutyflow_session',
      description: 'HttpOnly cookie set by login (`Secure` when DUTYFLOW_PUBLIC_URL is https). A POST, PUT, PATCH or DELETE '
        + 'authenticated by the cookie is 403 (`code: forbidden`) when `Sec-Fetch-Site` is `cross-site` or `Origin` is not the '
        + 'app\'s own (the Host, or DUTYFLOW_PUBLIC_URL): another site\'s page cannot act with it. Bearer requests are not checked.',
    },
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
      schema: { type: 'integer', default: 20 },
    },
    TaskId: { name: 'id', in: 'path', required: true, description: 'Task id; a malformed id is 404.', schema: uuid },
    InstanceId: {
      name: 'id', in: 'path', required: true, description: 'Instance id (= Temporal workflow id); a malformed id is 404.', schema: uuid,
    },
    CustomerId: {
      name: 'id', in: 'path', required: true, description: 'Customer id; a malformed id is 404.', schema: { type: 'integer', minimum: 1 },
    },
    FilterId: { name: 'id', in: 'path', required: true, description: 'Saved filter id; a malformed id is 404.', schema: uuid },
    NotificationId: { name: 'id', in: 'path', required: true, description: 'Notification id; a malformed id is 404.', schema: uuid },
    AttachmentId: { name: 'id', in: 'path', required: true, description: 'Attachment id; a malformed id is 404.', schema: uuid },
    CalendarDate: {
      name: 'date', in: 'path', required: true,
      description: 'A China date as YYYY-MM-DD (years 1900–2999); anything else is 422 at `/date`.',
      schema: { type: 'string', format: 'date', examples: ['2026-10-01'] },
    },
    InboxProcess: { name: 'process', in: 'query', description: 'Process key.', schema: { type: 'string' } },
    InboxQ: {
      name: 'q', in: 'query',
      description: 'Case-insensitive substring of the customer name or code in the task context, or of the task name.',
      schema: { type: 'string' },
    },
    DueBefore: {
      name: 'dueBefore', in: 'query', description: 'Only tasks due before this instant; an unparsable value is 422.', schema: dateTime,
    },
    DueAfter: {
      name: 'dueAfter', in: 'query', description: 'Only tasks due at or after this instant; an unparsable value is 422.', schema: dateTime,
    },
    Overdue: {
      name: 'overdue', in: 'query',
      description: '`true`: only open tasks past their due time. `false` (or absent): no such restriction. Any other value is 422.',
      schema: { type: 'string', enum: ['true', 'false'] },
    },
    FormKey: { name: 'key', in: 'path', required: true, schema: schema('FormKey') },
    HazardCode: {
      name: 'code', in: 'path', required: true, description: 'Hazard code (编号).', schema: { type: 'string', examples: ['YH202611-0007'] },
    },
    ProcessKey: {
      name: 'key', in: 'path', required: true,
      description: 'Process key (`GET /api/processes` lists those the caller may start); an unknown key is 404.',
      schema: { type: 'string', examples: ['regrade'] },
    },
  },
  responses: {
    InvalidJson: errorBody('The body is not JSON, or JSON that is not an object (`code: invalid_json`), or cannot be read (413 `entity_too_large` over 1 MB).'),
    FileTooLarge: errorBody('The file is larger than `DUTYFLOW_ATTACHMENT_MAX_BYTES` (`code: entity_too_large`, `details.maxBytes`). '
      + 'The server stops reading and closes the connection after answering; nothing is stored.'),
    UnsupportedMediaType: errorBody('The Content-Type is not one of `DUTYFLOW_ATTACHMENT_TYPES`, or the file\'s first bytes are not of '
      + 'that type (`code: unsupported_media_type`, `details.allowed` lists the accepted types); nothing is stored.'),
    Unauthorized: errorBody('No valid session (`code: unauthenticated`): none sent, expired, or ended by logout or deactivation.'),
    Forbidden: errorBody('The caller\'s role or assignment does not permit this (`code: forbidden`), or the caller must first '
      + 'change the one-time password an admin gave them (`code: password_change_required`, see `GET /api/me`).'),
    NotFound: errorBody('Not found (`code: not_found`).'),
    TaskNotFound: errorBody('No such task, a malformed id, or not visible to the caller (`code: not_found`).'),
    Conflict: errorBody('Conflicts with the current state (`code: conflict`).'),
    Unprocessable: json('Invalid input (`code: invalid_input`), one entry per bad field.', schema('ValidationError')),
    TooManyRequests: {
      ...errorBody('Locked out after too many failed attempts (`code: too_many_requests`); the message says when to retry.'),
      headers: { 'Retry-After': { description: 'Seconds until the lockout ends.', schema: { type: 'integer', minimum: 1 } } },
    },
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
              enum: ['unauthenticated', 'forbidden', 'not_found', 'conflict', 'invalid_input', 'invalid_json', 'entity_too_large', 'unsupported_media_type',
                'too_many_requests', 'unavailable', 'internal', 'password_change_required'],
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
    LocalizedText: localizedText,
    Role: ROLE,
    Tier: TIER,
    RequestId: REQUEST_ID,
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
    UserSummary: userSummarySchema,
    SavedFilterQuery: savedFilterQuery,
    SavedFilter: {
      type: 'object', required: ['id', 'name', 'query', 'createdAt'],
      properties: { id: uuid, name: { type: 'string' }, query: schema('SavedFilterQuery'), createdAt: dateTime },
    },
    NotificationKind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
    Notification: {
      type: 'object', required: ['id', 'kind', 'taskId', 'instanceId', 'data', 'createdAt', 'readAt'],
      properties: {
        id: uuid,
        kind: schema('NotificationKind'),
        taskId: nullable(uuid),
        instanceId: nullable(uuid),
        data: {
          type: 'object',
          description: 'What to show: `processKey`, `title` (the instance\'s), and for task kinds `step` (the step name\'s i18n key, '
            + 'e.g. `regrade.review`) and `dueAt`; `actorId`/`actorName`/`comment` of who returned or chased it; `escalatedTo` (roles) '
            + 'of an overdue task; `status` (`completed`/`rejected`) of an ended process.',
        },
        createdAt: dateTime,
        readAt: nullable(dateTime),
      },
    },
    NotificationPage: page('Notification', 'Newest first.'),
    Webhook: {
      type: 'object', required: ['url', 'enabled', 'kinds', 'hasSecret'],
      properties: {
        url: { type: 'string', format: 'uri' },
        enabled: { type: 'boolean' },
        kinds: { type: 'array', items: schema('NotificationKind') },
        hasSecret: { const: true, description: 'A secret is set; it is never shown again.' },
      },
    },
    WebhookSaved: {
      allOf: [schema('Webhook'), {
        type: 'object',
        properties: { secret: { type: 'string', description: 'Only when generated by this request: keep it, it is not shown again.' } },
      }],
    },
    WebhookDelivery: {
      type: 'object',
      required: ['id', 'notificationId', 'kind', 'status', 'attempts', 'lastStatusCode', 'outcome', 'lastError', 'createdAt', 'deliveredAt'],
      properties: {
        id: { ...uuid, description: 'Also sent as `X-Dutyflow-Delivery`; its Temporal workflow id is `webhook-<id>`.' },
        notificationId: uuid,
        kind: schema('NotificationKind'),
        status: { type: 'string', enum: [...DELIVERY_STATUSES] },
        attempts: { type: 'integer', minimum: 0 },
        lastStatusCode: { ...nullable({ type: 'integer' }), description: 'The HTTP status of the last attempt; null when there was no answer.' },
        outcome: {
          ...nullable({ type: 'string', enum: ['2xx', ...DELIVERY_FAILURES] }),
          description: 'The last attempt\'s result (null before the first): the class of the receiver\'s HTTP status; `refused` (the '
            + 'address may not be sent to: given up at once), `timeout`, `network` (unknown name, failed connection or TLS); '
            + '`disabled`/`removed` (the webhook was, so it was not sent). A redirect (`3xx`) is not followed.',
        },
        lastError: { ...nullable({ type: 'string' }), description: 'Why the last attempt failed, in the caller\'s language; null when it did not.' },
        createdAt: dateTime,
        deliveredAt: nullable(dateTime),
      },
    },
    WebhookDeliveryPage: page('WebhookDelivery', 'Newest first.'),
    CalendarDayKind: {
      type: 'string', enum: ['holiday', 'workday'],
      description: '`holiday`: a weekday that is off (法定节假日). `workday`: a weekend day that is worked (调休上班).',
    },
    CalendarDay: {
      type: 'object',
      description: 'An exceptional day. Days without one follow the weekday rule: Monday–Friday worked, Saturday and Sunday off.',
      required: ['date', 'kind', 'name', 'updatedBy', 'updatedAt'],
      properties: {
        date: { type: 'string', format: 'date', description: 'China date.' },
        kind: schema('CalendarDayKind'),
        name: { type: 'string', examples: ['国庆节'] },
        updatedBy: { ...nullable(userId), description: 'The admin who last set it; null for the published schedule the installation came with.' },
        updatedAt: dateTime,
      },
    },
    Attachment: {
      type: 'object',
      description: 'An uploaded file. Forms hold its `id` in fields of `format: attachment`.',
      required: ['id', 'name', 'size', 'contentType', 'sha256', 'createdAt'],
      properties: {
        id: uuid,
        name: { type: 'string', maxLength: FILE_NAME_MAX, description: 'The file name given at upload.', examples: ['现场照片.jpg'] },
        size: { type: 'integer', minimum: 1, description: 'Bytes.' },
        contentType: { type: 'string', description: 'The declared media type, without parameters, in lower case.', examples: ['image/jpeg'] },
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the bytes, hex.' },
        createdAt: dateTime,
      },
    },
    TaskCounts: {
      type: 'object',
      description: 'Counts under the same filters as the list.',
      required: ['mine', 'group', 'done'],
      properties: {
        mine: { type: 'integer', minimum: 0, description: 'Open tasks assigned to or claimed by the caller (`view=mine`).' },
        group: { type: 'integer', minimum: 0, description: 'Open tasks offered to the caller\'s roles (`view=group`).' },
        done: { type: 'integer', minimum: 0, description: 'Tasks the caller completed (`view=mine&status=done`).' },
      },
    },
    ClientConfig: {
      type: 'object', required: ['temporalUiUrl', 'namespace'],
      properties: {
        temporalUiUrl: {
          ...nullable({ type: 'string', format: 'uri' }),
          description: 'The Temporal Web UI (`DUTYFLOW_TEMPORAL_UI_URL`; the embedded one by default; null when unknown). '
            + 'An instance is at `{temporalUiUrl}/namespaces/{namespace}/workflows/{workflowId}`.',
        },
        namespace: { type: 'string', examples: ['default'] },
      },
    },
    LoginResponse: {
      type: 'object',
      required: ['token', 'user'],
      properties: {
        token: { type: 'string', description: 'JWT for `Authorization: Bearer`; also set as the cookie.' },
        user: { ...meSchema, description: 'The signed-in user, as `GET /api/me` gives it.' },
      },
    },
    FormKey: { type: 'string', description: 'A form of the registry.', enum: forms.map((f) => f.key) },
    FormSummary: {
      type: 'object', required: ['key', 'version', 'title'],
      properties: { key: schema('FormKey'), version: { type: 'integer', minimum: 1 }, title: localized },
    },
    Form: formDefinitionSchema,
    Process: processEntry,
    RegradeProposal: formSchema(regradeProposalSchema, 'The `regrade-proposal` form (客户等级变更建议): a customer manager\'s '
      + 'evidence for moving one of their customers to another tier (tiers 1–30 = D1–D30; must differ from the current tier).'),
    ApprovalDecision: formSchema(approvalDecisionSchema,
      'The `approval-decision` form (审批意见). `comment` (≥ 2 characters) is required for reject and return.'),
    InstanceStatus: INSTANCE_STATUS,
    Instance: instanceSchema,
    FormRecord: formRecordSchema,
    TimelineEvent: timelineEventSchema,
    InstanceDetail: instanceDetailSchema,
    InstancePage: page('Instance', 'A page of instances.'),
    TaskStatus: TASK_STATUS,
    Task: taskSchema,
    TaskPage: page('Task', 'A page of the inbox.'),
    TaskInFull: taskInFullSchema,
    CompleteTaskResult: completeTaskResult,
    Customer: customerSchema,
    TierChange: tierChangeSchema,
    CustomerDetail: customerDetailSchema,
    CustomerPage: page('Customer', 'A page of customers.'),
    HazardLevel: { type: 'string', enum: [...HAZARD_LEVELS], description: '`general` 一般隐患, `major` 重大隐患.' },
    HazardStatus: {
      type: 'string', enum: [...HAZARD_STATUSES],
      description: '`assessing` 待评估 → `notice` 待下达整改通知 → (`major`: `sign_off` 待领导审批) → `rectifying` 整改中 → `verifying` 待验收 '
        + '→ `closed` 已销号; or `dismissed` 不构成隐患, `cancelled` 已撤销. Open = neither closed, dismissed nor cancelled.',
    },
    PersonRef: {
      type: 'object', required: ['id', 'name'],
      properties: { id: userId, name: { type: 'string', description: 'Display name.', examples: ['赵安全员'] } },
    },
    Hazard: {
      type: 'object',
      description: 'One row of the hazard ledger (隐患台账), as the hazard\'s workflow recorded it.',
      required: [
        'code', 'instanceId', 'reportedAt', 'reportedBy', 'place', 'category', 'description', 'suspectedLevel', 'level', 'status', 'responsible',
        'deadline', 'measures', 'funds', 'rounds', 'rectifiedAt', 'overdueDays', 'escalatedAt', 'verifiedBy', 'closedAt', 'result',
      ],
      properties: {
        code: { type: 'string', pattern: '^YH\\d{6}-\\d{4,}$', description: 'YH + month reported + sequence.', examples: ['YH202611-0007'] },
        instanceId: { ...uuid, description: 'Its process instance (= workflow id): `GET /api/instances/{id}` for tasks, records and timeline.' },
        reportedAt: dateTime,
        reportedBy: schema('PersonRef'),
        place: { type: 'string' },
        category: { type: 'string', enum: [...HAZARD_CATEGORIES] },
        description: { type: 'string' },
        suspectedLevel: schema('HazardLevel'),
        level: { ...nullable(schema('HazardLevel')), description: 'The level the safety officer confirmed; null before assessment or when dismissed.' },
        status: schema('HazardStatus'),
        responsible: { ...nullable(schema('PersonRef')), description: '整改责任人, from the rectification notice.' },
        deadline: { ...nullable({ type: 'string', format: 'date' }), description: '整改期限 (China date).' },
        measures: nullable({ type: 'string' }),
        funds: { ...nullable({ type: 'number' }), description: '整改资金 (yuan).' },
        rounds: { type: 'integer', minimum: 0, description: 'Rectification reports so far (a failed verification starts another round).' },
        rectifiedAt: { ...nullable(dateTime), description: 'The last rectification report.' },
        overdueDays: {
          type: 'integer', minimum: 0,
          description: 'Open and past its deadline: days overdue as of today (China dates). Otherwise the days the rectification '
            + 'report came after the deadline, as recorded (0 when on time).',
        },
        escalatedAt: { ...nullable(dateTime), description: 'When the overdue 督办 went to the leaders.' },
        verifiedBy: nullable(schema('PersonRef')),
        closedAt: { ...nullable(dateTime), description: '销号: the verification that passed.' },
        result: { ...nullable({ type: 'string' }), description: 'The last verification\'s comment, or why the report was dismissed.' },
      },
    },
    HazardPage: page('Hazard', 'A page of the hazard ledger.'),
    HazardPeriodStats: {
      type: 'object',
      description: '`reported`, `byLevel` and `byStatus` count the hazards reported in the period (their status now); `closed`, '
        + '`closedOnTime`, `onTimeRate` and `meanDaysToClose` the hazards closed (销号) in the period, whenever reported. Periods are China dates.',
      required: ['key', 'from', 'to', 'reported', 'byLevel', 'byStatus', 'closed', 'closedOnTime', 'onTimeRate', 'meanDaysToClose'],
      properties: {
        key: { type: 'string', examples: ['2026-03', '2026-Q1', '2026'] },
        from: { type: 'string', format: 'date' },
        to: { type: 'string', format: 'date', description: 'Last day of the period (inclusive).' },
        reported: { type: 'integer', minimum: 0 },
        byLevel: {
          type: 'object', required: [...HAZARD_LEVELS, 'unconfirmed'],
          description: 'By confirmed level; `unconfirmed`: not assessed yet, dismissed, or cancelled before assessment.',
          properties: Object.fromEntries([...HAZARD_LEVELS, 'unconfirmed'].map((l) => [l, { type: 'integer', minimum: 0 }])),
        },
        byStatus: {
          type: 'object', required: [...HAZARD_STATUSES],
          properties: Object.fromEntries(HAZARD_STATUSES.map((s) => [s, { type: 'integer', minimum: 0 }])),
        },
        closed: { type: 'integer', minimum: 0 },
        closedOnTime: { type: 'integer', minimum: 0, description: 'Closed with no overdue rectification (`overdueDays` 0).' },
        onTimeRate: { ...nullable({ type: 'number', minimum: 0, maximum: 1 }), description: 'closedOnTime / closed, 4 decimals; null when none closed.' },
        meanDaysToClose: {
          ...nullable({ type: 'number', minimum: 0 }), description: 'Mean days from report to close, one decimal; null when none closed.',
        },
      },
    },
    HazardStats: {
      type: 'object', required: ['year', 'period', 'items', 'total'],
      properties: {
        year: { type: 'integer' },
        period: { type: 'string', enum: [...STATS_PERIODS] },
        items: { type: 'array', items: schema('HazardPeriodStats'), description: 'Every month (12) or quarter (4) of the year, empty ones too.' },
        total: schema('HazardPeriodStats'),
      },
    },
    AssignmentReportPerson: {
      type: 'object', required: ['assignee', 'assigned', 'closedOnTime', 'closedLate', 'openOverdue', 'overdueDays', 'averageRating'],
      description: 'One assignee\'s tracks whose original deadline falls in the month (withdrawn ones not counted).',
      properties: {
        assignee: schema('PersonRef'),
        assigned: { type: 'integer', minimum: 1, description: '交办事项: tracks with their original deadline in the month.' },
        closedOnTime: { type: 'integer', minimum: 0, description: '按期办结: closed (销号), last report by the original deadline (China date).' },
        closedLate: { type: 'integer', minimum: 0, description: '超期办结: closed, last report after the original deadline.' },
        openOverdue: {
          type: 'integer', minimum: 0,
          description: '超期未办结: not closed and overdue — past the original deadline today, or (awaiting review) reported after it.',
        },
        overdueDays: { type: 'integer', minimum: 0, description: '超期天数合计 over the closed-late and open-overdue tracks.' },
        averageRating: { ...nullable({ type: 'number', minimum: 1, maximum: 5 }), description: 'Mean leader rating of the closed tracks, 2 decimals; null without one.' },
      },
    },
    AssignmentOverdueItem: {
      type: 'object', required: ['instanceId', 'title', 'assignee', 'leader', 'originalDeadline', 'deadline', 'daysOverdue', 'status'],
      properties: {
        instanceId: uuid,
        title: { type: 'string' },
        assignee: schema('PersonRef'),
        leader: { ...schema('PersonRef'), description: 'The leader who assigned it.' },
        originalDeadline: { type: 'string', format: 'date', description: 'What overdue is judged against.' },
        deadline: { type: 'string', format: 'date', description: 'After approved extensions.' },
        daysOverdue: { type: 'integer', minimum: 1, description: 'China days past the original deadline: to the last report, or to today while still open.' },
        status: { type: 'string', enum: [...TRACK_STATUSES] },
      },
    },
    AssignmentReport: {
      type: 'object', required: ['month', 'asOf', 'people', 'overdue'],
      description: '督办通报: the month\'s tracks by assignee, and the overdue ones.',
      properties: {
        month: { ...month, examples: ['2026-11'] },
        asOf: { type: 'string', format: 'date', description: 'Today (China): open tracks are judged as of this day.' },
        people: { type: 'array', items: schema('AssignmentReportPerson'), description: 'Most overdue days first.' },
        overdue: { type: 'array', items: schema('AssignmentOverdueItem'), description: 'Most days overdue first.' },
      },
    },
    LearningRecordForm: formSchema(learningRecordSchema, 'The `learning-record` form (学习记录), the start data of process '
      + `\`learning-record\`: \`date\` is a China date not after today (else 422 at \`/date\`), \`hours\` > 0 and ≤ ${LEARNING_MAX_HOURS}, `
      + '`certificate` up to 3 attachment ids the caller uploaded (linked to the record on start).'),
    LearningKind: {
      type: 'string', enum: [...LEARNING_KINDS], description: '`training` 培训, `course` 课程, `self_study` 自学, `exam` 考试, `other` 其他.',
    },
    LearningRecordItem: {
      type: 'object',
      required: ['instanceId', 'title', 'kind', 'date', 'hours', 'status', 'acknowledgedBy', 'acknowledgedAt', 'submittedAt'],
      properties: {
        instanceId: { ...uuid, description: 'Its process instance: `GET /api/instances/{id}` has the full record, certificates and timeline.' },
        title: { type: 'string', description: '课程/学习主题.' },
        kind: schema('LearningKind'),
        date: { type: 'string', format: 'date', description: 'When the learning took place (China date); the year it counts in.' },
        hours: { type: 'number', exclusiveMinimum: 0, maximum: LEARNING_MAX_HOURS, description: '学时, exactly as submitted.' },
        status: {
          type: 'string', enum: ['submitted', 'acknowledged'],
          description: '`submitted`: waiting for the supervisor (or the dept head) to acknowledge it; `acknowledged`: done.',
        },
        acknowledgedBy: nullable(schema('PersonRef')),
        acknowledgedAt: nullable(dateTime),
        submittedAt: dateTime,
      },
    },
    LearningYear: {
      type: 'object', required: ['user', 'year', 'items', 'totalHours', 'people'],
      properties: {
        user: { ...schema('PersonRef'), description: 'Whose records these are.' },
        year: { type: 'integer', minimum: 1970, maximum: 2999 },
        items: {
          type: 'array', items: schema('LearningRecordItem'),
          description: 'Every record of the year, newest date first; withdrawn ones and failed starts are left out.',
        },
        totalHours: { type: 'number', minimum: 0, description: 'The sum of `hours` over `items` (exact decimal sum).' },
        people: {
          ...nullable({ type: 'array', items: userId }),
          description: 'The user ids whose lists the caller may read (themselves, and a supervisor\'s managers); null: everyone\'s.',
        },
      },
    },
    Product: {
      type: 'object',
      description: 'A product (规格) as allocation plans it.',
      required: ['id', 'code', 'name', 'brand', 'priceClass', 'priceClassLabel', 'price', 'active', 'createdAt', 'updatedAt'],
      properties: {
        id: { type: 'integer', minimum: 1 },
        code: { type: 'string', pattern: '^[0-9A-Za-z._-]{1,32}$', description: '规格编码, what imports match on.', examples: ['5301001'] },
        name: { type: 'string', description: '规格名称.', examples: ['云峰(珍品)'] },
        brand: { type: 'string', description: '品牌.' },
        priceClass: { type: 'integer', minimum: 1, maximum: 5, description: '价类: 1 一类 (dearest) … 5 五类.' },
        priceClassLabel: { type: 'string', enum: ['一类', '二类', '三类', '四类', '五类'] },
        price: { type: 'number', exclusiveMinimum: 0, description: '批发价, yuan per carton (元/条), two decimals.' },
        active: { type: 'boolean', description: 'On sale; an inactive product takes no availability.' },
        createdAt: dateTime,
        updatedAt: dateTime,
      },
    },
    ProductPage: page('Product', 'A page of products.'),
    AvailabilityItem: {
      type: 'object',
      required: ['productId', 'code', 'name', 'brand', 'priceClass', 'priceClassLabel', 'price', 'active', 'cartons', 'importedBy', 'importedAt'],
      properties: {
        productId: { type: 'integer', minimum: 1 },
        code: { type: 'string' },
        name: { type: 'string' },
        brand: { type: 'string' },
        priceClass: { type: 'integer', minimum: 1, maximum: 5 },
        priceClassLabel: { type: 'string', enum: ['一类', '二类', '三类', '四类', '五类'] },
        price: { type: 'number' },
        active: { type: 'boolean' },
        cartons: { type: 'integer', minimum: 0, description: '可供量 of the month, cartons (条).' },
        importedBy: { ...nullable(schema('PersonRef')), description: 'Who imported the figure; null for seeded data.' },
        importedAt: dateTime,
      },
    },
    Availability: {
      type: 'object', required: ['month', 'items', 'totalCartons'],
      properties: {
        month: { ...month, examples: ['2026-12'] },
        items: { type: 'array', items: schema('AvailabilityItem'), description: 'By price class, then code.' },
        totalCartons: { type: 'integer', minimum: 0, description: 'Σ cartons over `items`.' },
      },
    },
    ImportResult: {
      type: 'object', required: ['imported', 'created', 'updated'],
      properties: {
        imported: { type: 'integer', minimum: 1, description: 'Rows stored (every data row of the file).' },
        created: { type: 'integer', minimum: 0, description: 'Of them, new.' },
        updated: { type: 'integer', minimum: 0, description: 'Of them, replacing what was there.' },
      },
    },
    AvailabilityImportResult: {
      allOf: [schema('ImportResult'), { type: 'object', required: ['month'], properties: { month: { type: 'string', examples: ['2026-12'] } } }],
    },
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
} as const;
