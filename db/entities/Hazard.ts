import { defineEntity, type InferEntity } from '@mikro-orm/core';

export const HAZARD_STATUSES = ['assessing', 'notice', 'sign_off', 'rectifying', 'verifying', 'closed', 'dismissed', 'cancelled'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

/** One reported hazard as the ledger (隐患台账) shows it; its process state lives in Temporal. */
export const HazardSchema = defineEntity({
  name: 'Hazard',
  tableName: 'hazards',
  properties: (p) => ({
    instanceId: p.uuid().primary(),
    /** YH + month of report + sequence, e.g. YH202611-0007. */
    code: p.string().length(20).unique(),
    reportedBy: p.integer(),
    reportedAt: p.datetime().onCreate(() => new Date()),
    place: p.string().length(200),
    category: p.string().length(20),
    description: p.text(),
    suspectedLevel: p.string().length(10),
    level: p.string().length(10).nullable(),
    status: p.enum([...HAZARD_STATUSES]).default('assessing'),
    assessedBy: p.integer().nullable(),
    assessedAt: p.datetime().nullable(),
    responsibleId: p.integer().nullable(),
    /** China date, YYYY-MM-DD. */
    deadline: p.date().nullable(),
    measures: p.text().nullable(),
    funds: p.decimal().nullable(),
    /** Rectification rounds so far (a failed verification starts another). */
    rounds: p.integer().default(0),
    rectifiedAt: p.datetime().nullable(),
    /** Days the (last) rectification report came after the deadline. */
    overdueDays: p.integer().default(0),
    escalatedAt: p.datetime().nullable(),
    verifiedBy: p.integer().nullable(),
    closedAt: p.datetime().nullable(),
    /** The last verification's comment, or why the report was dismissed. */
    result: p.text().nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});

export type Hazard = InferEntity<typeof HazardSchema>;
