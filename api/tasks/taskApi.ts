import { INBOX_FILTERS } from '../openapi/shared.js';
import { apiRoute, jsonBody } from '../http/apiRoute.js';
import { completeTaskBody, copiedPageSchema, taskActionBody } from './taskContract.js';
import { fail, json, param, schema, secured, tags } from '../openapi/helpers.js';

/** Only tasks of one step: what the web app asks for to open the next task of the same kind after a decision. */
const STEP_FILTER = {
  name: 'step', in: 'query',
  description: 'Only tasks of this step (its `name`, e.g. `regrade.review`): after a decision the web app opens the next one of the same kind.',
  schema: { type: 'string', examples: ['regrade.review'] },
} as const;

/** The routes of taskRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const taskApi = {
  listTasks: apiRoute('get', '/tasks', {
    tags: tags.tasks,
    operationId: 'listTasks',
    summary: 'The inbox',
    parameters: [
      {
        name: 'view', in: 'query',
        description: '`mine`: assigned to or claimed by me (with `status=done`, 已办: completed by me, and handed on by me through 转交 '
          + 'or 加签 and no longer mine, each with `handedOn`). `group`: offered to my roles, '
          + 'not claimed by someone else, not assigned to me and not excluding me. `all`: every task (admin, leader, dept_head only; '
          + 'others 403). Any other value is 422.',
        schema: { type: 'string', enum: ['mine', 'group', 'all'], default: 'mine' },
      },
      {
        name: 'status', in: 'query', description: 'Any other value is 422.',
        schema: { type: 'string', enum: ['open', 'done'], default: 'open' },
      },
      ...INBOX_FILTERS,
      STEP_FILTER,
      {
        name: 'sort', in: 'query',
        description: '`due`/`-due`: by due time (undated last), `created`/`-created`: by creation, `completed`/`-completed`: by '
          + 'completion (in 已办: of the caller\'s completion or hand-over), `priority`: highest first, then due. Unknown values are 422. '
          + 'Default: `due` for open tasks, `-completed` (most recently completed first) for `status=done`.',
        schema: { type: 'string', enum: ['due', '-due', 'created', '-created', 'completed', '-completed', 'priority'] },
      },
      param('Page'), param('Size'), param('AcceptLanguage'),
    ],
    responses: secured({
      '200': json('One page.', schema('TaskPage')),
      '403': fail('Forbidden', '`view=all` without a managing role.'),
      '422': fail('Unprocessable', 'An unknown `view`, `status` or `sort`, an unparsable `dueBefore`/`dueAfter`, or `overdue` '
        + 'other than `true`/`false`.'),
    }),
  }),
  countTasks: apiRoute('get', '/tasks/counts', {
    tags: tags.tasks,
    operationId: 'countTasks',
    summary: 'How many tasks each inbox tab holds',
    description: 'The counts of `view=mine`, `view=group` (both open) and `view=mine&status=done`, under the same filters as the list '
      + '(`step` too). `view`, `status`, `sort` and paging are not read.',
    parameters: [...INBOX_FILTERS, STEP_FILTER, param('AcceptLanguage')],
    responses: secured({
      '200': json('The counts.', schema('TaskCounts')),
      '422': fail('Unprocessable', 'An unparsable `dueBefore`/`dueAfter`, or `overdue` other than `true`/`false`.'),
    }),
  }),
  listCopiedToMe: apiRoute('get', '/tasks/cc', {
    tags: tags.tasks,
    operationId: 'listCopiedToMe',
    summary: '抄送我的: the processes the caller was copied in on',
    description: 'Every process someone copied the caller in on (抄送 on one of its tasks), the most recently copied first, '
      + 'with where it stands now. Each is the caller\'s to read (`GET /api/instances/{id}`).',
    parameters: [param('Page'), param('Size'), param('AcceptLanguage')],
    responses: secured({ '200': json('One page.', copiedPageSchema) }),
  }),
  getTask: apiRoute('get', '/tasks/:id', {
    tags: tags.tasks,
    operationId: 'getTask',
    summary: 'One task',
    parameters: [param('TaskId'), param('AcceptLanguage')],
    responses: secured({
      '200': json('The task.', schema('Task')),
      '403': fail('Forbidden', 'The caller sees its process but not the task (e.g. the proposer\'s own review, a task handed on).'),
      '404': fail('TaskNotFound', 'No such task, or neither it nor its process is the caller\'s to see.'),
    }),
  }),
  getTaskInFull: apiRoute('get', '/tasks/:id/full', {
    tags: tags.tasks,
    operationId: 'getTaskInFull',
    summary: 'One task with its form and its process',
    description: 'What a task\'s page shows, in one round trip: the task as `GET /api/tasks/{id}` gives it, its form, and its process '
      + '(left out when the caller may work the task but not read the process). The same rights and errors as `GET /api/tasks/{id}`.',
    parameters: [param('TaskId'), param('AcceptLanguage')],
    responses: secured({
      '200': json('The task, its form and its process.', schema('TaskInFull')),
      '403': fail('Forbidden', 'The caller sees its process but not the task.'),
      '404': fail('TaskNotFound', 'No such task, or neither it nor its process is the caller\'s to see.'),
    }),
  }),
  claimTask: apiRoute('post', '/tasks/:id/claim', {
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
  }),
  unclaimTask: apiRoute('post', '/tasks/:id/unclaim', {
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
  }),
  taskAction: apiRoute('post', '/tasks/:id/actions', {
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
    requestBody: jsonBody(taskActionBody),
    responses: secured({
      '200': json('Done: the task as it is now.', schema('Task')),
      '403': fail('Forbidden', 'Not the task\'s owner, or the step does not allow the action.'),
      '404': fail('TaskNotFound'),
      '409': fail('Conflict', 'The task is closed.'),
      '422': fail('Unprocessable', 'Bad action, position, reason or user (at their paths), or a user the task cannot go to.'),
      '503': fail('Unavailable'),
    }),
  }),
  completeTask: apiRoute('post', '/tasks/:id/complete', {
    tags: tags.tasks,
    operationId: 'completeTask',
    summary: 'Complete a task with its form',
    description: 'Validates `data` against the task\'s form, then completes the task through its workflow. '
      + 'The same `requestId` from the same user after completion returns the first result (one record, one completion); '
      + 'another `requestId` then gets 409.',
    parameters: [param('TaskId'), param('AcceptLanguage')],
    requestBody: jsonBody(completeTaskBody),
    responses: secured({
      '200': json('Completed.', schema('CompleteTaskResult')),
      '400': fail('InvalidJson'),
      '403': fail('Forbidden', 'The caller may not act on this task, or would decide on their own proposal (`selfDecision`).'),
      '404': fail('TaskNotFound'),
      '409': fail('Conflict', 'The task is already completed or cancelled, or claimed by someone else.'),
      '422': fail('Unprocessable', 'Bad `requestId`, an outcome the task does not allow (at `/outcome`), or invalid form data.'),
      '503': fail('Unavailable', 'Temporal is unreachable; retry with the same `requestId`.'),
    }),
  }),
};
