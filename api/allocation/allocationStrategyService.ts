import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  draftProduct, monthCustomers, monthProducts, redraftProduct, RedraftRefusedError, resolveStrategies, reviewStarted,
  type MonthCustomers, type MonthProduct, type ResolvedStrategy, type StrategyPlanTotal,
} from '../../activities/allocationPlans.js';
import { allocationMonthStart, tiersForMonth } from '../../activities/allocationTiers.js';
import { appendAudit } from '../../db/audit.js';
import { AllocationPlanSchema, type AllocationPlan } from '../../db/entities/index.js';
import type { ProductAllocation } from '../../domain/allocationEngine.js';
import { MARKET_TYPES, TIER_COUNT } from '../../domain/allocationStrategies.js';
import {
  customersServed, describeStrategy, effectiveCap, strategyIssues, type ProductStrategy, type StrategyIssue,
} from '../../domain/allocationStrategyRules.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { hasRole, requireRole, type SessionUser } from '../http/auth.js';
import { ConflictError, ForbiddenError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { countCell, readImportUpload, readRows, readTable, rowErrors, textCell, type ColumnSpec, type ImportUpload } from '../http/spreadsheetImport.js';
import type { ProductStrategyBody, StrategyPreviewBody } from './allocationStrategyContract.js';
import { readMonth } from './availabilityService.js';
import { priceClassLabel } from './productService.js';

/** Who changes a month's strategies: the dept head and admins. */
export const STRATEGY_WRITERS = ['dept_head', 'admin'] as const;

/** Who reads them (and previews): supervisors, the dept head, leaders and admins, as a month's availability. */
function mustRead(user: SessionUser): void {
  if (!hasRole(user, 'supervisor', 'dept_head', 'leader', 'admin')) throw new ForbiddenError();
}

/** A body's strategy with every field there, only the profile's own fields kept. */
export function strategyOf(body: ProductStrategyBody): ProductStrategy {
  const p = body.profile;
  const profile: ProductStrategy['profile'] = p.kind === 'geometric' ? { kind: 'geometric', ratio: p.ratio! }
    : p.kind === 'custom' ? { kind: 'custom', weights: [...p.weights!] } : { kind: 'linear' };
  return {
    method: body.method, profile, minTier: body.minTier, cap: body.cap ?? null, ruralShare: body.ruralShare ?? 100,
    fixed: (body.fixed ?? []).map((f) => ({ customerId: f.customerId, quantity: f.quantity })), fixedOnly: body.fixedOnly ?? false,
  };
}

/** The same document whatever the order of its keys: what "changed since the draft" compares. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function issueErrors(issues: readonly StrategyIssue[], prefix: string, locale: Locale): FieldError[] {
  return issues.map((i) => ({ path: `${prefix}${i.path}`, message: t(locale, i.key, i.params) }));
}

/** The month before `month` (`YYYY-MM`). */
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const PRODUCT = 'select id, code, name, price_class, active from products where id = ?';
const CUSTOMERS_BY_ID = 'select id, code, name from customers where id = any(?::int[])';
const PUBLISHED_TOTALS = `select id, version, totals from allocation_plans where month = ?::date and status = 'published' order by version desc limit 1`;
const UPSERT = `
insert into allocation_strategies (month, product_id, strategy, updated_by, updated_at) values (?::date, ?, ?::jsonb, ?, now())
on conflict (month, product_id) do update set strategy = excluded.strategy, updated_by = excluded.updated_by, updated_at = excluded.updated_at`;
const COPY = `
insert into allocation_strategies (month, product_id, strategy, updated_by, updated_at)
select ?::date, s.product_id, s.strategy, ?, now() from allocation_strategies s join products p on p.id = s.product_id and p.active
where s.month = ?::date
on conflict (month, product_id) do update set strategy = excluded.strategy, updated_by = excluded.updated_by, updated_at = excluded.updated_at`;

/*
 * What a month's customers (tiersForMonth) are read from, in one value: a change to any customer's
 * id, manager, tier or market or to any tier-history row changes it. Hashing in PostgreSQL costs a
 * few milliseconds; reading 30,000 customers into the API costs ten times that.
 */
const CUSTOMERS_FINGERPRINT = `
select (select count(*) || ':' || coalesce(sum(hashtext(concat_ws(':', id, manager_id, tier, market_type)))::text, '') from customers)
  || '/' || (select count(*) || ':' || coalesce(sum(hashtext(concat_ws(':', id, customer_id, from_tier, to_tier, effective_from, changed_at)))::text, '')
             from customer_tier_history) as fingerprint`;
/** Months whose customers the preview keeps. */
const CACHED_MONTHS = 4;

export type FixedColumn = 'code' | 'quantity';
/** 选点定量 file: 客户编码 and the fixed cartons. */
export const FIXED_COLUMNS: readonly ColumnSpec<FixedColumn>[] = [
  { key: 'code', label: { 'zh-CN': '客户编码', en: 'Customer code' }, aliases: ['customerCode', '客户代码', 'code'], required: true },
  { key: 'quantity', label: { 'zh-CN': '定量', en: 'Quantity' }, aliases: ['数量', '投放量', '条数', 'cartons'], required: true },
];
export const FIXED_QUANTITY_MAX = 100_000;

/** A tier vector per market ('all' when not split), D1 first. */
interface MarketVector {
  market: 'all' | 'urban' | 'rural';
  quantities: number[];
}

/** The plan's vectors of a product: per market where it was split. */
function plannedVectors(total: Partial<StrategyPlanTotal> & { tiers: number[] }): MarketVector[] {
  return total.markets ? MARKET_TYPES.map((m) => ({ market: m, quantities: total.markets![m] })) : [{ market: 'all', quantities: total.tiers }];
}

/**
 * 投放策略 per product and month (issue 18): read, saved, copied forward, previewed, and re-drafted
 * into an open plan. `settingsCap` is the cap a cycle started now would get (the business settings
 * over the configuration).
 */
export function createAllocationStrategyService(orm: MikroORM, settingsCap: () => Promise<number | null>) {
  const monthCache = new Map<string, { fingerprint: string; customers: Promise<MonthCustomers> }>();

  /**
   * The month's customers as the draft reads them (tiersForMonth, monthCustomers), kept while
   * nothing they are read from changed: the preview follows typing without reading 30,000 rows
   * each time, and still sees exactly what a draft would.
   */
  async function customersOf(em: EntityManager, month: string): Promise<MonthCustomers> {
    const [{ fingerprint }] = await em.execute<[{ fingerprint: string }]>(CUSTOMERS_FINGERPRINT);
    const hit = monthCache.get(month);
    if (hit && hit.fingerprint === fingerprint) return hit.customers;
    // Read after the fingerprint: a change in between makes the next call read again, never the reverse.
    const customers = tiersForMonth(em, month).then(monthCustomers);
    monthCache.delete(month);
    monthCache.set(month, { fingerprint, customers });
    if (monthCache.size > CACHED_MONTHS) monthCache.delete(monthCache.keys().next().value!);
    customers.catch(() => monthCache.delete(month));
    return customers;
  }

  /**
   * The cycle's cap the month's draft uses: the plan's when the month has one (a re-draft keeps it),
   * else what a cycle started now would get. The preview uses it too, so its numbers are the draft's.
   */
  async function cycleCapOf(em: EntityManager, start: string): Promise<number | null> {
    const [plan] = await em.execute<{ cap: number | null }[]>(
      `select (strategy->>'cap')::int as cap from allocation_plans where month = ?::date and status <> 'superseded' order by version desc limit 1`, [start]);
    return plan ? (plan.cap === null ? null : Number(plan.cap)) : settingsCap();
  }

  /** The month's product (with its availability), or 422 at `path`. */
  async function monthProduct(em: EntityManager, month: string, productId: number, path: string, locale: Locale): Promise<MonthProduct> {
    const product = (await monthProducts(em, month)).find((p) => p.id === productId);
    if (!product) throw new ValidationError([{ path, message: t(locale, 'strategyNoAvailability') }]);
    return product;
  }

  /** The latest plan of the month (any status but superseded), with whether its review started. */
  async function latestPlan(em: EntityManager, start: string): Promise<(AllocationPlan & { started: boolean }) | null> {
    const [row] = await em.execute<{ id: number }[]>(
      `select id from allocation_plans where month = ?::date and status <> 'superseded' order by version desc limit 1`, [start]);
    if (!row) return null;
    const plan = await em.findOneOrFail(AllocationPlanSchema, { id: Number(row.id) });
    return Object.assign(plan, { started: await reviewStarted(em, plan) });
  }

  function strategyJson(resolved: ResolvedStrategy, locale: Locale) {
    return { strategy: resolved.strategy, source: resolved.source, from: resolved.from, updatedAt: resolved.updatedAt, text: describeStrategy(resolved.strategy, locale) };
  }

  /** One product's row of the month: its strategy and, with a plan, what drafted it and whether it changed since. */
  function itemJson(product: MonthProduct, resolved: ResolvedStrategy, plan: (AllocationPlan & { started: boolean }) | null, locale: Locale) {
    const planned = plan?.totals[product.id] as StrategyPlanTotal | undefined;
    const editable = plan !== null && ['draft', 'reviewing'].includes(plan.status) && !plan.started;
    const changed = planned?.strategy !== undefined && canonical(planned.strategy) !== canonical(resolved.strategy);
    return {
      productId: product.id, code: product.code, name: product.name, priceClass: product.price_class, priceClassLabel: priceClassLabel(product.price_class),
      availability: product.cartons, ...strategyJson(resolved, locale),
      drafted: planned ? {
        planId: plan!.id, version: plan!.version, status: plan!.status, drafted: planned.drafted, strategy: planned.strategy ?? null,
        text: planned.strategyText?.[locale] ?? null, issues: planned.strategyIssues ? issueErrors(planned.strategyIssues, '', locale) : [],
        changed, canRedraft: changed && editable && planned !== undefined,
      } : null,
    };
  }

  /** The checks beyond the schema; 422 with every problem at its path under `prefix`. */
  async function check(em: EntityManager, strategy: ProductStrategy, availability: number, cycleCap: number | null, prefix: string, locale: Locale): Promise<void> {
    const ids = strategy.fixed.map((f) => f.customerId);
    const known = new Set(ids.length ? (await em.execute<{ id: number }[]>('select id from customers where id = any(?::int[])', [`{${ids.join(',')}}`])).map((r) => Number(r.id)) : []);
    const errors = issueErrors(strategyIssues(strategy, availability, cycleCap, known), prefix, locale);
    if (errors.length) throw new ValidationError(errors);
  }

  async function save(em: EntityManager, user: SessionUser, month: string, start: string, productId: number, strategy: ProductStrategy, prefix: string, locale: Locale) {
    const [product] = await em.execute<{ id: number; active: boolean; price_class: number }[]>(PRODUCT, [productId]);
    if (!product || !product.active) throw new ValidationError([{ path: prefix ? `${prefix}/productId` : '/productId', message: t(locale, 'strategyUnknownProduct') }]);
    const available = (await monthProducts(em, month)).find((p) => p.id === productId);
    await check(em, strategy, available?.cartons ?? Number.MAX_SAFE_INTEGER, await cycleCapOf(em, start), `${prefix}${prefix ? '/strategy' : ''}`, locale);
    await em.execute(UPSERT, [start, productId, JSON.stringify(strategy), user.id]);
    appendAudit(em, { type: 'allocation.strategySet', actorId: user.id, data: { month, productId, strategy: describeStrategy(strategy, 'zh-CN') } });
  }

  /** Drafts `product` under `strategy` exactly as the cycle would, or 422 with the strategy's problems at `prefix`. */
  function draftOrFail(strategy: ProductStrategy, product: MonthProduct, customers: MonthCustomers, cycleCap: number | null, prefix: string, locale: Locale): ProductAllocation {
    const draft = draftProduct(strategy, product, customers, cycleCap);
    if (!draft.allocation) throw new ValidationError(issueErrors(draft.issues, prefix, locale));
    return draft.allocation;
  }

  return {
    /** The month's products (those with an availability), each with its strategy and what the month's plan drafted. */
    async list(user: SessionUser, monthParam: unknown, locale: Locale) {
      mustRead(user);
      const { month, start } = readMonth(monthParam, locale);
      const em = orm.em.fork();
      const products = await monthProducts(em, month);
      const [strategies, plan, cycleCap] = await Promise.all([resolveStrategies(em, month, products), latestPlan(em, start), cycleCapOf(em, start)]);
      return {
        month, cycleCap,
        plan: plan ? { id: plan.id, version: plan.version, status: plan.status, reviewStarted: plan.started } : null,
        items: products.map((p) => itemJson(p, strategies.get(p.id)!, plan, locale)),
      };
    },

    async get(user: SessionUser, monthParam: unknown, productId: number, locale: Locale) {
      mustRead(user);
      const { month, start } = readMonth(monthParam, locale);
      const em = orm.em.fork();
      const product = await monthProduct(em, month, productId, '/productId', locale);
      const [strategies, plan, cycleCap] = await Promise.all([resolveStrategies(em, month, [product]), latestPlan(em, start), cycleCapOf(em, start)]);
      const item = itemJson(product, strategies.get(product.id)!, plan, locale);
      const ids = item.strategy.fixed.map((f) => f.customerId);
      const named = ids.length ? await em.execute<{ id: number; code: string; name: string }[]>(CUSTOMERS_BY_ID, [`{${ids.join(',')}}`]) : [];
      const byId = new Map(named.map((c) => [Number(c.id), c]));
      return { month, cycleCap, ...item, fixedCustomers: item.strategy.fixed.map((f) => ({ ...f, code: byId.get(f.customerId)?.code ?? null, name: byId.get(f.customerId)?.name ?? null })) };
    },

    /** Saves one product's strategy for the month (422 with field paths for what cannot be allocated). */
    async put(user: SessionUser, monthParam: unknown, productId: number, body: ProductStrategyBody, locale: Locale) {
      requireRole(user, ...STRATEGY_WRITERS);
      const { month, start } = readMonth(monthParam, locale);
      await orm.em.fork().transactional(async (tx) => {
        await save(tx, user, month, start, productId, strategyOf(body), '', locale);
        await tx.flush();
      });
      return this.get(user, month, productId, locale);
    },

    /** Saves several products' strategies at once: all or none. */
    async putMany(user: SessionUser, monthParam: unknown, items: { productId: number; strategy: ProductStrategyBody }[], locale: Locale) {
      requireRole(user, ...STRATEGY_WRITERS);
      const { month, start } = readMonth(monthParam, locale);
      await orm.em.fork().transactional(async (tx) => {
        const errors: FieldError[] = [];
        for (const [i, item] of items.entries()) {
          try {
            await save(tx, user, month, start, item.productId, strategyOf(item.strategy), `/items/${i}`, locale);
          } catch (err) {
            if (err instanceof ValidationError) errors.push(...err.errors);
            else throw err;
          }
        }
        if (errors.length) throw new ValidationError(errors);
        await tx.flush();
      });
      return this.list(user, month, locale);
    },

    /** Copies every strategy saved for `from` (default: the month before) into `month`, replacing what it had. */
    async copy(user: SessionUser, monthParam: unknown, fromParam: unknown, locale: Locale) {
      requireRole(user, ...STRATEGY_WRITERS);
      const { month, start } = readMonth(monthParam, locale);
      const from = fromParam === undefined ? { month: previousMonth(month), start: allocationMonthStart(previousMonth(month)) } : readMonth(fromParam, locale);
      const copied = await orm.em.fork().transactional(async (tx) => {
        const written = await tx.execute(COPY, [start, user.id, from.start], 'run') as unknown as { affectedRows: number };
        appendAudit(tx, { type: 'allocation.strategiesCopied', actorId: user.id, data: { month, from: from.month, copied: written.affectedRows } });
        await tx.flush();
        return written.affectedRows;
      });
      return { copied, from: from.month, ...(await this.list(user, month, locale)) };
    },

    /**
     * What `strategy` would draft for the product this month, by the draft's own code: per tier (per
     * market when split), customers served, total, shortfall, and the change against last month's
     * published plan per tier.
     */
    async preview(user: SessionUser, body: StrategyPreviewBody, locale: Locale) {
      mustRead(user);
      const { month, start } = readMonth(body.month, locale);
      const em = orm.em.fork();
      const strategy = strategyOf(body.strategy);
      const [product, customers, previous, cycleCap] = await Promise.all([
        monthProduct(em, month, body.productId, '/productId', locale),
        customersOf(em, month),
        em.execute<{ id: number; version: number; totals: Record<string, StrategyPlanTotal> }[]>(PUBLISHED_TOTALS, [allocationMonthStart(previousMonth(month))]),
        cycleCapOf(em, start),
      ]);
      await check(em, strategy, product.cartons, cycleCap, '/strategy', locale);
      const allocation = draftOrFail(strategy, product, customers, cycleCap, '/strategy', locale);
      const vectors: (MarketVector & { customers: number[]; total: number })[] = allocation.vectors.map((v) => ({
        market: v.market ?? 'all', quantities: v.quantities, customers: v.customers, total: v.total,
      }));
      const before = previous[0]?.totals[product.id];
      const earlier = before ? plannedVectors(before) : null;
      const change = earlier ? vectors.map((v) => {
        const ref = earlier.find((e) => e.market === v.market) ?? earlier[0]!;
        return { market: v.market, quantities: Array.from({ length: TIER_COUNT }, (_, i) => v.quantities[i]! - (ref.quantities[i] ?? 0)) };
      }) : null;
      const ids = strategy.fixed.map((f) => f.customerId);
      const named = ids.length ? await em.execute<{ id: number; code: string; name: string }[]>(CUSTOMERS_BY_ID, [`{${ids.join(',')}}`]) : [];
      const byId = new Map(named.map((c) => [Number(c.id), c]));
      return {
        month, productId: product.id, code: product.code, name: product.name, priceClass: product.price_class, availability: product.cartons,
        cap: effectiveCap(strategy, cycleCap), text: describeStrategy(strategy, locale), vectors,
        fixed: allocation.fixed.map((f) => {
          const id = Number(f.customerId);
          return { customerId: id, code: byId.get(id)?.code ?? null, name: byId.get(id)?.name ?? null, tier: f.tier, marketType: customers.byId.get(id)?.marketType ?? null, quantity: f.quantity };
        }),
        fixedTotal: allocation.fixedTotal, customersServed: customersServed(allocation), total: allocation.total, shortfall: allocation.shortfall,
        previous: before ? { month: previousMonth(month), version: previous[0]!.version, vectors: earlier } : null,
        change,
      };
    },

    /** Reads a 选点定量 file (客户编码, 定量): the named customers with their cartons, not stored (the form saves them). */
    async importFixed(user: SessionUser, monthParam: unknown, locale: Locale, upload: ImportUpload) {
      requireRole(user, ...STRATEGY_WRITERS);
      const { month } = readMonth(monthParam, locale);
      const { format, bytes } = await readImportUpload(upload, locale);
      const table = readTable(await readRows(format, bytes, locale), FIXED_COLUMNS, locale);
      const em = orm.em.fork();
      const codes = [...new Set(table.rows.map((row) => textCell(table.cell(row, 'code')).trim()).filter(Boolean))];
      const found = codes.length ? await em.execute<{ id: number; code: string; name: string; tier: number }[]>(
        'select id, code, name, tier from customers where code = any(?::text[])', [`{${codes.map((c) => `"${c.replace(/["\\]/g, '\\$&')}"`).join(',')}}`]) : [];
      const byCode = new Map(found.map((c) => [c.code, c]));
      const errors = rowErrors(FIXED_COLUMNS, locale);
      const firstRowOf = new Map<string, number>();
      const items: { customerId: number; code: string; name: string; quantity: number }[] = [];
      for (const row of table.rows) {
        const before = errors.errors.length;
        const code = textCell(table.cell(row, 'code')).trim();
        const customer = byCode.get(code);
        if (code === '') errors.add(row.number, 'code', 'required');
        else if (!customer) errors.add(row.number, 'code', 'importUnknownCustomer', { code });
        else if (firstRowOf.has(code)) errors.add(row.number, 'code', 'importDuplicate', { row: firstRowOf.get(code)! });
        else firstRowOf.set(code, row.number);
        const cell = table.cell(row, 'quantity');
        const quantity = countCell(cell);
        if (textCell(cell) === '') errors.add(row.number, 'quantity', 'required');
        else if (quantity === undefined || quantity > FIXED_QUANTITY_MAX) errors.add(row.number, 'quantity', 'importCartons', { max: FIXED_QUANTITY_MAX });
        if (errors.errors.length === before) items.push({ customerId: Number(customer!.id), code, name: customer!.name, quantity: quantity! });
      }
      errors.throwIfAny();
      return { month, format, items, total: items.reduce((s, i) => s + i.quantity, 0) };
    },

    /** Drafts the product again in the month's open plan under its current strategy; 409 once review started. */
    async redraft(user: SessionUser, monthParam: unknown, productId: number, locale: Locale) {
      requireRole(user, ...STRATEGY_WRITERS);
      const { month } = readMonth(monthParam, locale);
      try {
        const result = await redraftProduct(orm, { month, productId, actorId: user.id });
        return { planId: result.planId, version: result.version, productId, drafted: result.total.drafted, vectors: plannedVectors(result.total),
          text: result.total.strategyText[locale], customersServed: result.total.customersServed };
      } catch (err) {
        if (!(err instanceof RedraftRefusedError)) throw err;
        const key = { noPlan: 'strategyRedraftNoPlan', reviewStarted: 'strategyRedraftStarted', notInPlan: 'strategyRedraftNotInPlan' } as const;
        throw new ConflictError(key[err.reason], { month });
      }
    },
  };
}

export type AllocationStrategyService = ReturnType<typeof createAllocationStrategyService>;
