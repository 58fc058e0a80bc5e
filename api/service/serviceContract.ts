/** The JSON the complaint and visit ledgers give: schemas that document (OpenAPI) and type (server and web) it. */
import type { FromSchema } from 'json-schema-to-ts';
import { COMPLAINT_STATUSES } from '../../db/entities/Complaint.js';
import { COMPLAINT_CATEGORIES, COMPLAINT_URGENCIES, SATISFACTION_LEVELS } from '../../forms/complaint.js';
import { SERVICE_CHANNELS } from '../../forms/serviceRequest.js';
import { dateTime, nullable, pageOf, userId, uuid } from '../openapi/helpers.js';

const person = {
  type: 'object', required: ['id', 'name'], additionalProperties: false,
  properties: { id: userId, name: { type: 'string', description: 'Display name.' } },
} as const;

const customerRef = {
  type: 'object', required: ['id', 'code', 'name'], additionalProperties: false,
  properties: { id: { type: 'integer', minimum: 1 }, code: { type: 'string' }, name: { type: 'string' } },
} as const;

const lateMinutes = { ...nullable({ type: 'integer', minimum: 0 }), description: 'Minutes after the due time (0: on time); null: not yet.' } as const;

export const complaintItemSchema = {
  type: 'object',
  description: 'One row of the complaint ledger (投诉台账), as the complaint\'s workflow recorded it.',
  required: [
    'code', 'instanceId', 'recordedAt', 'recordedBy', 'customer', 'manager', 'complainedManager', 'channel', 'category', 'urgency', 'content',
    'status', 'handler', 'assignedAt', 'responseDueAt', 'respondedAt', 'responseLateMinutes', 'resolveDueAt', 'resolvedAt', 'resolveLateMinutes',
    'result', 'rounds', 'satisfaction', 'revisitedBy', 'escalatedAt', 'closedAt', 'overdue',
  ],
  additionalProperties: false,
  properties: {
    code: { type: 'string', pattern: '^TS\\d{6}-\\d{4,}$', examples: ['TS202612-0002'] },
    instanceId: { ...uuid, description: 'Its process instance: `GET /api/instances/{id}` has the records and the timeline.' },
    recordedAt: dateTime,
    recordedBy: person,
    customer: { ...nullable(customerRef), description: 'Null: anonymous.' },
    manager: { ...nullable(person), description: 'The customer\'s manager when it was recorded.' },
    complainedManager: { ...nullable(person), description: 'The manager the complaint is about, if any: never its handler.' },
    channel: { type: 'string', enum: [...SERVICE_CHANNELS] },
    category: { type: 'string', enum: [...COMPLAINT_CATEGORIES], description: '服务, 货源, 价格, 质量, 其他.' },
    urgency: { type: 'string', enum: [...COMPLAINT_URGENCIES] },
    content: { type: 'string' },
    status: {
      type: 'string', enum: [...COMPLAINT_STATUSES],
      description: '`assigning` 待指定处理人 → `handling` 处理中 → `revisiting` 待回访 → `closed` 已办结 (不满意: back to `handling`).',
    },
    handler: nullable(person),
    assignedAt: nullable(dateTime),
    responseDueAt: { ...nullable(dateTime), description: 'First response due (24 h from the record by default).' },
    respondedAt: nullable(dateTime),
    responseLateMinutes: lateMinutes,
    resolveDueAt: { ...nullable(dateTime), description: 'Handling due (5 working days from the assignment, or from the last 不满意).' },
    resolvedAt: { ...nullable(dateTime), description: 'The last handling record.' },
    resolveLateMinutes: { ...lateMinutes, description: 'The most any handling round came after its due time.' },
    result: nullable({ type: 'string' }),
    rounds: { type: 'integer', minimum: 0 },
    satisfaction: { ...nullable({ type: 'string', enum: [...SATISFACTION_LEVELS] }), description: 'The last 回访\'s answer.' },
    revisitedBy: nullable(person),
    escalatedAt: { ...nullable(dateTime), description: 'When a missed deadline went to the dept head.' },
    closedAt: nullable(dateTime),
    overdue: { type: 'boolean', description: 'Open and past a deadline now, or a response or handling that came late.' },
  },
} as const;
export type ComplaintItem = FromSchema<typeof complaintItemSchema>;

