/** The JSON the audit-log route gives: documented in OpenAPI, typed for server and web. */
import type { FromSchema } from 'json-schema-to-ts';
import { dateTime, nullable, pageOf, userId, uuid } from '../openapi/helpers.js';

export const auditEventSchema = {
  type: 'object',
  required: ['id', 'at', 'type', 'actorId', 'actorName', 'instanceId', 'taskId', 'data'],
  properties: {
    id: { type: 'integer', minimum: 1 },
    at: dateTime,
    type: { type: 'string', description: 'What happened, e.g. `task.completed`, `user.updated`, `customers.imported`.', examples: ['user.updated'] },
    actorId: { ...nullable(userId), description: 'Who did it; null: the system (a timer, an escalation, the reconciler).' },
    actorName: { type: ['string', 'null'] },
    instanceId: nullable(uuid),
    taskId: nullable(uuid),
    data: { type: 'object', description: 'What the event records (before/after of a change, the counts of an import…).' },
  },
} as const;
export type AuditEntry = FromSchema<typeof auditEventSchema>;

export const auditPageSchema = pageOf(auditEventSchema);
export type AuditPage = FromSchema<typeof auditPageSchema>;
