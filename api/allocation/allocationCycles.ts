import type { MikroORM } from '@mikro-orm/postgresql';
import { STARTER_CHASE_EVENT } from '../../activities/starterChase.js';
import { AllocationPartSchema, AllocationPlanSchema, type AllocationPlan } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import { hasRole, type SessionUser } from '../http/auth.js';
import { overseesWorkOf } from '../http/visibility.js';
import { allocationReadable, mustReadManager, readableCustomer } from './allocationReaders.js';
import { readMonth } from './availabilityService.js';
import { ApiError, ForbiddenError, ValidationError } from '../http/errors.js';
import { text } from '../tasks/inboxFilter.js';
import { t } from '../http/messages.js';
import { paging, positiveInt } from '../http/requestBody.js';

/** Who reads whole plans: supervisors, the dept head, leaders and admins. */
function mayOversee(user: SessionUser): boolean {
  return hasRole(user, 'supervisor', 'dept_head', 'leader', 'admin');
}

function planJson(plan: AllocationPlan) {
  return {
    id: plan.id, month: plan.month.slice(0, 7), version: plan.version, status: plan.status, instanceId: plan.instanceId,
    createdAt: plan.createdAt, publishedAt: plan.publishedAt ?? null, publishedBy: plan.publishedBy ?? null,
  };
}

const ALLOCATED = `select product_id, sum(quantity)::int as allocated, count(*) filter (where quantity <> drafted)::int as adjusted
from allocation_lines where plan_id = ? group by product_id`;

const PARTS = `select a.*, u.display_name as manager_name from allocation_parts a join users u on u.id = a.manager_id
where a.plan_id = ? order by a.manager_id`;

/** When each manager's review was last chased (催办), by the dept head from the overview or by the cycle's starter. */
const CHASES = `select t.assignee_id as manager_id, max(a.at) as chased_at from audit_log a join tasks t on t.id = a.task_id
where a.instance_id = ? and a.type = ? and t.form_key = 'allocation-review' group by t.assignee_id`;

const FLAGS = `select f.kind, f.customer_id, c.code as customer_code, c.name as customer_name, f.manager_id, p.code as product_code,
  f.quantity, f.reference, f.status, f.decided_by, f.decided_at
from allocation_flags f join customers c on c.id = f.customer_id left join products p on p.id = f.product_id
where f.plan_id = ? order by f.kind, c.code, p.code`;

type FlagRow = {
  kind: string; customer_id: number; customer_code: string; customer_name: string; manager_id: number; product_code: string | null;
  quantity: number; reference: number; status: string | null; decided_by: number | null; decided_at: Date | null;
};

/** The month's flags by kind: big customers (reference: the threshold), over-cap lines (the cap), 内管 (the previous month's total). */
function flagsJson(rows: FlagRow[]) {
  const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => ({
    customerId: r.customer_id, customerCode: r.customer_code, customerName: r.customer_name, managerId: r.manager_id,
    ...(r.product_code ? { productCode: r.product_code } : {}), quantity: r.quantity, reference: r.reference,
    ...(r.status ? { status: r.status, decidedBy: r.decided_by, decidedAt: r.decided_at } : {}),
  }));
  return { bigCustomers: of('big_customer'), overCap: of('over_cap'), surge: of('surge') };
}

const LINES = (where: string) => `
select l.customer_id, c.code as customer_code, c.name as customer_name, c.manager_id, c.tier, c.market_type,
  p.code as product_code, p.name as product_name, l.drafted, l.quantity, count(*) over () as total
from allocation_lines l
join customers c on c.id = l.customer_id
join products p on p.id = l.product_id
where l.plan_id = ? ${where}
order by c.code, p.code
limit ? offset ?`;

class PlanNotFound extends ApiError {
  override readonly name = 'PlanNotFound';
  constructor() { super(404, 'not_found', 'notFound', { what: 'allocation plan' }); }
}

/** The month's plan: `?version=` or the newest version; 422 for a bad month or version, 404 without one. */
export async function findPlan(orm: MikroORM, monthParam: unknown, query: Record<string, unknown>, locale: Locale): Promise<AllocationPlan> {
  const { start } = readMonth(monthParam, locale);
  const version = query.version === undefined ? undefined : positiveInt(query.version);
  if (query.version !== undefined && !version) throw new ValidationError([{ path: '/version', message: t(locale, 'notPositiveInt') }]);
  const plan = await orm.em.fork().findOne(AllocationPlanSchema, { month: start, ...(version ? { version } : {}) }, { orderBy: { version: 'desc' } });
  if (!plan) throw new PlanNotFound();
  return plan;
}