export const complaintPageSchema = pageOf(complaintItemSchema);
export type ComplaintPage = FromSchema<typeof complaintPageSchema>;

/** Why a visit was made: a service request, or the weekly visit plan by customer class. */
export const VISIT_SOURCES = ['request', 'plan'] as const;
export type VisitSource = (typeof VISIT_SOURCES)[number];

export const visitItemSchema = {
  type: 'object',
  description: 'One visit record (拜访记录); the full record with its photos is the instance\'s form record.',
  required: [
    'recordId', 'instanceId', 'requestCode', 'customer', 'manager', 'source', 'arrivedAt', 'checked', 'followUps', 'analysis', 'photoCount',
    'hasLocation', 'dueAt', 'lateMinutes', 'recordedAt',
  ],
  additionalProperties: false,
  properties: {
    recordId: uuid,
    instanceId: uuid,
    requestCode: { ...nullable({ type: 'string' }), description: 'The service request it answered (FW…); null for a planned visit.' },
    customer: customerRef,
    manager: { ...person, description: 'Who visited.' },
    source: {
      type: 'string', enum: [...VISIT_SOURCES],
      description: '`request`: a service request\'s visit; `plan`: a planned visit (差异化服务, the manager\'s weekly plan).',
    },
    arrivedAt: dateTime,
    checked: { type: 'string' },
    followUps: nullable({ type: 'string' }),
    analysis: { type: 'string' },
    photoCount: { type: 'integer', minimum: 0 },
    hasLocation: { type: 'boolean' },
    dueAt: nullable(dateTime),
    lateMinutes: { type: 'integer', minimum: 0, description: 'Minutes the record came after its due time (0: on time).' },
    recordedAt: dateTime,
  },
} as const;
export type VisitItem = FromSchema<typeof visitItemSchema>;

export const visitPageSchema = pageOf(visitItemSchema);
export type VisitPage = FromSchema<typeof visitPageSchema>;

const nullableRate = (description: string) => ({ ...nullable({ type: 'number', minimum: 0, maximum: 1 }), description } as const);

export const serviceReportLineSchema = {
  type: 'object',
  required: [
    'manager', 'supervisor', 'requests', 'repliesJudged', 'repliedOnTime', 'replyOnTimeRate', 'visitsJudged', 'visitedOnTime', 'visitOnTimeRate',
    'complaints', 'complaintsByCategory', 'complaintsClosed', 'meanHoursToResolve', 'revisits', 'satisfactionRate',
    'plannedVisits', 'plannedJudged', 'plannedDone', 'plannedOnTime', 'plannedOverdue', 'plannedCompletionRate', 'plannedOnTimeRate',
  ],
  additionalProperties: false,
  properties: {
    manager: { ...nullable(person), description: 'The customer manager; null on a team\'s or the total line.' },
    supervisor: { ...nullable(person), description: 'Their supervisor (the team); null on the total line, or for managers without one.' },
    requests: { type: 'integer', minimum: 0, description: 'Service requests recorded in the month for the manager\'s customers.' },
    repliesJudged: { type: 'integer', minimum: 0, description: 'Of them, answered or past the reply\'s due time.' },
    repliedOnTime: { type: 'integer', minimum: 0, description: 'Answered within the deadline (24 h by default).' },
    replyOnTimeRate: nullableRate('repliedOnTime / repliesJudged, 4 decimals; null when none judged.'),
    visitsJudged: { type: 'integer', minimum: 0, description: 'Visited or past the visit\'s due time.' },
    visitedOnTime: { type: 'integer', minimum: 0, description: 'Visited within the deadline (48 h by default).' },
    visitOnTimeRate: nullableRate('visitedOnTime / visitsJudged, 4 decimals; null when none judged.'),
    complaints: { type: 'integer', minimum: 0, description: 'Complaints recorded in the month about the manager\'s customers.' },
    complaintsByCategory: {
      type: 'object', required: [...COMPLAINT_CATEGORIES], additionalProperties: false,
      properties: Object.fromEntries(COMPLAINT_CATEGORIES.map((c) => [c, { type: 'integer', minimum: 0 }])) as Record<(typeof COMPLAINT_CATEGORIES)[number], { type: 'integer'; minimum: 0 }>,
    },
    complaintsClosed: { type: 'integer', minimum: 0, description: 'Complaints closed (办结) in the month, whenever recorded.' },
    meanHoursToResolve: { ...nullable({ type: 'number', minimum: 0 }), description: 'Mean hours from record to close of those, 1 decimal; null when none.' },
    revisits: { type: 'integer', minimum: 0, description: '回访 answers given in the month (不满意 ones too).' },
    satisfactionRate: nullableRate('Of those answers, the share 满意 or 基本满意, 4 decimals; null when none.'),
    plannedVisits: { type: 'integer', minimum: 0, description: 'Planned visits (差异化服务) due in the month, for the manager\'s customers.' },
    plannedJudged: { type: 'integer', minimum: 0, description: 'Of them, recorded, closed as missed, or past their due time.' },
    plannedDone: { type: 'integer', minimum: 0, description: 'Recorded (on time or late).' },
    plannedOnTime: { type: 'integer', minimum: 0, description: 'Recorded by the due time.' },
    plannedOverdue: { type: 'integer', minimum: 0, description: 'Not recorded by the due time: recorded late, missed, or open and past due.' },
    plannedCompletionRate: nullableRate('plannedDone / plannedJudged, 4 decimals; null when none judged.'),
    plannedOnTimeRate: nullableRate('plannedOnTime / plannedJudged, 4 decimals; null when none judged.'),
  },
} as const;
export type ServiceReportLine = FromSchema<typeof serviceReportLineSchema>;

