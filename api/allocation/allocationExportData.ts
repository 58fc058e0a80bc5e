import type { EntityManager } from '@mikro-orm/postgresql';
import type { StrategyPlanTotal } from '../../activities/allocationPlans.js';
import { tiersForMonth } from '../../activities/allocationTiers.js';
import type { MarketType } from '../../domain/allocationStrategies.js';
import type { AllocationPlan, PartStatus } from '../../db/entities/index.js';

/**
 * What the allocation exports read from PostgreSQL: the plan's products, the customers of an
 * export and their lines a batch at a time (a whole month is 30,000 customers × 150 products, so
 * lines are never held all at once), and the per-product and per-manager figures of the summary.
 */

/** One product column of an export: the plan's figures and the product's price class. */
export interface ExportProduct {
  id: number;
  code: string;
  name: string;
  priceClass: number;
  availability: number;
  /** The engine's cartons, Σ over all customers of the plan. */
  drafted: number;
  /** The strategy that drafted the product (issue 18), in both languages; null for plans drafted before strategies. */
  strategy: { 'zh-CN': string; en: string } | null;
}

/** One customer row of an export; `tier` is the one the plan's month used (1–30). */
export interface ExportCustomer {
  id: number;
  code: string;
  name: string;
  managerId: number;
  managerName: string;
  marketType: MarketType;
  tier: number;
}

/** A customer's stored lines, three arrays of one length (products without a line have 0 cartons). */
export interface CustomerLines {
  customerId: number;
  productIds: number[];
  quantities: number[];
  drafted: number[];
}

