/** The JSON bodies the task routes accept: validated by Ajv, documented in OpenAPI, typed for server and web. */
import type { FromSchema } from 'json-schema-to-ts';
import { message, REQUEST_ID } from '../http/bodySchema.js';

export const TASK_ACTIONS = ['transfer', 'addSigner', 'cc'] as const;
export const SIGNER_POSITIONS = ['before', 'after', 'parallel'] as const;
export const MAX_CC = 20;

const userId = { type: 'integer', minimum: 1, ...message('userMissing') } as const;

export const taskActionBody = {
  type: 'object',
  required: ['action', 'reason', 'requestId'],
  properties: {
    action: { type: 'string', enum: TASK_ACTIONS },
    userId: { ...userId, description: 'Who gets the task (transfer) or signs (addSigner).' },
    userIds: {
      type: 'array', minItems: 1, maxItems: MAX_CC, uniqueItems: true, items: userId, description: 'Who is told (cc).',
      ...message('userMissing'),
    },
    position: { type: 'string', enum: SIGNER_POSITIONS, description: 'addSigner only.' },
    // Two visible characters at least: a reason of blanks is none.
    reason: { type: 'string', minLength: 2, maxLength: 500, pattern: '\\S[\\s\\S]*\\S', ...message('actionReason') },
    requestId: REQUEST_ID,
  },
  allOf: [
    { if: { required: ['action'], properties: { action: { const: 'cc' } } }, then: { required: ['userIds'] }, else: { required: ['userId'] } },
    { if: { required: ['action'], properties: { action: { const: 'addSigner' } } }, then: { required: ['position'] } },
  ],
} as const;
export type TaskActionBody = FromSchema<typeof taskActionBody>;

export const completeTaskBody = {
  type: 'object',
  required: ['requestId'],
  properties: {
    data: {
      type: 'object',
      description: 'Form data, validated against the JSON Schema of the task\'s `formKey` (see `GET /api/forms/{key}`): '
        + '`ApprovalDecision` fields for approval tasks (may be left out when `outcome`/`comment` are given beside it), '
        + '`RegradeProposal` for a regrade revise task (the customer stays fixed).',
      examples: [{ outcome: 'return', comment: '请补充近三个月的走访记录' }],
    },
    outcome: {
      type: 'string',
      description: 'Required exactly when the task has `allowedOutcomes` and must be one of them (`approve | reject | return` '
        + 'for decisions); may instead be given as `data.outcome`. Otherwise 422 at `/outcome`.',
    },
    comment: { type: 'string', description: 'For decisions: stored as `data.comment` (overrides it).' },
    requestId: REQUEST_ID,
  },
} as const;
export type CompleteTaskBody = FromSchema<typeof completeTaskBody>;
