import { ATTACHMENT_READ_ERRORS } from '../openapi/shared.js';
import { apiRoute } from '../http/apiRoute.js';
import { fail, json, param, schema, secured, tags, uuid } from '../openapi/helpers.js';

/** The routes of attachmentRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const attachmentApi = {
  uploadAttachment: apiRoute('post', '/attachments', {
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
  }),
  getAttachment: apiRoute('get', '/attachments/:id/meta', {
    tags: tags.attachments,
    operationId: 'getAttachment',
    summary: 'What a file is (name, size, type, hash)',
    description: 'Readable as the bytes are.',
    parameters: [param('AttachmentId'), param('AcceptLanguage')],
    responses: secured({
      '200': json('The attachment.', schema('Attachment')),
      ...ATTACHMENT_READ_ERRORS,
    }),
  }),
  downloadAttachment: apiRoute('get', '/attachments/:id', {
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
  }),
};
