import { apiRoute } from '../http/apiRoute.js';
import { fail, json, month, param, schema, secured, tags } from '../openapi/helpers.js';
import { reportHeaders } from './assignedTaskExport.js';
import { trackAction } from '../openapi/shared.js';

/** The routes of assignedTaskRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const assignedTaskApi = {
  assignmentBoard: apiRoute('get', '/assigned-tasks', {
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
  }),
  assignmentReport: apiRoute('get', '/assigned-tasks/report', {
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
        schema: { ...month, examples: ['2026-11'] },
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
  }),
  trackProgress: apiRoute('post', '/assigned-tasks/:instanceId/tracks/:assigneeId/progress', trackAction('trackProgress', '进度反馈 on one assignee\'s track',
  'Body `{data, requestId}` with the form `progress-feedback`; by the assignee or a co-organiser.', { '200': json('Recorded.', { type: 'object' }) }).post),
  trackChase: apiRoute('post', '/assigned-tasks/:instanceId/tracks/:assigneeId/chase', trackAction('trackChase', '催办 on one assignee\'s track',
  'Body `{data, requestId}` with the form `supervision-note`; by the assigning leader. The assignee is notified.', { '204': { description: 'Chased.' } }).post),
  trackExtension: apiRoute('post', '/assigned-tasks/:instanceId/tracks/:assigneeId/extension', trackAction('trackExtension', '延期申请 on one assignee\'s track',
  'Body `{data, requestId}` with the form `extension-request`; by the assignee, before the current deadline and for a later date '
    + '(422 at `/newDeadline` otherwise), decided by the leader in a task.', { '200': json('Requested.', { type: 'object' }) }).post),
};