/** Reads of the monthly allocation plans: the list, one month's figures, and its lines. */
export function createAllocationCycleService(orm: MikroORM) {
  const planOf = (monthParam: unknown, query: Record<string, unknown>, locale: Locale) => findPlan(orm, monthParam, query, locale);

  return {
    /** Every plan, newest month and version first. */
    async list(user: SessionUser) {
      if (!mayOversee(user)) throw new ForbiddenError();
      const em = orm.em.fork();
      const plans = await em.find(AllocationPlanSchema, {}, { orderBy: { month: 'desc', version: 'desc' }, limit: 240 });
      const parts = await em.find(AllocationPartSchema, { planId: { $in: plans.map((p) => p.id) } });
      return {
        items: plans.map((plan) => {
          const own = parts.filter((p) => p.planId === plan.id);
          const totals = Object.values(plan.totals);
          return {
            ...planJson(plan),
            availability: totals.reduce((s, p) => s + p.availability, 0), drafted: totals.reduce((s, p) => s + p.drafted, 0),
            parts: own.length, partsApproved: own.filter((p) => p.status === 'approved').length,
          };
        }),
      };
    },

    /** One month's plan: status, version, per product availability / drafted / allocated, per manager part. */
    async get(user: SessionUser, month: unknown, query: Record<string, unknown>, locale: Locale) {
      if (!mayOversee(user)) throw new ForbiddenError();
      const readable = await allocationReadable(orm, user);
      const plan = await planOf(month, query, locale);
      const em = orm.em.fork();
      const [allocated, parts, flags, chases] = await Promise.all([
        em.execute<{ product_id: number; allocated: number; adjusted: number }[]>(ALLOCATED, [plan.id]),
        em.execute<Record<string, unknown>[]>(PARTS, [plan.id]),
        em.execute<FlagRow[]>(FLAGS, [plan.id]),
        em.execute<{ manager_id: number; chased_at: Date }[]>(CHASES, [plan.instanceId, STARTER_CHASE_EVENT]),
      ]);
      const chasedAt = new Map(chases.map((c) => [Number(c.manager_id), c.chased_at]));
      const byProduct = new Map(allocated.map((r) => [Number(r.product_id), r]));
      const products = Object.entries(plan.totals).map(([id, p]) => ({
        productId: Number(id), code: p.code, name: p.name, availability: p.availability, drafted: p.drafted,
        allocated: byProduct.get(Number(id))?.allocated ?? 0, adjustedLines: byProduct.get(Number(id))?.adjusted ?? 0, tiers: p.tiers,
      })).sort((a, b) => a.code.localeCompare(b.code));
      return {
        ...planJson(plan), strategy: plan.strategy,
        totals: {
          availability: products.reduce((s, p) => s + p.availability, 0), drafted: products.reduce((s, p) => s + p.drafted, 0),
          allocated: products.reduce((s, p) => s + p.allocated, 0),
        },
        products,
        parts: parts.map((p) => ({
          managerId: p.manager_id, managerName: p.manager_name, supervisorId: p.supervisor_id, customers: p.customers, status: p.status,
          round: p.round, adjustments: p.adjustments, submittedAt: p.submitted_at, decidedBy: p.decided_by, decidedAt: p.decided_at, comment: p.comment,
          lastChasedAt: chasedAt.get(Number(p.manager_id)) ?? null,
        })),
        // Flags name customers and their quantities: a supervisor gets their managers' only, as with the lines.
        flags: flagsJson(flags.filter((f) => overseesWorkOf(readable, Number(f.manager_id)))),
        /** Set when the month has closed (market reports in). */
        summary: plan.summary ?? null,
      };
    },

    /**
     * The plan's lines, by customer and product code, a page at a time; `?managerId=&customerId=&product=`
     * filter. Only the customers the caller reads (`allocationReadable`, as the export): naming a
     * manager or customer beyond them is 403.
     */
    async lines(user: SessionUser, month: unknown, query: Record<string, unknown>, locale: Locale) {
      const readable = await allocationReadable(orm, user);
      const plan = await planOf(month, query, locale);
      const { page, size, offset } = paging(query);
      const where: string[] = [];
      const params: unknown[] = [plan.id];
      const int = (name: string) => {
        const raw = query[name];
        if (raw === undefined || raw === '') return undefined;
        const n = positiveInt(raw);
        if (!n) throw new ValidationError([{ path: `/${name}`, message: t(locale, 'notPositiveInt') }]);
        return n;
      };
      const managerId = int('managerId');
      if (managerId !== undefined) {
        mustReadManager(readable, managerId);
        where.push('and c.manager_id = ?');
        params.push(managerId);
      } else if (readable !== 'all') {
        where.push('and c.manager_id = any(?::int[])');
        params.push(`{${readable.join(',')}}`);
      }
      const customerId = int('customerId');
      if (customerId !== undefined) {
        await readableCustomer(orm.em.fork(), readable, customerId);
        where.push('and l.customer_id = ?');
        params.push(customerId);
      }
      const product = text(query.product);
      if (product) {
        where.push('and p.code = ?');
        params.push(product);
      }
      const rows = await orm.em.fork().execute<Record<string, unknown>[]>(LINES(where.join(' ')), [...params, size, offset]);
      return {
        plan: planJson(plan),
        items: rows.map((r) => ({
          customerId: r.customer_id, customerCode: r.customer_code, customerName: r.customer_name, managerId: r.manager_id, tier: r.tier,
          marketType: r.market_type, productCode: r.product_code, productName: r.product_name, drafted: r.drafted, quantity: r.quantity,
        })),
        total: Number(rows[0]?.total ?? 0), page, size,
      };
    },
  };
}
