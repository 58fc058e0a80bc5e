/** The JSON the manager's day view of planned visits gives: the schema that documents (OpenAPI) and types (server and web) it. */
import type { FromSchema } from 'json-schema-to-ts';
import { VISIT_FREQUENCIES } from '../../domain/visitPlanRules.js';
import { dateTime, nullable, userId, uuid } from '../openapi/helpers.js';

export const plannedVisitItemSchema = {
  type: 'object',
  description: 'One planned visit still to make (差异化服务): its open visit task, completed with the visit record (form `service-visit`).',
  required: ['taskId', 'instanceId', 'customer', 'period', 'every', 'dueAt', 'overdue'],
  additionalProperties: false,
  properties: {
    taskId: { ...uuid, description: 'The visit task: `POST /api/tasks/{id}/complete` with the visit record.' },
    instanceId: { ...uuid, description: 'The manager\'s plan of the week.' },
    customer: {
      type: 'object', required: ['id', 'code', 'name', 'address', 'tier', 'routeOrder'], additionalProperties: false,
      properties: {
        id: { type: 'integer', minimum: 1 }, code: { type: 'string' }, name: { type: 'string' }, address: nullable({ type: 'string' }),
        tier: { type: 'integer', minimum: 1, maximum: 30 },
        routeOrder: { ...nullable({ type: 'integer', minimum: 1 }), description: '拜访线路顺序 (the customer master\'s route order); null: not set.' },
      },
    },
    period: { type: 'string', format: 'date', description: 'The Monday of the plan week.' },
    every: { type: 'string', enum: [...VISIT_FREQUENCIES], description: 'The customer\'s band: every `week`, `twoWeeks` or `month`.' },
    dueAt: dateTime,
    overdue: { type: 'boolean', description: 'Past its due time: still to be recorded (late) until it is closed as missed.' },
  },
} as const;
export type PlannedVisitItem = FromSchema<typeof plannedVisitItemSchema>;

export const visitDaySchema = {
  type: 'object',
  required: ['date', 'managerId', 'items', 'weekPlanned', 'weekDone'],
  additionalProperties: false,
  properties: {
    date: { type: 'string', format: 'date', description: 'Today, China date.' },
    managerId: userId,
    items: {
      type: 'array', items: plannedVisitItemSchema,
      description: 'Every planned visit the manager holds open, in visiting order: route order, then address, then customer code.',
    },
    weekPlanned: { type: 'integer', minimum: 0, description: 'Visits in the manager\'s plan of this week.' },
    weekDone: { type: 'integer', minimum: 0, description: 'Of them, recorded.' },
  },
} as const;
export type VisitDay = FromSchema<typeof visitDaySchema>;
