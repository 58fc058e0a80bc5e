import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** `starting`: written, its workflow not yet known to Temporal (activities/instanceStarts.ts resolves it). */
export const INSTANCE_STATUSES = ['starting', 'running', 'completed', 'rejected', 'cancelled', 'failed'] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];
/** Statuses of an instance that has not ended: its business key is taken. */
export const OPEN_INSTANCE_STATUSES = ['starting', 'running'] as const satisfies readonly InstanceStatus[];

/**
 * Queryable projection of one process run. The process state itself lives in Temporal
 * (workflow id = this id); activities keep this row in step.
 */
export const ProcessInstanceSchema = defineEntity({
  name: 'ProcessInstance',
  tableName: 'process_instances',
  properties: (p) => ({
    id: p.uuid().primary(),
    processKey: p.string().length(40),
    /** What the run is about, e.g. `customer:17`; one open (starting or running) instance per key (partial unique index). */
    businessKey: p.string().length(100),
    title: p.string().length(300),
    status: p.enum([...INSTANCE_STATUSES]).default('running'),
    currentStep: p.string().length(100).nullable(),
    startedBy: p.integer(),
    /** Client requestId of the start call: a repeated start returns the same instance. */
    startRequestId: p.string().length(100),
    /**
     * The workflow that starts this instance's workflow as its child (a week's visit plans, the Schedule's monthly
     * cycle): while it runs, a `starting` row is its to start, whatever the grace; null: the API starts it.
     */
    parentWorkflowId: p.text().nullable(),
    /** Small summary for lists (customer name, tiers, ...). */
    summary: p.json<Record<string, unknown>>(),
    startedAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    endedAt: p.datetime().nullable(),
  }),
});

export type ProcessInstance = InferEntity<typeof ProcessInstanceSchema>;
