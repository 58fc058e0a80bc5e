import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { VISIT_FREQUENCIES } from '../../domain/visitPlanRules.js';

/** `open`: to be visited; `done`: the visit record is in; `missed`: closed unrecorded after its grace; `cancelled`: its plan ended otherwise. */
export const PLANNED_VISIT_STATUSES = ['open', 'done', 'missed', 'cancelled'] as const;
export type PlannedVisitStatus = (typeof PLANNED_VISIT_STATUSES)[number];

/**
 * One planned visit (差异化服务): a customer due in a plan week by their tier band, as its plan's workflow
 * recorded it. One per week and customer; the task is the plan instance's step `visit-<customerId>`.
 */
export const PlannedVisitSchema = defineEntity({
  name: 'PlannedVisit',
  tableName: 'planned_visits',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    /** The Monday (China date) of the plan week. */
    periodStart: p.date(),
    customerId: p.integer(),
    /** The customer's manager when the plan was made: the one who visits. */
    managerId: p.integer(),
    /** The manager's plan of that week (process `visit-plan`). */
    instanceId: p.uuid().index(),
    tier: p.smallint(),
    every: p.enum([...VISIT_FREQUENCIES]),
    dueAt: p.datetime(),
    remindAt: p.datetime().nullable(),
    /** Still recordable (late) until this; then closed as missed. */
    closeAt: p.datetime(),
    status: p.enum([...PLANNED_VISIT_STATUSES]).default('open'),
    /** When its due time passed without a visit record (the task escalated). */
    overdueAt: p.datetime().nullable(),
    doneAt: p.datetime().nullable(),
    recordId: p.uuid().nullable(),
    /** Minutes the record came after the due time (0: on time); null until done. */
    lateMinutes: p.integer().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});

export type PlannedVisit = InferEntity<typeof PlannedVisitSchema>;
