/** The JSON the task routes take and give: schemas that validate (Ajv), document (OpenAPI) and type (server and web) it. */
import type { FromSchema } from 'json-schema-to-ts';
import { message, REQUEST_ID } from '../http/sharedContract.js';
import { dateTime, nullable, pageOf, userId, uuid } from '../openapi/helpers.js';
import { INSTANCE_STATUS } from '../processes/instanceStatus.js';

export const TASK_ACTIONS = ['transfer', 'addSigner', 'cc'] as const;
export const SIGNER_POSITIONS = ['before', 'after', 'parallel'] as const;
export const MAX_CC = 20;

const targetUser = { type: 'integer', minimum: 1, ...message('userMissing') } as const;

export const taskActionBody = {
  type: 'object',
  required: ['action', 'reason', 'requestId'],
  properties: {
    action: { type: 'string', enum: TASK_ACTIONS },
    userId: { ...targetUser, description: 'Who gets the task (transfer) or signs (addSigner).' },
    userIds: {
      type: 'array', minItems: 1, maxItems: MAX_CC, uniqueItems: true, items: targetUser, description: 'Who is told (cc).',
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

export const TASK_STATUS = { type: 'string', enum: ['open', 'done', 'cancelled'] } as const;

export const taskSchema = {
  type: 'object',
  description: 'A human step of a process.',
  required: [
    'id', 'instanceId', 'processKey', 'stepKey', 'name', 'formKey', 'formVersion', 'assigneeId', 'candidateRoles', 'claimedBy',
    'status', 'outcome', 'actions', 'allowedOutcomes', 'priority', 'prefill', 'fixedData', 'context', 'dueAt', 'overdue', 'remindedAt', 'escalatedAt',
    'createdAt', 'completedAt', 'completedBy', 'canAct',
  ],
  properties: {
    id: uuid,
    instanceId: uuid,
    processKey: { type: 'string' },
    stepKey: { type: 'string', description: 'Unique per instance; repeated steps carry a round suffix, e.g. `review#2`.' },
    name: { type: 'string', description: 'i18n key of the step name, e.g. `regrade.review`.' },
    formKey: { type: 'string', description: 'The form the task is completed with (a `FormKey`).' },
    formVersion: { type: 'integer' },
    assigneeId: nullable(userId),
    candidateRoles: { type: 'array', items: { type: 'string' } },
    claimedBy: nullable(userId),
    status: TASK_STATUS,
    outcome: nullable({ type: 'string' }),
    actions: {
      type: 'array', items: { type: 'string', enum: TASK_ACTIONS },
      description: 'Approval actions the step allows (POST /api/tasks/{id}/actions).',
    },
    allowedOutcomes: {
      type: 'array', items: { type: 'string' },
      description: 'Empty: completing takes no outcome. Approval tasks: `approve`, `reject`, `return`.',
    },
    priority: { type: 'integer', description: 'Higher first.' },
    prefill: { ...nullable({ type: 'object' }), description: 'Initial form data (e.g. the proposal to revise).' },
    fixedData: { ...nullable({ type: 'object' }), description: 'Fields the submission must keep unchanged (otherwise 422 at that path).' },
    context: {
      type: 'object',
      description: 'What the inbox shows; for regrade `{customerId, customerCode, customerName, fromTier, proposedTier, proposerId}` '
        + '(+ `returnedBy`, `comment` on a revise task).',
    },
    dueAt: nullable(dateTime),
    overdue: { type: 'boolean', description: 'Open and past `dueAt`.' },
    remindedAt: nullable(dateTime),
    escalatedAt: nullable(dateTime),
    createdAt: dateTime,
    completedAt: nullable(dateTime),
    completedBy: nullable(userId),
    canAct: { type: 'boolean', description: 'The caller may claim/complete it now (open, permitted, not claimed by someone else).' },
    handedOn: {
      ...nullable({
        type: 'object',
        required: ['action', 'to', 'at'],
        properties: {
          action: { type: 'string', enum: ['transfer', 'addSigner'] },
          to: { ...userId, description: 'Who the caller transferred it to, or added as a signer.' },
          at: { ...dateTime, description: 'When: the row\'s place in 已办.' },
        },
      }),
      description: 'Only in 已办 (`view=mine&status=done`): null for a task the caller completed; for one they handed on by 转交 or '
        + '加签 that is no longer theirs, their last such action. `status` and `outcome` are the task\'s as its new holder left it.',
    },
  },
} as const;
export type Task = FromSchema<typeof taskSchema>;

export const completeTaskResult = {
  type: 'object',
  required: ['task', 'recordId', 'instance'],
  properties: {
    task: taskSchema,
    recordId: { ...nullable(uuid), description: 'The form record written by the completion.' },
    instance: nullable({
      type: 'object',
      required: ['id', 'status', 'currentStep'],
      properties: { id: uuid, status: INSTANCE_STATUS, currentStep: nullable({ type: 'string' }) },
    }),
  },
} as const;
export type CompleteTaskResult = FromSchema<typeof completeTaskResult>;

/** What an administrative change (a deactivation, a customer reassignment) did to the open tasks it concerns. */
export const handOverSummarySchema = {
  type: 'object',
  description: 'Open tasks handed on through their workflows: to the supervisor or the new manager, else the step\'s role queue.',
  required: ['requested', 'handedOver', 'pending'],
  properties: {
    requested: { type: 'integer', minimum: 0, description: 'Open tasks that were personally theirs.' },
    handedOver: { type: 'integer', minimum: 0, description: 'Handed on already.' },
    pending: { type: 'integer', minimum: 0, description: 'Temporal could not take them now: the reconciler hands them on shortly.' },
  },
} as const;
export type HandOverSummary = FromSchema<typeof handOverSummarySchema>;

/** A process the caller was copied in on (抄送), newest first: the 抄送我的 tab. */
export const copiedInstanceSchema = {
  type: 'object',
  required: ['instanceId', 'processKey', 'title', 'status', 'currentStep', 'addedBy', 'addedAt'],
  properties: {
    instanceId: uuid,
    processKey: { type: 'string' },
    title: { type: 'string' },
    status: INSTANCE_STATUS,
    currentStep: { ...nullable({ type: 'string' }), description: 'i18n key of the step it waits at (null once it ended).' },
    addedBy: { ...userId, description: 'Who copied the caller in (the first time).' },
    addedAt: { ...dateTime, description: 'When the caller was first copied in.' },
  },
} as const;
export type CopiedInstance = FromSchema<typeof copiedInstanceSchema>;

export const copiedPageSchema = pageOf(copiedInstanceSchema, 'A page of the processes the caller was copied in on, most recent first.');
export type CopiedPage = FromSchema<typeof copiedPageSchema>;
