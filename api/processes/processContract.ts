/** The JSON the process and instance routes take and give: schemas that validate (Ajv), document (OpenAPI) and type (server and web) it. */
import type { FromSchema } from 'json-schema-to-ts';
import { message, REQUEST_ID } from '../http/sharedContract.js';
import { dateTime, localizedText, nullable, userId, uuid } from '../openapi/helpers.js';
import { taskSchema } from '../tasks/taskContract.js';
import { INSTANCE_STATUS } from './instanceStatus.js';

export const startInstanceBody = {
  type: 'object',
  required: ['data', 'requestId'],
  properties: {
    data: {
      type: 'object',
      description: 'The data of the process\'s start form (its `formKey` in `GET /api/processes`), e.g. `RegradeProposal` for `regrade`, '
        + '`LearningRecordForm` for `learning-record`; validated against that form.',
    },
    requestId: REQUEST_ID,
  },
} as const;
export type StartInstanceBody = FromSchema<typeof startInstanceBody>;

export const withdrawBody = {
  type: 'object',
  required: ['requestId'],
  properties: { requestId: REQUEST_ID, reason: { type: 'string', maxLength: 500 } },
} as const;
export type WithdrawBody = FromSchema<typeof withdrawBody>;

export const processEntry = {
  type: 'object', required: ['key', 'title', 'formKey'],
  properties: {
    key: { type: 'string', examples: ['regrade'] },
    title: localizedText,
    formKey: { type: 'string', description: 'The form whose data starts it (a `FormKey`).' },
  },
} as const;
export type ProcessEntry = FromSchema<typeof processEntry>;

export const instanceSchema = {
  type: 'object',
  required: [
    'id', 'workflowId', 'processKey', 'businessKey', 'title', 'status', 'currentStep', 'startedBy', 'summary', 'startedAt', 'updatedAt', 'endedAt',
  ],
  properties: {
    id: { ...uuid, description: 'Also the Temporal workflow id.' },
    workflowId: { type: 'string', description: 'The Temporal workflow id (today the same as `id`).' },
    processKey: { type: 'string', examples: ['regrade'] },
    businessKey: { type: 'string', description: 'What the run is about; one running instance per key.', examples: ['customer:17'] },
    title: { type: 'string', examples: ['某某便利店 D12 → D14'] },
    status: INSTANCE_STATUS,
    currentStep: nullable({ type: 'string' }),
    startedBy: userId,
    summary: {
      type: 'object',
      description: 'Small summary for lists; for regrade `{customerId, customerName, fromTier, proposedTier}`, '
        + 'then `{toTier, effectiveFrom?}` when it ends.',
    },
    startedAt: dateTime,
    updatedAt: dateTime,
    endedAt: nullable(dateTime),
  },
} as const;
export type Instance = FromSchema<typeof instanceSchema>;

export const formRecordSchema = {
  type: 'object',
  required: ['id', 'formKey', 'formVersion', 'data', 'taskId', 'createdBy', 'createdAt'],
  properties: {
    id: uuid,
    formKey: { type: 'string', description: 'A `FormKey`.' },
    formVersion: { type: 'integer' },
    data: { type: 'object', description: 'The submitted form data as stored.' },
    taskId: nullable(uuid),
    createdBy: userId,
    createdAt: dateTime,
  },
} as const;
export type FormRecord = FromSchema<typeof formRecordSchema>;

export const timelineEventSchema = {
  type: 'object',
  required: ['at', 'type', 'actorId', 'taskId', 'data'],
  properties: {
    at: dateTime,
    type: { type: 'string', examples: ['instance.started', 'task.claimed', 'task.unclaimed'] },
    actorId: { ...nullable(userId), description: 'Null for the system (timers, escalations).' },
    taskId: nullable(uuid),
    data: { type: 'object' },
  },
} as const;
export type TimelineEvent = FromSchema<typeof timelineEventSchema>;

export const instanceDetailSchema = {
  allOf: [
    instanceSchema,
    {
      type: 'object',
      required: ['tasks', 'records', 'timeline'],
      properties: {
        tasks: { type: 'array', items: taskSchema, description: 'Oldest first.' },
        records: { type: 'array', items: formRecordSchema, description: 'Oldest first.' },
        timeline: { type: 'array', items: timelineEventSchema, description: 'Audit events in order.' },
      },
    },
  ],
} as const;
export type InstanceDetail = FromSchema<typeof instanceDetailSchema>;

export const chaseBody = {
  type: 'object',
  required: ['requestId'],
  properties: {
    requestId: REQUEST_ID,
    comment: { type: 'string', maxLength: 500, description: 'The starter\'s words, kept in the notification and the timeline.', ...message('chaseComment') },
  },
} as const;
export type ChaseBody = FromSchema<typeof chaseBody>;

export const chaseResultSchema = {
  type: 'object',
  required: ['chased', 'nextAt'],
  properties: {
    chased: {
      type: 'array',
      description: 'The open tasks chased: each step and who was told.',
      items: {
        type: 'object', required: ['taskId', 'step', 'userIds'],
        properties: { taskId: uuid, step: { type: 'string', description: 'i18n key of the step.' }, userIds: { type: 'array', items: userId } },
      },
    },
    nextAt: { ...dateTime, description: 'When these tasks may be chased again (an hour after this chase).' },
  },
} as const;
export type ChaseResult = FromSchema<typeof chaseResultSchema>;
