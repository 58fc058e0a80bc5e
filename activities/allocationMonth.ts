import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/postgresql';
import { appendAudit } from '../db/audit.js';
import {
  OPEN_INSTANCE_STATUSES, AllocationPartSchema, AllocationPlanSchema, ProcessInstanceSchema, ProductAvailabilitySchema, type AllocationMonthSummary,
} from '../db/entities/index.js';
import { addDuration, type Duration, type WorkCalendar } from '../domain/calendar.js';
import { chinaDate, chinaMidnight, DAY_MS, nextAllocationMonth } from '../domain/chinaTime.js';
import { allocationMonthStart } from './allocationTiers.js';

/** One running (or finished) cycle per month: the business key of its process instance. */
export const cycleBusinessKey = (month: string) => `allocation:${month}`;

/** A big customer (大客户): their month's supply, all products, above the threshold. */
export interface BigCustomer {
  customerId: number;
  managerId: number;
  customerCode: string;
  customerName: string;
  total: number;
}

/** A manager's lines above the cap (超限量户), for their supervisor to approve. */
export interface OverCapPart {
  managerId: number;
  lines: { customerId: number; customerCode: string; customerName: string; productCode: string; quantity: number; cap: number }[];
}

/** What the published plan's month asks for, flagged and stored (allocation_flags). */
export interface MonthChecks {
  bigCustomers: BigCustomer[];
  overCap: OverCapPart[];
  /** Customers with a 内管 warning. */
  surges: number;
}

const BIG_CUSTOMERS = `
select l.customer_id, c.manager_id, c.code, c.name, sum(l.quantity)::int as total
from allocation_lines l join customers c on c.id = l.customer_id
where l.plan_id = ?
group by l.customer_id, c.manager_id, c.code, c.name
having sum(l.quantity) > ?
order by c.code`;

const OVER_CAP = `
select l.customer_id, l.product_id, c.manager_id, c.code, c.name, p.code as product_code, l.quantity
from allocation_lines l join customers c on c.id = l.customer_id join products p on p.id = l.product_id
where l.plan_id = ? and l.quantity > ?
order by c.manager_id, c.code, p.code`;

const SURGES = `
with cur as (select customer_id, sum(quantity) as q from allocation_lines where plan_id = ? group by customer_id),
prev as (select customer_id, sum(quantity) as q from allocation_lines where plan_id = ? group by customer_id)
select cur.customer_id, c.manager_id, cur.q::int as quantity, prev.q::int as reference
from cur join prev using (customer_id) join customers c on c.id = cur.customer_id
where cur.q * 100 > prev.q * ?`;

const INSERT_FLAGS = `
insert into allocation_flags (plan_id, kind, customer_id, product_id, manager_id, quantity, reference, status)
select ?::int, f.kind, f.customer_id, f.product_id, f.manager_id, f.quantity, f.reference, f.status
from jsonb_to_recordset(?::jsonb) as f(kind text, customer_id int, product_id int, manager_id int, quantity int, reference int, status text)
on conflict do nothing`;

const CUT_TO_CAP = `
update allocation_lines l set quantity = f.reference
from allocation_flags f
where f.plan_id = ? and f.kind = 'over_cap' and f.manager_id = ? and f.status = 'pending'
  and l.plan_id = f.plan_id and l.customer_id = f.customer_id and l.product_id = f.product_id`;

const REPORTS = `
select count(*)::int as total,
  count(*) filter (where status = 'done' and completed_at <= ?::timestamptz)::int as on_time,
  count(*) filter (where status = 'done' and completed_at > ?::timestamptz)::int as late
from tasks where instance_id = ? and form_key = 'market-report'`;

const PLANNED = `select product_id, sum(quantity)::int as planned from allocation_lines where plan_id = ? group by product_id`;

/** The end (23:59:59 China time) of the last working day of `month` (YYYY-MM). */
export function lastWorkingDayEnd(month: string, calendar: WorkCalendar): { date: string; dueAt: string } {
  const start = allocationMonthStart(month);
  const [y, m] = start.split('-').map(Number) as [number, number];
  // Day 0 of the next month is this month's last day; a month has working days, but stop at its 1st anyway.
  for (let day = new Date(Date.UTC(y, m, 0)).getUTCDate(); day >= 1; day--) {
    const date = `${start.slice(0, 8)}${String(day).padStart(2, '0')}`;
    if (calendar.isWorkingDay(date) || day === 1) return { date, dueAt: new Date(chinaMidnight(date).getTime() + DAY_MS - 1000).toISOString() };
  }
  throw new RangeError(month);
}