export const serviceReportSchema = {
  type: 'object', required: ['month', 'asOf', 'people', 'teams', 'total'], additionalProperties: false,
  properties: {
    month: { type: 'string', pattern: '^\\d{4}-\\d{2}$', examples: ['2026-12'] },
    asOf: { type: 'string', format: 'date', description: 'Today (China): open requests are judged as of now.' },
    people: { type: 'array', items: serviceReportLineSchema, description: 'Every customer manager the caller reads, by user id.' },
    teams: { type: 'array', items: serviceReportLineSchema, description: 'The same summed per supervisor.' },
    total: serviceReportLineSchema,
  },
} as const;
export type ServiceReport = FromSchema<typeof serviceReportSchema>;

export const CUSTOMER_EVENT_KINDS = ['request', 'visit', 'complaint', 'regrade', 'tierChange', 'allocation'] as const;

export const customerEventSchema = {
  type: 'object', required: ['at', 'kind', 'instanceId', 'code', 'status', 'text', 'person'], additionalProperties: false,
  properties: {
    at: { ...dateTime, description: 'When it happened: recorded, arrived, proposed, changed or published.' },
    kind: {
      type: 'string', enum: [...CUSTOMER_EVENT_KINDS],
      description: '`request` 服务需求, `visit` 拜访, `complaint` 投诉, `regrade` 分档调整 proposal, `tierChange` 档位变更, `allocation` 月度投放 (published plans).',
    },
    instanceId: { ...nullable(uuid), description: 'The process instance, when there is one to open.' },
    code: { ...nullable({ type: 'string' }), description: 'FW…/TS… code, the allocation month, or the tier change `D9→D11`.' },
    status: { ...nullable({ type: 'string' }), description: 'The request\'s, complaint\'s or regrade\'s state; the visit\'s minutes late; the tier change\'s source.' },
    text: { type: 'string', description: 'What it was about: the request, the visit\'s analysis, the complaint, the proposal\'s reason, the cartons planned.' },
    person: { ...nullable(person), description: 'Who recorded, visited, proposed or decided.' },
  },
} as const;
export type CustomerEvent = FromSchema<typeof customerEventSchema>;

export const customerTimelineSchema = {
  type: 'object', required: ['items'], additionalProperties: false,
  properties: { items: { type: 'array', items: customerEventSchema, description: 'Newest first, at most 200.' } },
} as const;
export type CustomerTimeline = FromSchema<typeof customerTimelineSchema>;
