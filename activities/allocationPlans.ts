import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';
import { appendAudit } from '../db/audit.js';
import {
  AllocationPartSchema, AllocationPlanSchema, ProcessInstanceSchema, type AllocationPlan, type PartStatus, type PlanProductTotal, type PlanStatus,
} from '../db/entities/index.js';
import { allocateProduct } from '../domain/allocationEngine.js';
import { MARKET_TYPES, type AllocationStrategy, type MarketType } from '../domain/allocationStrategies.js';
import { allocationMonthStart, tierCounts, tiersForMonth, type CustomerMonthTier } from './allocationTiers.js';

/** What a cycle asks the draft for. */
export interface DraftPlanInput {
  instanceId: string;
  /** `YYYY-MM` or `YYYY-MM-01`. */
  month: string;
  /** 投放上限: no customer gets more cartons of one product (null: none). */
  cap: number | null;
}

/** A customer manager's part of a drafted plan. */
export interface DraftedPart {
  managerId: number;
  /** Their supervisor, who approves the part; null: the dept head does. */
  supervisorId: number | null;
  customers: number;
}

/** A stored plan as its cycle needs it. */
export interface DraftedPlan {
  planId: number;
  month: string;
  version: number;
  parts: DraftedPart[];
  products: number;
  availability: number;
  drafted: number;
  /** Lines stored (customer × product with cartons > 0). */
  lines: number;
  /** Where the time went (0 when a retry found the plan already stored). */
  ms: { read: number; draft: number; store: number };
}

/**
 * The plan's lines, expanded in the database: each customer (id, tier, market) meets its tier's
 * quantity of every product. Sent are 30,000 customers and 150 × 30 × 2 quantities, not millions of
 * lines.
 */
const INSERT_LINES = (table: string) => `
insert into ${table} (plan_id, customer_id, product_id, quantity, drafted)
select ?::int, c.id, v.product_id, v.quantity, v.quantity
from unnest(?::int[], ?::int[], ?::text[]) as c(id, tier, market)
join jsonb_to_recordset(?::jsonb) as v(product_id int, tier int, market text, quantity int)
  on v.tier = c.tier and v.market = c.market
where v.quantity > 0`;

const MONTH_PRODUCTS = `
select p.id, p.code, p.name, p.price_class, a.cartons
from product_availability a join products p on p.id = a.product_id
where a.month = ?::date and p.active
order by p.code`;

const MANAGERS = `select id, supervisor_id from users where id in (select distinct manager_id from customers)`;

/** One PostgreSQL array literal, bound as text: MikroORM would inline a JS array as a list. */
const arrayLiteral = (values: readonly (number | string)[]): string => `{${values.join(',')}}`;

/**
 * Writes a plan's lines into a table of their own, then indexes it and attaches it as the plan's
 * partition of `allocation_lines` (see the migration): an index built in one sort instead of
 * millions of inserts into it. In the caller's transaction; returns the lines written.
 */
async function storeLines(em: EntityManager, planId: number, tiers: readonly CustomerMonthTier[],
  vectors: { productId: number; market: MarketType; quantities: readonly number[] }[]): Promise<number> {
  const table = `allocation_lines_p${planId}`;
  await em.execute(`create table ${table} (like allocation_lines including defaults including constraints)`);
  const quantities = vectors.flatMap((v) => v.quantities.map((quantity, t) => ({ product_id: v.productId, tier: t + 1, market: v.market, quantity })));
  const written = await em.execute(INSERT_LINES(table), [
    planId, arrayLiteral(tiers.map((c) => c.customerId)), arrayLiteral(tiers.map((c) => c.tier)), arrayLiteral(tiers.map((c) => c.marketType)),
    JSON.stringify(quantities),
  ], 'run');
  await em.execute(`set local maintenance_work_mem = '256MB'`);
  await em.execute(`alter table ${table} add primary key (plan_id, customer_id, product_id), add check (plan_id = ${planId})`);
  await em.execute(`alter table allocation_lines attach partition ${table} for values in (${planId})`);
  return (written as unknown as { affectedRows: number }).affectedRows;
}

/** The one vector the engine solves when the strategy does not split by market: both markets' counts added. */
function allCustomers(tiers: readonly CustomerMonthTier[]): number[] {
  const counts = tierCounts(tiers);
  return MARKET_TYPES.map((m) => counts[m]).reduce((a, b) => a.map((n, t) => n + b[t]!));
}