/** The month of a published plan (during the month and its end) and the scheduled start of a cycle. */
export function createAllocationMonthActivities(orm: MikroORM, calendar: () => Promise<WorkCalendar>) {
  return {
    /**
     * The scheduled start (1st of the month, 08:00): the process instance of next month's cycle, created
     * with the id the workflow chose, unless that month already has a cycle running or completed (a hand
     * start), has no availability imported, or nobody may own it (no dept head or admin). Idempotent.
     * Written `starting`, owned by the scheduled run (its `requestId` is that run's workflow id), which starts
     * the cycle as its child: the cycle's first step marks it running (activities/instanceStarts.ts).
     */
    async openScheduledCycle(input: { instanceId: string; requestId: string; at: string }):
      Promise<{ month: string; status: 'started' | 'skipped'; reason?: string }> {
      const month = nextAllocationMonth(new Date(input.at)).slice(0, 7);
      const em = orm.em.fork();
      if (await em.findOne(ProcessInstanceSchema, { id: input.instanceId })) return { month, status: 'started' };
      const businessKey = cycleBusinessKey(month);
      const skipped = (reason: string) => ({ month, status: 'skipped' as const, reason });
      if (await em.count(ProcessInstanceSchema, { processKey: 'allocation-cycle', businessKey, status: { $in: [...OPEN_INSTANCE_STATUSES, 'completed'] } })) {
        return skipped('cycle-exists');
      }
      if ((await em.count(ProductAvailabilitySchema, { month: `${month}-01` })) === 0) return skipped('no-availability');
      const [owner] = await em.execute<{ id: number }[]>(
        `select id from users where active and (roles && '{dept_head}' or roles && '{admin}')
         order by (roles && '{dept_head}') desc, id limit 1`);
      if (!owner) return skipped('no-owner');
      try {
        await em.transactional(async (tx) => {
          tx.create(ProcessInstanceSchema, {
            id: input.instanceId, processKey: 'allocation-cycle', businessKey, status: 'starting', startedBy: Number(owner.id),
            startRequestId: input.requestId, parentWorkflowId: input.requestId, title: `${month} 月度货源投放`, summary: { month, planStatus: 'drafting', scheduled: true },
          });
          appendAudit(tx, { type: 'instance.started', instanceId: input.instanceId, data: { processKey: 'allocation-cycle', month, scheduled: true } });
        });
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException) return skipped('cycle-exists');
        throw err;
      }
      return { month, status: 'started' };
    },

    /**
     * After publication: flags the big customers, the lines above `cap` (pending a decision) and the
     * customers above `surgePercent` % of the previous month's published plan (内管), in one
     * transaction; a retry finds the flags already there.
     */
    async checkPublishedMonth(input: { planId: number; bigCustomerThreshold: number; cap: number | null; surgePercent: number }): Promise<MonthChecks> {
      return orm.em.fork().transactional(async (tx) => {
        const plan = await tx.findOneOrFail(AllocationPlanSchema, { id: input.planId });
        const big = await tx.execute<{ customer_id: number; manager_id: number; code: string; name: string; total: number }[]>(
          BIG_CUSTOMERS, [input.planId, input.bigCustomerThreshold]);
        const over = input.cap === null ? [] : await tx.execute<{
          customer_id: number; product_id: number; manager_id: number; code: string; name: string; product_code: string; quantity: number;
        }[]>(OVER_CAP, [input.planId, input.cap]);
        const [previous] = await tx.execute<{ id: number }[]>(
          `select id from allocation_plans where month = (?::date - interval '1 month')::date and status = 'published'`, [plan.month]);
        const surges = previous ? await tx.execute<{ customer_id: number; manager_id: number; quantity: number; reference: number }[]>(
          SURGES, [input.planId, previous.id, input.surgePercent]) : [];
        const flags = [
          ...big.map((r) => ({ kind: 'big_customer', customer_id: r.customer_id, product_id: 0, manager_id: r.manager_id, quantity: r.total, reference: input.bigCustomerThreshold, status: null })),
          ...over.map((r) => ({ kind: 'over_cap', customer_id: r.customer_id, product_id: r.product_id, manager_id: r.manager_id, quantity: r.quantity, reference: input.cap, status: 'pending' })),
          ...surges.map((r) => ({ kind: 'surge', customer_id: r.customer_id, product_id: 0, manager_id: r.manager_id, quantity: r.quantity, reference: r.reference, status: null })),
        ];
        if (flags.length) await tx.execute(INSERT_FLAGS, [input.planId, JSON.stringify(flags)], 'run');
        appendAudit(tx, {
          type: 'allocation.monthChecked', instanceId: plan.instanceId,
          data: { planId: plan.id, bigCustomers: big.length, overCapLines: over.length, surges: surges.length },
        });
        const overCap = new Map<number, OverCapPart>();
        for (const r of over) {
          const managerId = Number(r.manager_id);
          const part = overCap.get(managerId) ?? { managerId, lines: [] };
          part.lines.push({ customerId: Number(r.customer_id), customerCode: r.code, customerName: r.name, productCode: r.product_code, quantity: r.quantity, cap: input.cap! });
          overCap.set(managerId, part);
        }
        return {
          bigCustomers: big.map((r) => ({ customerId: Number(r.customer_id), managerId: Number(r.manager_id), customerCode: r.code, customerName: r.name, total: r.total })),
          overCap: [...overCap.values()],
          surges: surges.length,
        };
      });
    },

    /**
     * 超限量户审批 decided: approved keeps the manager's over-cap lines; rejected cuts them to the cap
     * (the one change a published plan takes, audited). Idempotent: only pending flags move.
     */
    async decideOverCap(input: { planId: number; managerId: number; approved: boolean; decidedBy: number; comment?: string }): Promise<{ lines: number }> {
      return orm.em.fork().transactional(async (tx) => {
        if (!input.approved) await tx.execute(CUT_TO_CAP, [input.planId, input.managerId], 'run');
        const moved = await tx.execute(
          `update allocation_flags set status = ?, decided_by = ?, decided_at = now()
           where plan_id = ? and kind = 'over_cap' and manager_id = ? and status = 'pending'`,
          [input.approved ? 'approved' : 'rejected', input.decidedBy, input.planId, input.managerId], 'run');
        const lines = (moved as unknown as { affectedRows: number }).affectedRows;
        const plan = await tx.findOneOrFail(AllocationPlanSchema, { id: input.planId });
        appendAudit(tx, {
          type: input.approved ? 'allocation.overCapApproved' : 'allocation.overCapRejected', actorId: input.decidedBy, instanceId: plan.instanceId,
          data: { planId: plan.id, managerId: input.managerId, lines, ...(input.comment ? { comment: input.comment } : {}) },
        });
        return { lines };
      });
    },

    /**
     * When the month's market reports are due: the end of the month's last working day (work
     * calendar, China time), or `override` from now (trials, tests).
     */
    async allocationMonthEnd(input: { month: string; override?: Duration }): Promise<{ dueAt: string; lastWorkingDay: string }> {
      const cal = await calendar();
      if (input.override) {
        const dueAt = addDuration(new Date(), input.override, cal);
        return { dueAt: dueAt.toISOString(), lastWorkingDay: chinaDate(dueAt) };
      }
      const { date, dueAt } = lastWorkingDayEnd(input.month, cal);
      return { dueAt, lastWorkingDay: date };
    },

    /**
     * Closes the month: per product planned vs availability, the review's adjustments, the over-cap
     * lines cut back, the flags, the market reports on time / late / missing. Stored on the plan
     * (undecided over-cap flags are marked so); a retry returns the stored summary.
     */
    async closeAllocationMonth(input: { planId: number; dueAt: string }): Promise<AllocationMonthSummary> {
      return orm.em.fork().transactional(async (tx) => {
        const plan = await tx.findOneOrFail(AllocationPlanSchema, { id: input.planId });
        if (plan.summary) return plan.summary;
        await tx.execute(`update allocation_flags set status = 'undecided' where plan_id = ? and status = 'pending'`, [plan.id], 'run');
        const planned = new Map((await tx.execute<{ product_id: number; planned: number }[]>(PLANNED, [plan.id]))
          .map((r) => [Number(r.product_id), r.planned]));
        const parts = await tx.find(AllocationPartSchema, { planId: plan.id });
        const [flags] = await tx.execute<[{ big: number; surge: number; rejected: number }]>(
          `select count(*) filter (where kind = 'big_customer')::int as big, count(*) filter (where kind = 'surge')::int as surge,
             count(*) filter (where kind = 'over_cap' and status = 'rejected')::int as rejected
           from allocation_flags where plan_id = ?`, [plan.id]);
        const [reports] = await tx.execute<[{ total: number; on_time: number; late: number }]>(REPORTS, [input.dueAt, input.dueAt, plan.instanceId]);
        const summary: AllocationMonthSummary = {
          closedAt: new Date().toISOString(),
          products: Object.entries(plan.totals).map(([id, p]) => ({
            productId: Number(id), code: p.code, name: p.name, availability: p.availability, planned: planned.get(Number(id)) ?? 0,
          })).sort((a, b) => a.code.localeCompare(b.code)),
          adjustments: parts.reduce((s, p) => s + p.adjustments, 0),
          overCapRejected: flags.rejected,
          bigCustomers: flags.big,
          surgeFlags: flags.surge,
          reports: { due: input.dueAt, total: reports.total, onTime: reports.on_time, late: reports.late, missing: reports.total - reports.on_time - reports.late },
        };
        plan.summary = summary;
        appendAudit(tx, { type: 'allocation.closed', instanceId: plan.instanceId, data: { planId: plan.id, reports: summary.reports } });
        return summary;
      });
    },
  };
}

export type AllocationMonthActivities = ReturnType<typeof createAllocationMonthActivities>;
