import { EXPORT_MAX_ROWS } from './hazardLedger.js';
import { apiRoute } from '../http/apiRoute.js';
import { fail, json, param, schema, secured, tags, userId } from '../openapi/helpers.js';
import { ledgerHeaders } from './hazardExport.js';

/** The routes of hazardRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const hazardApi = {
  listHazards: apiRoute('get', '/hazards', {
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
  }),
  hazardStats: apiRoute('get', '/hazards/stats', {
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
  }),
  getHazard: apiRoute('get', '/hazards/:code', {
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
  }),
};
