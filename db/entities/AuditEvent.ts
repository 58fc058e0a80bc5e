import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** Append-only: the migration installs a trigger that refuses UPDATE and DELETE. */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_log',
  properties: (p) => ({
    id: p.bigint('number').primary().autoincrement(),
    at: p.datetime().onCreate(() => new Date()),
    /** Null for the system (timers, escalations). */
    actorId: p.integer().nullable(),
    instanceId: p.uuid().nullable().index(),
    taskId: p.uuid().nullable(),
    type: p.string().length(60),
    data: p.json<Record<string, unknown>>(),
  }),
});

export type AuditEvent = InferEntity<typeof AuditEventSchema>;
