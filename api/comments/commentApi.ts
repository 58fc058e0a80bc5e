import { apiRoute, jsonBody } from '../http/apiRoute.js';
import { fail, json, param, secured, tags } from '../openapi/helpers.js';
import { commentBody, commentListSchema, commentSchema } from './commentContract.js';

/** The routes of commentRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const commentApi = {
  listComments: apiRoute('get', '/instances/:id/comments', {
    tags: tags.instances,
    operationId: 'listComments',
    summary: 'The 评论 thread of a process instance, oldest first',
    description: 'Whoever may see the instance (as `GET /api/instances/{id}`) reads all its comments.',
    parameters: [param('InstanceId'), param('AcceptLanguage')],
    responses: secured({
      '200': json('The comments.', commentListSchema),
      '404': fail('NotFound', 'No such instance, a malformed id, or not visible to the caller.'),
    }),
  }),
  addComment: apiRoute('post', '/instances/:id/comments', {
    tags: tags.instances,
    operationId: 'addComment',
    summary: 'Comment on a process instance (评论), @-mentioning people who may see it',
    description: [
      'Whoever may see the instance may comment, while it runs or after it ended. A comment is no step of the process:',
      'it is stored here only, with a `comment.added` event on the timeline. Each user in `mentions` gets a',
      '`comment_mentioned` notification (and their webhook, if it takes that kind); the starter, when neither the author',
      'nor mentioned, gets `comment_added`. A mention of someone who may not see the process is refused, naming them,',
      'and nothing is stored. The same `requestId` from the same author again answers the comment it made (200);',
      'with another instance, text or mentions it is 409 `requestIdReused`.',
    ].join(' '),
    parameters: [param('InstanceId'), param('AcceptLanguage')],
    requestBody: jsonBody(commentBody),
    responses: secured({
      '201': json('Stored.', commentSchema),
      '200': json('This `requestId` already made this comment.', commentSchema),
      '404': fail('NotFound', 'No such instance, or not visible to the caller.'),
      '409': fail('Conflict', 'The `requestId` was used for another comment (`requestIdReused`).'),
      '422': fail('Unprocessable', 'A missing, blank or too long `text` (at `/text`), a bad `requestId`, too many or repeated '
        + '`mentions` (at `/mentions`), or a mention of no active user or of someone who may not see the process (at `/mentions/<i>`).'),
    }),
  }),
};
