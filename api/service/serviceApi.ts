import { apiRoute } from '../http/apiRoute.js';
import { EXPORT_MAX_ROWS } from '../hazards/hazardLedger.js';
import { fail, json, param, secured, tags, userId } from '../openapi/helpers.js';
import { complaintPageSchema, customerTimelineSchema, serviceReportSchema, visitPageSchema } from './serviceContract.js';
import { complaintHeaders, visitHeaders } from './serviceExport.js';

const exportNote = (zh: string, en: string, headers: (l: 'zh-CN' | 'en') => string[]) =>
  `With \`format\`, the whole filtered list (no paging, same order) is a download named \`${zh}-YYYYMMDD.<format>\` (\`${en}-…\` in English), `
  + `at most ${EXPORT_MAX_ROWS} rows (more is 422 at \`/format\`). Columns: ${headers('zh-CN').join(', ')} (${headers('en').join(', ')}). `
  + 'Codes are shown as labels and times in China time; xlsx has a bold, frozen header row with a filter; csv is UTF-8 with a BOM, CRLF, '
  + 'RFC 4180 quoting, and text starting with `= + - @` gets a leading `\'`.';

const download = (page: object, description: string) => ({
  description,
  content: {
    'application/json': { schema: page },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
    'text/csv': { schema: { type: 'string' } },
  },
});

const dateParams = (what: string) => [
  { name: 'from', in: 'query', description: `${what} on or after this China date (YYYY-MM-DD); else 422.`, schema: { type: 'string', format: 'date' } },
  { name: 'to', in: 'query', description: `${what} on or before this China date (inclusive); else 422.`, schema: { type: 'string', format: 'date' } },
];

const common = [
  { name: 'customerId', in: 'query', description: 'One customer; not a positive integer: 422.', schema: { type: 'integer', minimum: 1 } },
  {
    name: 'format', in: 'query', description: 'Download the whole filtered list instead of a JSON page; other values are 422.',
    schema: { type: 'string', enum: ['xlsx', 'csv'] },
  },
  param('Page'), param('Size'), param('AcceptLanguage'),
];

/** The routes of serviceRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const serviceApi = {
  listComplaints: apiRoute('get', '/complaints', {
    tags: tags.service,
    operationId: 'listComplaints',
    summary: 'The complaint ledger (投诉台账), a page or an export',
    description: 'For supervisors (the complaints they assign, and those about or for the customers of the managers reporting to them), '
      + 'the dept head, leaders and admins (all); 403 for others. Open complaints first, then newest. A complaint is recorded with '
      + '`POST /api/processes/complaint/instances` (form `complaint-record`). ' + exportNote('投诉台账', 'complaint-ledger', complaintHeaders),
    parameters: [
      { name: 'status', in: 'query', description: 'A comma list of statuses; other values are 422.', schema: { type: 'string', examples: ['handling,revisiting'] } },
      { name: 'category', in: 'query', description: 'A comma list of categories; other values are 422.', schema: { type: 'string', examples: ['service'] } },
      { name: 'urgency', in: 'query', description: 'A comma list of `normal`, `urgent`; other values are 422.', schema: { type: 'string' } },
      { name: 'handler', in: 'query', description: 'The handler\'s user id; else 422.', schema: userId },
      {
        name: 'overdue', in: 'query', description: '`true`: open and past a deadline now, or answered or handled late. Other values than true/false are 422.',
        schema: { type: 'string', enum: ['true', 'false'] },
      },
      ...dateParams('Recorded'),
      ...common,
    ],
    responses: secured({
      '200': download(complaintPageSchema, 'One page (JSON), or with `format` the file (`Content-Disposition: attachment`).'),
      '403': fail('Forbidden', 'Not a supervisor, dept head, leader or admin.'),
      '422': fail('Unprocessable', 'A bad filter or `format` (each at its own path), or an export of too many rows.'),
    }),
  }),
  listVisits: apiRoute('get', '/visits', {
    tags: tags.service,
    operationId: 'listVisits',
    summary: 'Visit records (拜访记录), a page or an export',
    description: 'A customer manager reads their own, a supervisor their team\'s, the dept head, leaders and admins everyone\'s; 403 for others. '
      + 'Newest arrival first. A visit is recorded by completing a service request\'s visit task or a planned visit\'s task (both form `service-visit`). '
      + exportNote('拜访记录', 'visit-records', visitHeaders),
    parameters: [
      { name: 'managerId', in: 'query', description: 'Who visited; not a positive integer: 422.', schema: userId },
      {
        name: 'late', in: 'query', description: '`true`: only visits recorded after their due time. Other values than true/false are 422.',
        schema: { type: 'string', enum: ['true', 'false'] },
      },
      {
        name: 'source', in: 'query', description: 'A comma list of `request` (a service request\'s visit), `plan` (a planned visit); other values are 422.',
        schema: { type: 'string', examples: ['plan'] },
      },
      ...dateParams('Arrived'),
      ...common,
    ],
    responses: secured({
      '200': download(visitPageSchema, 'One page (JSON), or with `format` the file.'),
      '403': fail('Forbidden', 'Not a customer manager, supervisor, dept head, leader or admin.'),
      '422': fail('Unprocessable', 'A bad filter or `format` (each at its own path), or an export of too many rows.'),
    }),
  }),
  serviceReport: apiRoute('get', '/service-report', {
    tags: tags.service,
    operationId: 'serviceReport',
    summary: 'The monthly service report (服务月报) per customer manager and team',
    description: 'Requests answered and visited on time, complaints by category, mean hours to resolve and satisfaction of the month, '
      + 'and the planned visits (差异化服务) due in the month: recorded, recorded on time, overdue. '
      + 'A customer manager reads their own line, a supervisor their team\'s, the dept head, leaders and admins everyone\'s (anonymous '
      + 'complaints count in the total only); 403 for others.',
    parameters: [
      { name: 'month', in: 'query', description: 'YYYY-MM (default: this month in China); else 422 at `/month`.', schema: { type: 'string', examples: ['2026-12'] } },
      param('AcceptLanguage'),
    ],
    responses: secured({
      '200': json('The month\'s lines.', serviceReportSchema),
      '403': fail('Forbidden', 'Not a customer manager, supervisor, dept head, leader or admin.'),
      '422': fail('Unprocessable', 'A bad `month`.'),
    }),
  }),
  customerTimeline: apiRoute('get', '/customers/:id/timeline', {
    tags: tags.service,
    operationId: 'customerTimeline',
    summary: 'Customer 360: the customer\'s requests, visits, complaints, regrades, tier changes and allocations on one timeline',
    description: 'For whoever may see the customer (as `GET /api/customers/{id}`); newest first, at most 200 events. Hazards are reported by place, '
      + 'not by customer, and are not on it.',
    parameters: [param('CustomerId'), param('AcceptLanguage')],
    responses: secured({
      '200': json('The events.', customerTimelineSchema),
      '404': fail('NotFound', 'No such customer, a malformed id, or outside the caller\'s scope.'),
    }),
  }),
};


