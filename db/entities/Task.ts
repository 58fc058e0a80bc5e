import { defineEntity, type InferEntity } from '@mikro-orm/core';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A human step of a workflow: what the inbox shows. Written only by activities. */
export const TaskSchema = defineEntity({
  name: 'Task',
  tableName: 'tasks',
  properties: (p) => ({
    id: p.uuid().primary(),
    instanceId: p.uuid(),
    processKey: p.string().length(40),
    /** Unique per instance; repeated steps (after a send-back) carry a round suffix, e.g. `review#2`. */
    stepKey: p.string().length(100),
    /** i18n key of the step name, e.g. `regrade.review`. */
    name: p.string().length(100),
    formKey: p.string().length(60),
    formVersion: p.integer(),
    assigneeId: p.integer().nullable(),
    candidateRoles: p.array<string>().$type<string[]>(),
    /** Users who may never act on this task (e.g. the proposer of what is being decided). */
    excludedUserIds: p.array<number>((v) => Number(v), (v) => String(v)).$type<number[]>(),
    claimedBy: p.integer().nullable(),
    status: p.enum([...TASK_STATUSES]).default('open'),
    outcome: p.string().length(40).nullable(),
    allowedOutcomes: p.array<string>().$type<string[]>(),
    /** Approval actions the step allows (transfer, addSigner, cc). */
    actions: p.array<string>().$type<string[]>().default([]),
    priority: p.smallint().default(0),
    prefill: p.json<Record<string, unknown>>().nullable(),
    /** Top-level fields the submission may not change; the API refuses other values (422). */
    fixedData: p.json<Record<string, unknown>>().nullable(),
    /** What the inbox shows beside the name (customer, tiers, proposer). */
    context: p.json<Record<string, unknown>>(),
    dueAt: p.datetime().nullable(),
    remindedAt: p.datetime().nullable(),
    escalatedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    completedAt: p.datetime().nullable(),
    completedBy: p.integer().nullable(),
  }),
});

export type Task = InferEntity<typeof TaskSchema>;
