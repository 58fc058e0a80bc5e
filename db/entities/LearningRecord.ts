import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** `withdrawn`: the submitter took it back before it was acknowledged; it no longer counts. */
export const LEARNING_STATUSES = ['submitted', 'acknowledged', 'withdrawn'] as const;
export type LearningStatus = (typeof LEARNING_STATUSES)[number];

/**
 * One learning record (学习记录) as the per-person yearly list reads it; the full record (content,
 * certificates) is the instance's form record. Activities keep the status in step with the workflow.
 */
export const LearningRecordSchema = defineEntity({
  name: 'LearningRecord',
  tableName: 'learning_records',
  properties: (p) => ({
    instanceId: p.uuid().primary(),
    userId: p.integer(),
    /** The year of `date`, which the list is by. */
    year: p.integer(),
    title: p.string().length(200),
    kind: p.string().length(20),
    /** China date, YYYY-MM-DD. */
    date: p.date(),
    /** Exact decimal (a string, as PostgreSQL's numeric comes back). */
    hours: p.decimal(),
    status: p.enum([...LEARNING_STATUSES]).default('submitted'),
    acknowledgedBy: p.integer().nullable(),
    acknowledgedAt: p.datetime().nullable(),
    submittedAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});

export type LearningRecordRow = InferEntity<typeof LearningRecordSchema>;
