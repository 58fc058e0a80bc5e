/** Pieces several routes' OpenAPI operations share. */
import { jsonBody } from '../http/apiRoute.js';
import { formSubmissionBody } from '../http/sharedContract.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, IMPORT_TYPES } from '../http/spreadsheetImport.js';
import { fail, month, param, secured, tags } from './helpers.js';

/** The filters the inbox list and its counts share. */
export const INBOX_FILTERS = [param('InboxProcess'), param('InboxQ'), param('DueBefore'), param('DueAfter'), param('Overdue')];

/** Who may not read an attachment (its bytes or its meta data). */
export const ATTACHMENT_READ_ERRORS = {
  '403': fail('Forbidden', 'Neither the uploader nor allowed to see its instance.'),
  '404': fail('NotFound', 'No such attachment, or a malformed id.'),
};

/** The columns an import reads, for descriptions: `key` (中文表头), required or optional. */
export const importColumns = (columns: readonly { key: string; label: Record<string, string>; required: boolean }[]) =>
  columns.map((c) => `\`${c.key}\` (${c.label['zh-CN']})${c.required ? '' : ', optional'}`).join('; ');

/** How an import's file is read and refused; the same for products and availability. */
export const IMPORT_FILE = [
  'The body is the raw file with its type as `Content-Type`: xlsx (`' + IMPORT_TYPES.xlsx + '`, the first visible sheet) or csv (`text/csv`,',
  'UTF-8 with or without a BOM; `,`, `;` or tab separated). The header row may sit under a title row (the first of the first ten rows',
  'naming a known column); headers match the English key or the Chinese label, ignoring case, spaces and a unit in brackets',
  '(`批发价（元/条）`); other columns are ignored, blank rows skipped. Rows are numbered as in the file (the header row of a plain',
  `file is 1). At most ${IMPORT_MAX_ROWS} data rows and ${IMPORT_MAX_BYTES / 1024 / 1024} MiB. Every bad row is reported, each at`,
  '`/rows/<row>/<column>`, and a file with any bad row stores nothing (one transaction). For the dept head and admins (403 otherwise).',
].join(' ');

export const IMPORT_ERRORS = {
  '403': fail('Forbidden', 'Not the dept head or an admin.'),
  '413': fail('FileTooLarge', `Over ${IMPORT_MAX_BYTES / 1024 / 1024} MiB (\`details.maxBytes\`); checked by Content-Length before reading, else while streaming.`),
  '415': fail('UnsupportedMediaType', 'Not xlsx or csv, or an "xlsx" that is not one; `details.allowed` lists the two types.'),
} as const;

export const IMPORT_BODY = {
  required: true,
  description: 'The spreadsheet\'s bytes.',
  content: {
    [IMPORT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
    [IMPORT_TYPES.csv]: { schema: { type: 'string' } },
  },
};

/** One action on a 督办 track: the same parameters and refusals, its own form and answer. */
export const trackAction = (operationId: string, summary: string, description: string, success: Record<string, unknown>) => ({
  post: {
    tags: tags.assignments, operationId, summary, description,
    parameters: [
      { name: 'instanceId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      { name: 'assigneeId', in: 'path', required: true, schema: { type: 'integer' } },
    ],
    requestBody: jsonBody(formSubmissionBody),
    responses: secured({
      ...success, '403': fail('Forbidden'), '404': fail('NotFound'), '409': fail('Conflict'), '422': fail('Unprocessable'),
      '503': fail('Unavailable'),
    }),
  },
});

/** The allocation exports' month, plan version and answer. */
export const PLAN_EXPORT_MONTH = {
  name: 'month', in: 'path', required: true, description: '`YYYY-MM`; else 422 at `/month`.', schema: month,
} as const;
export const PLAN_EXPORT_VERSION = {
  name: 'version', in: 'query', description: 'A version of the month\'s plan (default: the published one). One not (or not yet) '
    + 'published only for the dept head and admins (others 403).', schema: { type: 'integer', minimum: 1 },
} as const;
export const XLSX_DOWNLOAD = {
  description: 'The file (`Content-Disposition: attachment; filename*=UTF-8\'\'…`).',
  content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } },
} as const;

/** Every route of the API, as `api/routes` implements it. */