async function partsOf(em: EntityManager, planId: number): Promise<DraftedPart[]> {
  const parts = await em.find(AllocationPartSchema, { planId }, { orderBy: { managerId: 'asc' } });
  return parts.map((p) => ({ managerId: p.managerId, supervisorId: p.supervisorId ?? null, customers: p.customers }));
}

function summary(plan: AllocationPlan, parts: DraftedPart[], lines: number, ms: DraftedPlan['ms']): DraftedPlan {
  const totals = Object.values(plan.totals);
  return {
    planId: plan.id, month: plan.month.slice(0, 7), version: plan.version, parts, products: totals.length,
    availability: totals.reduce((s, t) => s + t.availability, 0), drafted: totals.reduce((s, t) => s + t.drafted, 0), lines, ms,
  };
}

/**
 * Drafts and stores a month's plan in one transaction: every customer's tier of that month, every
 * active product's availability, the exact engine per product (by tier, the default profile, the
 * configured cap), the lines (set-based, a chunk per INSERT), each manager's part. Idempotent: a
 * retry finds the plan of this instance.
 */
export async function draftPlan(orm: MikroORM, input: DraftPlanInput): Promise<DraftedPlan> {
  const month = allocationMonthStart(input.month);
  const existing = await orm.em.fork().findOne(AllocationPlanSchema, { instanceId: input.instanceId });
  if (existing) {
    const em = orm.em.fork();
    const [{ n }] = await em.execute<[{ n: string }]>('select count(*) as n from allocation_lines where plan_id = ?', [existing.id]);
    return summary(existing, await partsOf(em, existing.id), Number(n), { read: 0, draft: 0, store: 0 });
  }
  return orm.em.fork().transactional(async (tx) => {
    const t0 = performance.now();
    // Versions of one month are numbered in order, whatever else runs.
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`allocation:${month}`]);
    const [{ v }] = await tx.execute<[{ v: number | null }]>('select max(version) as v from allocation_plans where month = ?::date', [month]);
    const tiers = await tiersForMonth(tx, month);
    const products = await tx.execute<{ id: number; code: string; name: string; price_class: number; cartons: number }[]>(MONTH_PRODUCTS, [month]);
    const managers = await tx.execute<{ id: number; supervisor_id: number | null }[]>(MANAGERS);
    const t1 = performance.now();

    const strategy: AllocationStrategy = input.cap === null ? {} : { cap: input.cap };
    const plan = tx.create(AllocationPlanSchema, {
      month, version: (v ?? 0) + 1, status: 'draft', instanceId: input.instanceId,
      strategy: { by: 'tier', profile: 'linear', cap: input.cap }, totals: {},
    });
    await tx.flush();

    const counts = allCustomers(tiers);
    const totals: Record<string, PlanProductTotal> = {};
    const vectors: { productId: number; market: MarketType; quantities: readonly number[] }[] = [];
    const started = performance.now();
    for (const product of products) {
      const allocation = allocateProduct({ availability: product.cartons, customers: counts, strategy });
      // By tier alone: one vector, the same for both markets.
      const quantities = allocation.vectors[0]!.quantities;
      for (const market of MARKET_TYPES) vectors.push({ productId: product.id, market, quantities });
      totals[product.id] = { code: product.code, name: product.name, availability: product.cartons, drafted: allocation.total, tiers: quantities };
    }
    const draftMs = performance.now() - started;
    const lines = await storeLines(tx, plan.id, tiers, vectors);
    plan.totals = totals;

    const byManager = new Map<number, number>();
    for (const c of tiers) byManager.set(c.managerId, (byManager.get(c.managerId) ?? 0) + 1);
    const supervisorOf = new Map(managers.map((m) => [Number(m.id), m.supervisor_id === null ? null : Number(m.supervisor_id)]));
    const parts = [...byManager.entries()].sort(([a], [b]) => a - b)
      .map(([managerId, n]) => ({ managerId, supervisorId: supervisorOf.get(managerId) ?? null, customers: n }));
    for (const part of parts) tx.create(AllocationPartSchema, { planId: plan.id, ...part, status: 'reviewing' });
    const instance = await tx.findOneOrFail(ProcessInstanceSchema, { id: input.instanceId });
    instance.summary = { ...instance.summary, planId: plan.id, version: plan.version, planStatus: 'draft' };
    appendAudit(tx, {
      type: 'allocation.drafted', instanceId: input.instanceId,
      data: { planId: plan.id, month, version: plan.version, products: products.length, customers: tiers.length, lines },
    });
    await tx.flush();
    const t2 = performance.now();
    return summary(plan, parts, lines, { read: Math.round(t1 - t0), draft: Math.round(draftMs), store: Math.round(t2 - t1 - draftMs) });
  });
}

