import type { EntityManager } from '@mikro-orm/postgresql';
import { AllocationPlanSchema, type Task } from '../../db/entities/index.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { ConflictError } from '../http/errors.js';
import { t } from '../http/messages.js';

/** What a manager's part of a plan allows: their customers and their drafted lines. */
export interface ReviewScope {
  customerIds: ReadonlySet<number>;
  /** Product codes of the plan. */
  productCodes: ReadonlySet<string>;
  /** Drafted cartons by `customerId:productCode` (a missing line was drafted at 0). */
  drafted: ReadonlyMap<string, number>;
  /** The manager's drafted total per product code. */
  draftedTotals: ReadonlyMap<string, number>;
}

export interface Adjustment {
  customerId: number;
  productCode: string;
  quantity: number;
}

/** The quantities a drafted line may be moved to: ⌈d·(1−b)⌉ … ⌊d·(1+b)⌋ (rounding never widens the bound). */
export function adjustmentRange(drafted: number, bound: number): { min: number; max: number } {
  const eps = 1e-9;
  return { min: Math.max(0, Math.ceil(drafted * (1 - bound) - eps)), max: Math.floor(drafted * (1 + bound) + eps) };
}

/**
 * Checks a manager's adjustments (the whole set of one submission) against their part: own
 * customers only, products of the plan, each line once, within ± `bound` of its drafted quantity,
 * and per product a total not above the manager's drafted total (reported on the product's last line).
 * Each error is at its line's path (`/adjustments/<i>/…`, 0-based), which the review grid turns into
 * the customer's and product's names; the message says what is wrong with the line. A customer or
 * product the manager's grid cannot have is named by row and code instead.
 */
export function adjustmentErrors(scope: ReviewScope, adjustments: readonly Adjustment[], bound: number, locale: Locale): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const totals = new Map(scope.draftedTotals);
  const lastRow = new Map<string, number>();
  adjustments.forEach((a, i) => {
    const params = { row: i + 1, product: a.productCode };
    if (!scope.customerIds.has(a.customerId)) {
      errors.push({ path: `/adjustments/${i}/customerId`, message: t(locale, 'allocationNotOwnCustomer', params) });
      return;
    }
    if (!scope.productCodes.has(a.productCode)) {
      errors.push({ path: `/adjustments/${i}/productCode`, message: t(locale, 'allocationUnknownProduct', params) });
      return;
    }
    const key = `${a.customerId}:${a.productCode}`;
    if (seen.has(key)) {
      errors.push({ path: `/adjustments/${i}`, message: t(locale, 'allocationDuplicateLine') });
      return;
    }
    seen.add(key);
    const drafted = scope.drafted.get(key) ?? 0;
    const { min, max } = adjustmentRange(drafted, bound);
    if (a.quantity < min || a.quantity > max) {
      errors.push({
        path: `/adjustments/${i}/quantity`,
        message: t(locale, 'allocationOutOfBound', { min, max, drafted, bound: Math.round(bound * 1000) / 10 }),
      });
      return;
    }
    totals.set(a.productCode, (totals.get(a.productCode) ?? 0) - drafted + a.quantity);
    lastRow.set(a.productCode, i);
  });
  for (const [code, i] of lastRow) {
    const total = totals.get(code)!;
    const max = scope.draftedTotals.get(code) ?? 0;
    if (total > max) {
      errors.push({ path: `/adjustments/${i}/quantity`, message: t(locale, 'allocationOverTotal', { total, max }) });
    }
  }
  return errors;
}

const OWN_LINES = `
select l.customer_id, p.code, l.drafted
from allocation_lines l
join customers c on c.id = l.customer_id
join products p on p.id = l.product_id
where l.plan_id = ? and c.manager_id = ?`;

/** The review scope of `managerId` in plan `planId`, read from the lines. */
export async function reviewScope(em: EntityManager, planId: number, managerId: number): Promise<ReviewScope & { planStatus: string }> {
  const plan = await em.findOneOrFail(AllocationPlanSchema, { id: planId });
  const [customers, lines] = await Promise.all([
    em.execute<{ id: number }[]>('select id from customers where manager_id = ?', [managerId]),
    em.execute<{ customer_id: number; code: string; drafted: number }[]>(OWN_LINES, [planId, managerId]),
  ]);
  const drafted = new Map<string, number>();
  const draftedTotals = new Map<string, number>();
  for (const line of lines) {
    drafted.set(`${line.customer_id}:${line.code}`, line.drafted);
    draftedTotals.set(line.code, (draftedTotals.get(line.code) ?? 0) + line.drafted);
  }
  return {
    planStatus: plan.status,
    customerIds: new Set(customers.map((c) => Number(c.id))),
    productCodes: new Set(Object.values(plan.totals).map((p) => p.code)),
    drafted, draftedTotals,
  };
}

/** The `allocation-review` task's data rules: 409 once the plan is past review, 422 for bad rows. */
export async function allocationReviewErrors(em: EntityManager, task: Task, data: Record<string, unknown>, locale: Locale): Promise<FieldError[]> {
  const planId = Number(task.context.planId);
  const managerId = Number(task.context.managerId);
  const bound = Number(task.context.adjustBound);
  const scope = await reviewScope(em, planId, managerId);
  if (scope.planStatus !== 'draft' && scope.planStatus !== 'reviewing') throw new ConflictError('allocationPlanClosed');
  return adjustmentErrors(scope, (data.adjustments ?? []) as Adjustment[], bound, locale);
}
