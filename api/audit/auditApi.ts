import { apiRoute } from '../http/apiRoute.js';
import { fail, json, param, secured, tags, userId, uuid } from '../openapi/helpers.js';
import { auditPageSchema } from './auditContract.js';

const query = (name: string, description: string, schema: Record<string, unknown>) => ({ name, in: 'query', description, schema });

/** The routes of auditRoutes.ts (审计日志, issue 14), each with its OpenAPI operation. */
export const auditApi = {
  listAuditEvents: apiRoute('get', '/admin/audit', {
    tags: tags.audit,
    operationId: 'listAuditEvents',
    summary: 'Search the audit log: by person, object, type and date, newest first',
    description: 'Every change the system keeps a record of (append-only). For admins.',
    parameters: [
      query('actorId', 'Done by this user.', userId),
      query('type', 'This event type (`user.updated`), or every type under a prefix ending in a dot (`user.`).', { type: 'string', maxLength: 60 }),
      query('instanceId', 'About this process instance.', uuid),
      query('taskId', 'About this task.', uuid),
      query('q', 'Text anywhere in what the event records (a username, a customer code, a name).', { type: 'string', maxLength: 100 }),
      query('from', 'On or after this day (China time).', { type: 'string', format: 'date' }),
      query('to', 'On or before this day (China time).', { type: 'string', format: 'date' }),
      param('Page'), param('Size'), param('AcceptLanguage'),
    ],
    responses: secured({
      '200': json('One page of events.', auditPageSchema),
      '403': fail('Forbidden', 'Not an admin.'),
      '422': fail('Unprocessable', 'A malformed `actorId`, `instanceId`, `taskId`, `from` or `to`, at its name.'),
    }),
  }),
};