/** A manager's submitted adjustments, validated by the API against their own lines (see allocationReview). */
export interface AdjustmentInput {
  planId: number;
  managerId: number;
  adjustments: { customerId: number; productCode: string; quantity: number }[];
}

const RESET_PART = `
update allocation_lines l set quantity = l.drafted
from customers c where l.plan_id = ? and c.id = l.customer_id and c.manager_id = ? and l.quantity <> l.drafted`;

const APPLY_ADJUSTMENTS = `
update allocation_lines l set quantity = a.quantity
from jsonb_to_recordset(?::jsonb) as a(customer_id int, product_code text, quantity int)
join products p on p.code = a.product_code
join customers c on c.id = a.customer_id and c.manager_id = ?
where l.plan_id = ? and l.customer_id = a.customer_id and l.product_id = p.id`;

/** Statuses a plan may still be changed in. */
const EDITABLE: readonly PlanStatus[] = ['draft', 'reviewing'];

/** Keeps a plan and its managers' parts in step with the cycle; idempotent under retries. */
export function createAllocationActivities(orm: MikroORM) {
  return {
    /** Drafts and stores the month's plan (see {@link draftPlan}). */
    draftPlan: (input: DraftPlanInput) => draftPlan(orm, input),

    /**
     * A manager's submission: their lines go back to the draft and the submission's adjustments are
     * applied (a submission is the whole set: a returned part is resubmitted with what stays). Only
     * their own customers' lines can change. A plan no longer under review refuses (non-retryable).
     */
    async applyAdjustments(input: AdjustmentInput): Promise<{ changed: number }> {
      return orm.em.fork().transactional(async (tx) => {
        const plan = await tx.findOneOrFail(AllocationPlanSchema, { id: input.planId });
        if (!EDITABLE.includes(plan.status)) throw ApplicationFailure.nonRetryable(`plan ${plan.id} is ${plan.status}`, 'PlanReadOnly');
        await tx.execute(RESET_PART, [input.planId, input.managerId]);
        const rows = input.adjustments.map((a) => ({ customer_id: a.customerId, product_code: a.productCode, quantity: a.quantity }));
        if (rows.length) await tx.execute(APPLY_ADJUSTMENTS, [JSON.stringify(rows), input.managerId, input.planId]);
        const [{ n }] = await tx.execute<[{ n: string }]>(
          `select count(*) as n from allocation_lines l join customers c on c.id = l.customer_id
           where l.plan_id = ? and c.manager_id = ? and l.quantity <> l.drafted`, [input.planId, input.managerId]);
        const part = await tx.findOneOrFail(AllocationPartSchema, { planId: input.planId, managerId: input.managerId });
        part.adjustments = Number(n);
        return { changed: Number(n) };
      });
    },

    /** A part's review state: submitted, approved or returned (the next round), with who decided. */
    async recordPartStep(input: { planId: number; managerId: number; status: PartStatus; round: number; decidedBy?: number; comment?: string }): Promise<void> {
      const em = orm.em.fork();
      const part = await em.findOneOrFail(AllocationPartSchema, { planId: input.planId, managerId: input.managerId });
      part.status = input.status;
      part.round = input.round;
      if (input.status === 'submitted') part.submittedAt = new Date();
      if (input.decidedBy !== undefined) {
        part.decidedBy = input.decidedBy;
        part.decidedAt = new Date();
        part.comment = input.comment ?? null;
      }
      await em.flush();
    },

    /** The plan's status; `published` also supersedes the month's earlier published version and makes this one read-only. */
    async recordPlanStatus(input: { planId: number; instanceId: string; status: PlanStatus; actorId?: number }): Promise<void> {
      await orm.em.fork().transactional(async (tx) => {
        const plan = await tx.findOneOrFail(AllocationPlanSchema, { id: input.planId });
        if (plan.status === input.status) return;
        if (input.status === 'published') {
          await tx.nativeUpdate(AllocationPlanSchema, { month: plan.month, status: 'published', id: { $ne: plan.id } }, { status: 'superseded' });
          plan.publishedAt = new Date();
          plan.publishedBy = input.actorId ?? null;
        }
        plan.status = input.status;
        const instance = await tx.findOneOrFail(ProcessInstanceSchema, { id: input.instanceId });
        instance.summary = { ...instance.summary, planStatus: input.status };
        appendAudit(tx, { type: `allocation.${input.status}`, actorId: input.actorId ?? null, instanceId: input.instanceId, data: { planId: plan.id } });
      });
    },
  };
}

export type AllocationActivities = ReturnType<typeof createAllocationActivities>;
