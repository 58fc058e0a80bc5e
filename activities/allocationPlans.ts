import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';
import { appendAudit } from '../db/audit.js';
import {
  AllocationPartSchema, AllocationPlanSchema, ProcessInstanceSchema, type AllocationPlan, type PartStatus, type PlanProductTotal, type PlanStatus,
} from '../db/entities/index.js';
import type { ProductAllocation } from '../domain/allocationEngine.js';
import { MARKET_TYPES, type MarketType } from '../domain/allocationStrategies.js';
import {
  customersServed, defaultStrategy, describeStrategy, draftProductStrategy, strategyIssues,
  type MonthCustomer, type ProductStrategy, type StrategyDraftInput, type StrategyIssue,
} from '../domain/allocationStrategyRules.js';
import { allocationMonthStart, tierCounts, tiersForMonth, type CustomerMonthTier } from './allocationTiers.js';
import { markStarted } from './instanceStarts.js';

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
with fixed as materialized (select * from jsonb_to_recordset(?::jsonb) as f(customer_id int, product_id int, quantity int))
insert into ${table} (plan_id, customer_id, product_id, quantity, drafted)
select ?::int, c.id, v.product_id, v.quantity, v.quantity
from unnest(?::int[], ?::int[], ?::text[]) as c(id, tier, market)
join jsonb_to_recordset(?::jsonb) as v(product_id int, tier int, market text, quantity int)
  on v.tier = c.tier and v.market = c.market
