import { defineEntity, type InferEntity } from '@mikro-orm/core';

export const PLAN_STATUSES = ['draft', 'reviewing', 'approved', 'published', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** One product's figures in a plan's `totals`, keyed by product id. */
export interface PlanProductTotal {
  code: string;
  name: string;
  availability: number;
  /** Cartons the engine drafted (Σ over customers). */
  drafted: number;
  /** The engine's cartons per customer of each tier, D1 first (per market when split). */
  tiers: number[];
}

/** The closing summary of a month's cycle. */
export interface AllocationMonthSummary {
  closedAt: string;
  products: { productId: number; code: string; name: string; availability: number; planned: number }[];
  /** Lines changed from the draft, and the over-cap lines the supervisors cut back to the cap. */
  adjustments: number;
  overCapRejected: number;
  bigCustomers: number;
  surgeFlags: number;
  /** Market reports by due time (the end of the month's last working day). */
  reports: { due: string; total: number; onTime: number; late: number; missing: number };
}

/**
 * One version of a month's allocation plan (月度货源投放方案). Its lines live in `allocation_lines`
 * (raw SQL: millions of rows); a published plan is read-only, and publishing again makes a new
 * version that supersedes it.
 */
export const AllocationPlanSchema = defineEntity({
  name: 'AllocationPlan',
  tableName: 'allocation_plans',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    /** First day of the month, YYYY-MM-01. */
    month: p.date(),
    version: p.integer(),
    status: p.enum([...PLAN_STATUSES]).default('draft'),
    /** The cycle that drafted it; unique, so a retried draft finds its plan. */
    instanceId: p.uuid().unique(),
    /** What the engine was told (cap, profile name). */
    strategy: p.json<Record<string, unknown>>(),
    /** Per product id: {@link PlanProductTotal}. */
    totals: p.json<Record<string, PlanProductTotal>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    publishedAt: p.datetime().nullable(),
    publishedBy: p.integer().nullable(),
    /** What the cycle closed with at month end (null while it runs): {@link AllocationMonthSummary}. */
    summary: p.json<AllocationMonthSummary>().nullable(),
  }),
});

export type AllocationPlan = InferEntity<typeof AllocationPlanSchema>;

export const PART_STATUSES = ['reviewing', 'submitted', 'approved', 'returned'] as const;
export type PartStatus = (typeof PART_STATUSES)[number];

/** A customer manager's part of a plan: their review, and their supervisor's decision on it. */
export const AllocationPartSchema = defineEntity({
  name: 'AllocationPart',
  tableName: 'allocation_parts',
  properties: (p) => ({
    planId: p.integer().primary(),
    managerId: p.integer().primary(),
    /** Who approves the part; null: the dept head (no supervisor). */
    supervisorId: p.integer().nullable(),
    customers: p.integer(),
    status: p.enum([...PART_STATUSES]).default('reviewing'),
    round: p.integer().default(1),
    /** Lines changed from the draft in the latest submission. */
    adjustments: p.integer().default(0),
    submittedAt: p.datetime().nullable(),
    decidedBy: p.integer().nullable(),
    decidedAt: p.datetime().nullable(),
    comment: p.text().nullable(),
  }),
});

export type AllocationPart = InferEntity<typeof AllocationPartSchema>;