/** The plan's products (from its totals, so a product deactivated since still shows), by code. */
export async function planProducts(em: EntityManager, plan: AllocationPlan): Promise<ExportProduct[]> {
  const ids = Object.keys(plan.totals).map(Number);
  const classes = await em.execute<{ id: number; price_class: number }[]>(
    'select id, price_class from products where id = any(?::int[])', [`{${ids.join(',')}}`]);
  const classOf = new Map(classes.map((r) => [Number(r.id), Number(r.price_class)]));
  return Object.entries(plan.totals)
    .map(([id, p]) => ({
      id: Number(id), code: p.code, name: p.name, priceClass: classOf.get(Number(id)) ?? 0, availability: p.availability, drafted: p.drafted,
      strategy: (p as Partial<StrategyPlanTotal>).strategyText ?? null,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** Which customers an export holds: all, those of some managers, or one. */
export type CustomerFilter = { managerIds: number[] | 'all' } | { customerId: number };

/*
 * A customer belongs to the plan when it existed when the plan was drafted or has a line in it (a
 * customer drafted nothing at all has no line but still gets its row of zeros; one created later
 * is not in the plan).
 */
const CUSTOMERS = (where: string) => `
select c.id, c.code, c.name, c.manager_id, u.display_name as manager_name, c.market_type
from customers c join users u on u.id = c.manager_id
where (c.created_at <= ? or exists (select 1 from allocation_lines l where l.plan_id = ? and l.customer_id = c.id)) ${where}
order by c.code`;

/** The export's customers by code, each with the tier its plan's month used. */
export async function exportCustomers(em: EntityManager, plan: AllocationPlan, filter: CustomerFilter): Promise<ExportCustomer[]> {
  const params: unknown[] = [plan.createdAt, plan.id];
  let where = '';
  if ('customerId' in filter) {
    where = 'and c.id = ?';
    params.push(filter.customerId);
  } else if (filter.managerIds !== 'all') {
    where = 'and c.manager_id = any(?::int[])';
    params.push(`{${filter.managerIds.join(',')}}`);
  }
  const [rows, tiers] = await Promise.all([
    em.execute<{ id: number; code: string; name: string; manager_id: number; manager_name: string; market_type: MarketType }[]>(CUSTOMERS(where), params),
    tiersForMonth(em, plan.month),
  ]);
  const tierOf = new Map(tiers.map((t) => [t.customerId, t.tier]));
  return rows.map((r) => ({
    id: Number(r.id), code: r.code, name: r.name, managerId: Number(r.manager_id), managerName: r.manager_name,
    marketType: r.market_type, tier: tierOf.get(Number(r.id)) ?? 0,
  }));
}

const LINES = `
select customer_id, array_agg(product_id) as product_ids, array_agg(quantity) as quantities, array_agg(drafted) as drafted
from allocation_lines where plan_id = ? and customer_id = any(?::int[])
group by customer_id`;

/**
 * The lines of `customers`, `batch` customers a query (each an index scan of the plan's partition),
 * in the order of `customers`; a customer without lines comes back with empty arrays. The next
 * batch is asked for before this one is handed out, so the database reads while the caller writes.
 */
export async function* customerLines(em: EntityManager, planId: number, customers: readonly ExportCustomer[], batch = 2000): AsyncGenerator<CustomerLines> {
  const read = (from: number) => {
    const ids = customers.slice(from, from + batch).map((c) => c.id);
    const rows = em.execute<{ customer_id: number; product_ids: number[]; quantities: number[]; drafted: number[] }[]>(
      LINES, [planId, `{${ids.join(',')}}`]);
    return { ids, rows };
  };
  let next = customers.length ? read(0) : undefined;
  for (let from = 0; next; from += batch) {
    const { ids, rows } = next;
    next = from + batch < customers.length ? read(from + batch) : undefined;
    // A failed read-ahead surfaces when its turn comes, not as an unhandled rejection meanwhile.
    next?.rows.catch(() => undefined);
    const byCustomer = new Map((await rows).map((r) => [Number(r.customer_id), r]));
    for (const id of ids) {
      const r = byCustomer.get(id);
      yield { customerId: id, productIds: r?.product_ids ?? [], quantities: r?.quantities ?? [], drafted: r?.drafted ?? [] };
    }
  }
}

/** One product's figures over the whole plan. */
export interface ProductFigures {
  allocated: number;
  /** Customers whose quantity differs from the draft. */
  adjustedCustomers: number;
}

/** Per product id: cartons allocated and customers adjusted, over the whole plan. */
export async function productFigures(em: EntityManager, planId: number): Promise<Map<number, ProductFigures>> {
  const rows = await em.execute<{ product_id: number; allocated: number; adjusted: number }[]>(
    `select product_id, sum(quantity)::int as allocated, count(*) filter (where quantity <> drafted)::int as adjusted
     from allocation_lines where plan_id = ? group by product_id`, [planId]);
  return new Map(rows.map((r) => [Number(r.product_id), { allocated: Number(r.allocated), adjustedCustomers: Number(r.adjusted) }]));
}

/** A customer manager's part of the plan with what their customers' lines add up to. */
export interface ManagerFigures {
  managerId: number;
  managerName: string;
  /** Who approved the part (their supervisor); null: the dept head. */
  supervisorName: string | null;
  customers: number;
  status: PartStatus;
  round: number;
  /** Lines changed in their latest submission. */
  adjustments: number;
  submittedAt: Date | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  comment: string | null;
  drafted: number;
  allocated: number;
  adjustedLines: number;
  adjustedCustomers: number;
}

const MANAGERS = `
with by_customer as (
  select customer_id, sum(drafted) as drafted, sum(quantity) as allocated, count(*) filter (where quantity <> drafted) as adjusted
  from allocation_lines where plan_id = ? group by customer_id
), figures as (
  select c.manager_id, sum(b.drafted)::bigint as drafted, sum(b.allocated)::bigint as allocated,
    sum(b.adjusted)::int as adjusted_lines, count(*) filter (where b.adjusted > 0)::int as adjusted_customers
  from by_customer b join customers c on c.id = b.customer_id
  group by c.manager_id
)
select a.manager_id, m.display_name as manager_name, s.display_name as supervisor_name, a.customers, a.status, a.round, a.adjustments,
  a.submitted_at, d.display_name as decided_by_name, a.decided_at, a.comment,
  coalesce(f.drafted, 0) as drafted, coalesce(f.allocated, 0) as allocated,
  coalesce(f.adjusted_lines, 0) as adjusted_lines, coalesce(f.adjusted_customers, 0) as adjusted_customers
from allocation_parts a
join users m on m.id = a.manager_id
left join users s on s.id = a.supervisor_id
left join users d on d.id = a.decided_by
left join figures f on f.manager_id = a.manager_id
where a.plan_id = ?
order by m.display_name, a.manager_id`;

/** Every manager's part of the plan, by name. */
export async function managerFigures(em: EntityManager, planId: number): Promise<ManagerFigures[]> {
  const rows = await em.execute<Record<string, unknown>[]>(MANAGERS, [planId, planId]);
  const date = (v: unknown) => (v == null ? null : new Date(v as string | Date));
  return rows.map((r) => ({
    managerId: Number(r.manager_id), managerName: String(r.manager_name), supervisorName: (r.supervisor_name as string | null) ?? null,
    customers: Number(r.customers), status: r.status as PartStatus, round: Number(r.round), adjustments: Number(r.adjustments),
    submittedAt: date(r.submitted_at), decidedByName: (r.decided_by_name as string | null) ?? null, decidedAt: date(r.decided_at),
    comment: (r.comment as string | null) ?? null, drafted: Number(r.drafted), allocated: Number(r.allocated),
    adjustedLines: Number(r.adjusted_lines), adjustedCustomers: Number(r.adjusted_customers),
  }));
}

/** The display name of the user who published the plan, if any. */
export async function userName(em: EntityManager, id: number | null | undefined): Promise<string | null> {
  if (id == null) return null;
  const rows = await em.execute<{ display_name: string }[]>('select display_name from users where id = ?', [id]);
  return rows[0]?.display_name ?? null;
}

/** A customer manager's month-end market report (市场报告), as its task stands. */
export interface MarketReportTask {
  managerId: number;
  managerName: string;
  status: string;
  completedAt: Date | null;
}

/** The market report tasks of the cycle `instanceId`, by manager name. */
export async function marketReports(em: EntityManager, instanceId: string): Promise<MarketReportTask[]> {
  const rows = await em.execute<{ assignee_id: number; display_name: string; status: string; completed_at: string | Date | null }[]>(
    `select t.assignee_id, u.display_name, t.status, t.completed_at from tasks t join users u on u.id = t.assignee_id
     where t.instance_id = ? and t.form_key = 'market-report' order by u.display_name, t.assignee_id`, [instanceId]);
  return rows.map((r) => ({
    managerId: Number(r.assignee_id), managerName: r.display_name, status: r.status, completedAt: r.completed_at == null ? null : new Date(r.completed_at),
  }));
}