where v.quantity > 0 and not exists (select 1 from fixed f where f.customer_id = c.id and f.product_id = v.product_id)
union all
select ?::int, f.customer_id, f.product_id, f.quantity, f.quantity from fixed f where f.quantity > 0`;

const MONTH_PRODUCTS = `
select p.id, p.code, p.name, p.price_class, a.cartons
from product_availability a join products p on p.id = a.product_id
where a.month = ?::date and p.active
order by p.code`;

/** A product as a month allocates it. */
export interface MonthProduct {
  id: number;
  code: string;
  name: string;
  price_class: number;
  cartons: number;
}

/** The month's active products with an availability, by code. */
export async function monthProducts(em: EntityManager, month: string): Promise<MonthProduct[]> {
  const rows = await em.execute<MonthProduct[]>(MONTH_PRODUCTS, [allocationMonthStart(month)]);
  return rows.map((r) => ({ ...r, id: Number(r.id), price_class: Number(r.price_class), cartons: Number(r.cartons) }));
}

/** Where a product's strategy for a month came from. */
export type StrategySource = 'saved' | 'copied' | 'default';

/** A product's strategy for a month, and where it came from (`from`: the month it was saved for). */
export interface ResolvedStrategy {
  strategy: ProductStrategy;
  source: StrategySource;
  from: string | null;
  updatedAt: string | null;
}

/*
 * Per product, the strategy saved for the month or, failing that, for the latest earlier month:
 * last month's choices carry forward until the dept head changes them.
 */
const LATEST_STRATEGIES = `
select distinct on (product_id) product_id, to_char(month, 'YYYY-MM') as month, strategy, updated_at
from allocation_strategies where month <= ?::date and product_id = any(?::int[])
order by product_id, month desc`;

/** A stored strategy document with every field there (rows written before a field existed get the default's). */
export function storedStrategy(raw: unknown, priceClass: number): ProductStrategy {
  const base = defaultStrategy(priceClass);
  const doc = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<ProductStrategy>;
  return { ...base, ...doc, fixed: Array.isArray(doc.fixed) ? doc.fixed : [] };
}

/** Each product's strategy for `month`: saved for it, copied from the latest earlier month, or its price class's default. */
export async function resolveStrategies(em: EntityManager, month: string, products: readonly { id: number; price_class: number }[]): Promise<Map<number, ResolvedStrategy>> {
  const start = allocationMonthStart(month);
  const rows = products.length === 0 ? [] : await em.execute<{ product_id: number; month: string; strategy: unknown; updated_at: Date | string }[]>(
    LATEST_STRATEGIES, [start, `{${products.map((p) => p.id).join(',')}}`]);
  const byProduct = new Map(rows.map((r) => [Number(r.product_id), r]));
  return new Map(products.map((p): [number, ResolvedStrategy] => {
    const row = byProduct.get(p.id);
    if (!row) return [p.id, { strategy: defaultStrategy(p.price_class), source: 'default', from: null, updatedAt: null }];
    return [p.id, {
      strategy: storedStrategy(row.strategy, p.price_class), source: row.month === start.slice(0, 7) ? 'saved' : 'copied', from: row.month,
      updatedAt: new Date(row.updated_at).toISOString(),
    }];
  }));
}

/** The customers of a month as one product's draft needs them: counts per tier and market, each customer's tier and market by id. */
export interface MonthCustomers {
  tiers: readonly CustomerMonthTier[];
  counts: Record<MarketType, number[]>;
  byId: Map<number, MonthCustomer>;
}

export function monthCustomers(tiers: readonly CustomerMonthTier[]): MonthCustomers {
  return { tiers, counts: tierCounts(tiers), byId: new Map(tiers.map((c) => [c.customerId, { tier: c.tier, marketType: c.marketType }])) };
}

/** One product drafted under a strategy: the engine's answer, or the strategy's problems (nothing drafted). */
export type ProductDraft = { allocation: ProductAllocation; issues: [] } | { allocation: null; issues: StrategyIssue[] };

/**
 * Drafts one product under `strategy` for the month's customers: the one path the cycle's draft, the
 * re-draft and the preview all take, so their numbers are the same.
 */
export function draftProduct(strategy: ProductStrategy, product: MonthProduct, customers: MonthCustomers, cycleCap: number | null): ProductDraft {
  const known = new Set(strategy.fixed.map((f) => f.customerId).filter((id) => customers.byId.has(id)));
  const issues = strategyIssues(strategy, product.cartons, cycleCap, known);
  if (issues.length) return { allocation: null, issues };
  const input: StrategyDraftInput = {
    availability: product.cartons, priceClass: product.price_class, counts: customers.counts, named: customers.byId, cycleCap,
  };
  return { allocation: draftProductStrategy(strategy, input), issues: [] };
}

/** A product's line in a plan's totals, with the strategy that drafted it (issue 18). */
export interface StrategyPlanTotal extends PlanProductTotal {
  /** Per market when the strategy splits by market (`tiers` then holds 城网's 30 and 农网's 30). */
  markets?: Record<MarketType, number[]>;
  fixedTotal: number;
  customersServed: number;
  strategy: ProductStrategy;
  strategySource: StrategySource;
  /** zh-CN and English one-liners of the strategy. */
  strategyText: { 'zh-CN': string; en: string };
  /** Set when the saved strategy could not be used this month (the default drafted instead): its problems. */
  strategyIssues?: StrategyIssue[];
}

type LineVector = { productId: number; market: MarketType; quantities: readonly number[] };
type FixedLine = { customer_id: number; product_id: number; quantity: number };

/**
 * One product's draft as a plan stores it: its vectors (both markets, the same one when not split),
 * its named customers' lines and its totals entry. A saved strategy this month's data refuses
 * (e.g. fixed quantities above a lowered availability) falls back to the class's default, noted.
 */
function productPlan(product: MonthProduct, resolved: ResolvedStrategy, customers: MonthCustomers, cycleCap: number | null) {
  let strategy = resolved.strategy;
  let source = resolved.source;
  let draft = draftProduct(strategy, product, customers, cycleCap);
  let refused: StrategyIssue[] | undefined;
  if (!draft.allocation) {
    refused = draft.issues;
    strategy = defaultStrategy(product.price_class);
    source = 'default';
    draft = draftProduct(strategy, product, customers, cycleCap);
  }
  const allocation = draft.allocation!;
  const vectors: LineVector[] = [];
  const byMarket = new Map(allocation.vectors.map((v) => [v.market, v.quantities]));
  for (const market of MARKET_TYPES) vectors.push({ productId: product.id, market, quantities: byMarket.get(market) ?? allocation.vectors[0]!.quantities });
  const fixed: FixedLine[] = allocation.fixed.map((f) => ({ customer_id: Number(f.customerId), product_id: product.id, quantity: f.quantity }));
  const split = allocation.vectors.length > 1;
  const total: StrategyPlanTotal = {
    // Split by market: 城网's 30 then 农网's 30, as the overview reads them.
    code: product.code, name: product.name, availability: product.cartons, drafted: allocation.total,
    tiers: split ? [...vectors[0]!.quantities, ...vectors[1]!.quantities] : vectors[0]!.quantities as number[],
    ...(split ? { markets: { urban: vectors[0]!.quantities as number[], rural: vectors[1]!.quantities as number[] } } : {}),
    fixedTotal: allocation.fixedTotal, customersServed: customersServed(allocation),
    strategy, strategySource: source, strategyText: { 'zh-CN': describeStrategy(strategy, 'zh-CN'), en: describeStrategy(strategy, 'en') },
    ...(refused ? { strategyIssues: refused } : {}),
  };
  return { vectors, fixed, total };
}

const MANAGERS = `select id, supervisor_id from users where id in (select distinct manager_id from customers)`;

/** One PostgreSQL array literal, bound as text: MikroORM would inline a JS array as a list. */
const arrayLiteral = (values: readonly (number | string)[]): string => `{${values.join(',')}}`;

/**
 * Writes a plan's lines into a table of their own, then indexes it and attaches it as the plan's
 * partition of `allocation_lines` (see the migration): an index built in one sort instead of
 * millions of inserts into it. In the caller's transaction; returns the lines written.
 */
async function storeLines(em: EntityManager, planId: number, tiers: readonly CustomerMonthTier[], vectors: LineVector[], fixed: FixedLine[]): Promise<number> {
  const table = `allocation_lines_p${planId}`;
  await em.execute(`create table ${table} (like allocation_lines including defaults including constraints)`);
  const written = await insertLines(em, table, planId, tiers, vectors, fixed);
  await em.execute(`set local maintenance_work_mem = '256MB'`);
  await em.execute(`alter table ${table} add primary key (plan_id, customer_id, product_id), add check (plan_id = ${planId})`);
  await em.execute(`alter table allocation_lines attach partition ${table} for values in (${planId})`);
  return written;
}

/** Writes lines into `table` (a plan's own table, or `allocation_lines` itself): the vectors by tier and market, the named customers' own. */
async function insertLines(em: EntityManager, table: string, planId: number, tiers: readonly CustomerMonthTier[], vectors: LineVector[], fixed: FixedLine[]): Promise<number> {
  const quantities = vectors.flatMap((v) => v.quantities.map((quantity, t) => ({ product_id: v.productId, tier: t + 1, market: v.market, quantity })));
  const written = await em.execute(INSERT_LINES(table), [
    JSON.stringify(fixed), planId, arrayLiteral(tiers.map((c) => c.customerId)), arrayLiteral(tiers.map((c) => c.tier)), arrayLiteral(tiers.map((c) => c.marketType)),
    JSON.stringify(quantities), planId,
  ], 'run');
  return (written as unknown as { affectedRows: number }).affectedRows;
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
    const products = await monthProducts(tx, month);
    const strategies = await resolveStrategies(tx, month, products);
    const managers = await tx.execute<{ id: number; supervisor_id: number | null }[]>(MANAGERS);
    const t1 = performance.now();

    // Each product by its own strategy (the month's, else the last saved, else its class's default); the cycle's cap where it sets none.
    const plan = tx.create(AllocationPlanSchema, {
      month, version: (v ?? 0) + 1, status: 'draft', instanceId: input.instanceId,
      strategy: { by: 'product', cap: input.cap }, totals: {},
    });
    await tx.flush();

    const customers = monthCustomers(tiers);
    const totals: Record<string, StrategyPlanTotal> = {};
    const vectors: LineVector[] = [];
    const fixed: FixedLine[] = [];
    const started = performance.now();
    for (const product of products) {
      const drafted = productPlan(product, strategies.get(product.id)!, customers, input.cap);
      vectors.push(...drafted.vectors);
      fixed.push(...drafted.fixed);
      totals[product.id] = drafted.total;
    }
    const draftMs = performance.now() - started;
    const lines = await storeLines(tx, plan.id, tiers, vectors, fixed);
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

/** Why a product cannot be drafted again (the API answers 404 or 409). */
export class RedraftRefusedError extends Error {
  override readonly name = 'RedraftRefusedError';
  constructor(readonly reason: 'noPlan' | 'reviewStarted' | 'notInPlan') {
    super(`re-draft refused: ${reason}`);
  }
}

/** The latest plan of a month that is still a draft or under review, locked for the caller's transaction. */
async function openPlanOf(tx: EntityManager, month: string): Promise<AllocationPlan | null> {
  const [row] = await tx.execute<{ id: number }[]>(
    `select id from allocation_plans where month = ?::date and status in ('draft', 'reviewing') order by version desc limit 1`, [allocationMonthStart(month)]);
  return row ? tx.findOne(AllocationPlanSchema, { id: Number(row.id) }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
}

/*
 * Review has started once any manager submitted (a part past its first 'reviewing' round) or a review
 * task of the cycle was completed (its projection written before the part's status is).
 */
const REVIEW_STARTED = `
select exists (select 1 from allocation_parts where plan_id = ? and (status <> 'reviewing' or round > 1 or submitted_at is not null))
  or exists (select 1 from tasks where instance_id = ? and step_key like 'review-%' and status <> 'open') as started`;

/** Whether a plan's review has started (no product may be drafted again then). */
export async function reviewStarted(em: EntityManager, plan: Pick<AllocationPlan, 'id' | 'instanceId'>): Promise<boolean> {
  const [{ started }] = await em.execute<[{ started: boolean }]>(REVIEW_STARTED, [plan.id, plan.instanceId]);
  return started;
}

/**
 * Drafts one product of the month's open plan again under its current strategy (after the dept head
 * changed it), before review starts: the product's lines and totals are replaced, in one transaction
 * holding the plan's row (a manager's submission, {@link createAllocationActivities}' applyAdjustments,
 * waits for it, and this refuses once one went through).
 *
 * @throws RedraftRefusedError no open plan, review started, or the product not in the plan / month.
 */
export async function redraftProduct(orm: MikroORM, input: { month: string; productId: number; actorId: number }): Promise<{ planId: number; version: number; total: StrategyPlanTotal }> {
  return orm.em.fork().transactional(async (tx) => {
    const plan = await openPlanOf(tx, input.month);
    if (!plan) throw new RedraftRefusedError('noPlan');
    if (await reviewStarted(tx, plan)) throw new RedraftRefusedError('reviewStarted');
    const product = (await monthProducts(tx, input.month)).find((p) => p.id === input.productId);
    if (!product || !plan.totals[input.productId]) throw new RedraftRefusedError('notInPlan');
    const resolved = (await resolveStrategies(tx, input.month, [product])).get(product.id)!;
    const tiers = await tiersForMonth(tx, input.month);
    const cycleCap = typeof plan.strategy.cap === 'number' ? plan.strategy.cap : null;
    const drafted = productPlan(product, resolved, monthCustomers(tiers), cycleCap);
    await tx.execute('delete from allocation_lines where plan_id = ? and product_id = ?', [plan.id, product.id]);
    const lines = await insertLines(tx, 'allocation_lines', plan.id, tiers, drafted.vectors, drafted.fixed);
    plan.totals = { ...plan.totals, [product.id]: drafted.total };
    appendAudit(tx, {
      type: 'allocation.redrafted', actorId: input.actorId, instanceId: plan.instanceId,
      data: { planId: plan.id, productId: product.id, code: product.code, drafted: drafted.total.drafted, lines, strategy: drafted.total.strategyText['zh-CN'] },
    });
    await tx.flush();
    return { planId: plan.id, version: plan.version, total: drafted.total };
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
    /** The cycle's first step: its instance runs (the Schedule's was written `starting`), and the month's plan is drafted and stored (see {@link draftPlan}). */
    async draftPlan(input: DraftPlanInput): Promise<DraftedPlan> {
      await markStarted(orm, input.instanceId);
      return draftPlan(orm, input);
    },

    /**
     * A manager's submission: their lines go back to the draft and the submission's adjustments are
     * applied (a submission is the whole set: a returned part is resubmitted with what stays). Only
     * their own customers' lines can change. A plan no longer under review refuses (non-retryable).
     */
    async applyAdjustments(input: AdjustmentInput): Promise<{ changed: number }> {
      return orm.em.fork().transactional(async (tx) => {
        // The row lock orders a submission after a re-draft of a product (see redraftProduct).
        const plan = await tx.findOneOrFail(AllocationPlanSchema, { id: input.planId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
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
