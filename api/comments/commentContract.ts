/** The JSON the comment routes take and give: schemas that validate (Ajv), document (OpenAPI) and type (server and web) it. */
import type { FromSchema } from 'json-schema-to-ts';
import { message, REQUEST_ID } from '../http/sharedContract.js';
import { dateTime, userId, uuid } from '../openapi/helpers.js';

export const COMMENT_TEXT_MAX = 2000;
export const COMMENT_MENTIONS_MAX = 20;

export const commentBody = {
  type: 'object',
  required: ['requestId', 'text'],
  properties: {
    requestId: REQUEST_ID,
    // One visible character at least: a comment of blanks is none. Stored trimmed.
    text: {
      type: 'string', minLength: 1, maxLength: COMMENT_TEXT_MAX, pattern: '\\S',
      description: `The comment, 1–${COMMENT_TEXT_MAX} characters with at least one that is not a blank; stored trimmed. `
        + 'An `@name` in it is only text: who is told is `mentions`.',
      ...message('commentText', { max: COMMENT_TEXT_MAX }),
    },
    mentions: {
      type: 'array', maxItems: COMMENT_MENTIONS_MAX, uniqueItems: true, items: { ...userId, ...message('userMissing') },
      description: 'The users @-mentioned (the web app writes `@姓名` into the text for each). Each must be an active user who '
        + 'may see the process (else 422 at `/mentions/<i>` naming them), and each gets a `comment_mentioned` notification.',
      ...message('commentMentions', { max: COMMENT_MENTIONS_MAX }),
    },
  },
} as const;
export type CommentBody = FromSchema<typeof commentBody>;

export const commentSchema = {
  type: 'object',
  required: ['id', 'instanceId', 'authorId', 'text', 'mentions', 'createdAt'],
  properties: {
    id: uuid,
    instanceId: uuid,
    authorId: userId,
    text: { type: 'string' },
    mentions: { type: 'array', items: userId, description: 'The users it @-mentioned, in the order given.' },
    createdAt: dateTime,
  },
} as const;
export type Comment = FromSchema<typeof commentSchema>;

export const commentListSchema = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: commentSchema, description: 'Every comment of the instance, oldest first.' } },
} as const;
export type CommentList = FromSchema<typeof commentListSchema>;
