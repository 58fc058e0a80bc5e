import { currentConfig } from '../../activities/businessSettings.js';
import { startVisitPlanWeek } from '../../worker/visitPlanSchedule.js';
import type { VisitPlanWeekResult } from '../../workflows/visitPlan.js';
import type { TestStack } from './stack.js';

/*
 * Planned visits (差异化服务) as a test sets them up: a few chosen customers served (every other one
 * suspended, so the plans stay small and hand-countable) and a week's plan made now.
 */

/** `managerId`'s customers of `tier`, by code (the demo gives each manager two per tier). */
export async function customersAt(stack: TestStack, managerId: number, tier: number): Promise<{ id: number; name: string; code: string }[]> {
  return stack.orm.em.fork().execute(
    'select id, name, code from customers where manager_id = ? and tier = ? order by code', [managerId, tier]);
}

/** Only `customerIds` are served: every other customer is marked 暂停营业 (suspended), which no plan takes in. */
export async function serveOnly(stack: TestStack, customerIds: number[]): Promise<void> {
  await stack.orm.em.fork().execute(`update customers set status = case when id = any(?::int[]) then '正常' else '暂停营业' end`,
    [`{${customerIds.join(',')}}`]);
}

/** Makes the plans of the week starting `period` (a Monday) with the settings in force, as the Schedule would; its result. */
export async function planWeek(stack: TestStack, period: string): Promise<VisitPlanWeekResult> {
  const handle = await startVisitPlanWeek(stack.temporal, await currentConfig(stack.orm, stack.config), period);
  return handle.result();
}

/** The planned visits of the stack's database, with their customer's tier, in plan and code order; `dueAt` as an ISO instant. */
export async function plannedRows(stack: TestStack) {
  const rows = await stack.orm.em.fork().execute<{
    customer_id: number; tier: number; period_start: string; every: string; due_at: string; status: string; instance_id: string;
    late_minutes: number | null; overdue_at: string | null;
  }[]>(`select pv.customer_id, pv.tier, to_char(pv.period_start, 'YYYY-MM-DD') as period_start, pv.every, pv.due_at, pv.status,
    pv.instance_id, pv.late_minutes, pv.overdue_at
    from planned_visits pv join customers c on c.id = pv.customer_id order by pv.period_start, c.code`);
  return rows.map((r) => ({ ...r, dueAt: new Date(r.due_at).toISOString() }));
}
