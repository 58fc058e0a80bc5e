import {
  allHandlersFinished, condition, ParentClosePolicy, proxyActivities, proxyLocalActivities, startChild, uuid4, workflowInfo,
} from '@temporalio/workflow';
import type { AllocationMonthActivities, MonthChecks } from '../activities/allocationMonth.js';
import type { AllocationActivities, DraftedPart, DraftedPlan } from '../activities/allocationPlans.js';
import type { ProcessActivities } from '../activities/processActivities.js';
import type { AllocationReview } from '../forms/allocationReview.js';
import { LOCAL_ACTIVITY_OPTIONS } from './activityOptions.js';
import { TaskBoard, TaskCancelled } from './humanTask.js';
import type { Duration } from '../domain/calendar.js';

const process = proxyLocalActivities<ProcessActivities>(LOCAL_ACTIVITY_OPTIONS);
const plans = proxyLocalActivities<AllocationActivities>(LOCAL_ACTIVITY_OPTIONS);
const cycleMonth = proxyLocalActivities<AllocationMonthActivities>(LOCAL_ACTIVITY_OPTIONS);
// The draft reads, solves and stores a whole month (seconds, millions of lines): a regular activity.
const drafting = proxyActivities<AllocationActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute' },
});

/** A month's configuration, the same for a hand start and the schedule. */
export interface AllocationCycleSettings {
  /** 投放上限 per customer and product (null: none); a line above it after review needs 超限量户审批. */
  cap: number | null;
  /** ± fraction of a drafted quantity a manager may adjust it by (0.2 = 20 %). */
  adjustBound: number;
  sla: { review: Duration; approve: Duration; publish: Duration };
  /** 大客户: a customer's month (all products) above this many cartons gets a sales-flow feedback task. */
  bigCustomerThreshold: number;
  /** 内管预警 above this percentage of the previous month's published plan. */
  surgePercent: number;
  /** Market reports due this long after publication instead of the month's last working day (tests). */
  monthEnd?: Duration;
}

export interface AllocationCycleInput extends AllocationCycleSettings {
  instanceId: string;
  /** `YYYY-MM`. */
  month: string;
}

/** What the monthly Schedule passes: the month and the instance are found when it fires. */
export interface ScheduledAllocationInput {
  scheduled: true;
  settings: AllocationCycleSettings;
}

export interface AllocationCycleResult {
  planId: number;
  version: number;
  publishedBy: number;
  /** Review rounds the dept head sent back (0: published the first time). */
  returns: number;
}

/** A scheduled run: the cycle it started (as a child whose workflow id is the instance id), or why not. */
export interface ScheduledAllocationResult {
  month: string;
  status: 'started' | 'skipped';
  instanceId?: string;
  reason?: string;
}

/**
 * 月度货源投放, up to the published plan: the plan is drafted (exact engine, by tier) and stored →
 * every customer manager with customers reviews their part (adjustments within the bound, checked by
 * the API) → their supervisor approves it or returns it (back to the manager, adjustments kept) →
 * with every part approved the dept head publishes, or returns the whole plan to the managers →
 * published: read-only; publishing the month again is a new cycle and a new version → the month
 * (see {@link runMonth}) → closed with a summary.
 *
 * Started by hand (the API) or by the monthly Schedule with {@link ScheduledAllocationInput}: that run
 * creates next month's instance and starts the cycle as a child whose workflow id is the instance id
 * (as the API's), abandoned so it lives through its month; a month that already has a cycle is skipped.
 */
export async function allocationCycle(input: AllocationCycleInput | ScheduledAllocationInput): Promise<AllocationCycleResult | ScheduledAllocationResult> {
  if ('scheduled' in input) return startScheduledCycle(input);
  return runCycle(input);
}

async function startScheduledCycle(input: ScheduledAllocationInput): Promise<ScheduledAllocationResult> {
  const info = workflowInfo();
  const instanceId = uuid4();
  const opened = await cycleMonth.openScheduledCycle({ instanceId, requestId: info.workflowId, at: info.runStartTime.toISOString() });
  if (opened.status === 'skipped') return { month: opened.month, status: 'skipped', ...(opened.reason ? { reason: opened.reason } : {}) };
  await startChild(allocationCycle, {
    workflowId: instanceId, args: [{ ...input.settings, instanceId, month: opened.month }], parentClosePolicy: ParentClosePolicy.ABANDON,
  });
  return { month: opened.month, status: 'started', instanceId };
}

async function runCycle(input: AllocationCycleInput): Promise<AllocationCycleResult> {
  const board = new TaskBoard(input.instanceId, 'allocation-cycle');
  const plan: DraftedPlan = await drafting.draftPlan({ instanceId: input.instanceId, month: input.month, cap: input.cap });
  const context = { planId: plan.planId, month: plan.month, version: plan.version, title: `${plan.month} 月度货源投放` };
  await plans.recordPlanStatus({ planId: plan.planId, instanceId: input.instanceId, status: 'reviewing' });

  // Each manager's latest submission: a returned part (or plan) reopens with it.
  const submitted = new Map<number, AllocationReview>();
  const rounds = new Map<number, number>();

  async function reviewPart(part: DraftedPart): Promise<void> {
    const managerId = part.managerId;
    for (;;) {
      const round = (rounds.get(managerId) ?? 0) + 1;
      rounds.set(managerId, round);
      await plans.recordPartStep({ planId: plan.planId, managerId, status: 'reviewing', round });
      const previous = submitted.get(managerId);
      const review = await board.run({
        stepKey: `review-${managerId}`, name: 'allocation.review', formKey: 'allocation-review', assigneeId: managerId,
        prefill: previous ? { ...previous } : { adjustments: [] },
        context: { ...context, managerId, customers: part.customers, round, adjustBound: input.adjustBound },
        sla: { due: input.sla.review, escalateToRoles: ['supervisor'] },
      });
      const data = review.data as AllocationReview;
      submitted.set(managerId, { adjustments: data.adjustments, ...(data.comment === undefined ? {} : { comment: data.comment }) });
      await plans.applyAdjustments({ planId: plan.planId, managerId, adjustments: data.adjustments });
      await plans.recordPartStep({ planId: plan.planId, managerId, status: 'submitted', round });
      const decision = await board.run({
        stepKey: `approve-${managerId}`, name: 'allocation.approvePart', formKey: 'approval-decision',
        ...(part.supervisorId !== null ? { assigneeId: part.supervisorId } : { candidateRoles: ['dept_head'] }),
        excludedUserIds: [managerId], allowedOutcomes: ['approve', 'return'], actions: ['transfer', 'cc'],
        context: { ...context, managerId, customers: part.customers, round, recordId: review.recordId },
        sla: { due: input.sla.approve, escalateToRoles: ['dept_head'] },
      });
      const comment = typeof decision.data.comment === 'string' ? decision.data.comment : undefined;
      const approved = decision.outcome === 'approve';
      await plans.recordPartStep({
        planId: plan.planId, managerId, status: approved ? 'approved' : 'returned', round, decidedBy: decision.completedBy, ...(comment ? { comment } : {}),
      });
      if (approved) return;
    }
  }

  let returns = 0;
  for (;;) {
    await Promise.all(plan.parts.map(reviewPart));
    await plans.recordPlanStatus({ planId: plan.planId, instanceId: input.instanceId, status: 'approved' });
    const publication = await board.run({
      stepKey: 'publish', name: 'allocation.publish', formKey: 'approval-decision', candidateRoles: ['dept_head'],
      allowedOutcomes: ['approve', 'return'], actions: ['cc'],
      context: { ...context, parts: plan.parts.length, availability: plan.availability, drafted: plan.drafted },
      sla: { due: input.sla.publish, escalateToRoles: ['leader'] },
    });
    if (publication.outcome === 'approve') {
      await plans.recordPlanStatus({ planId: plan.planId, instanceId: input.instanceId, status: 'published', actorId: publication.completedBy });
      await runMonth(board, input, plan, context);
      await condition(allHandlersFinished);
      await process.finishInstance({
        instanceId: input.instanceId, status: 'completed', summary: { planStatus: 'published', publishedBy: publication.completedBy, closed: true },
      });
      return { planId: plan.planId, version: plan.version, publishedBy: publication.completedBy, returns };
    }
    // Sent back: every manager reviews again, starting from what they submitted.
    returns += 1;
    await plans.recordPlanStatus({ planId: plan.planId, instanceId: input.instanceId, status: 'reviewing', actorId: publication.completedBy });
  }
}

/**
 * The published plan's month. Flagged at once: big customers (one 信息反馈表 task each, for their
 * manager), lines above the cap (one 超限量户审批 per manager with such lines, for their supervisor:
 * approve keeps them, reject cuts them to the cap), 内管 warnings (stored, no task). Each manager
 * gets a 品牌信息反馈表 and the month-end 市场报告, due at the end of the month's last working day.
 * The month closes when every market report is in (late ones escalate to the supervisor and count
 * as late); feedback and approvals still open then are cancelled, and the summary is stored.
 */
async function runMonth(board: TaskBoard, input: AllocationCycleInput, plan: DraftedPlan, context: Record<string, unknown>): Promise<void> {
  const checks: MonthChecks = await cycleMonth.checkPublishedMonth({
    planId: plan.planId, bigCustomerThreshold: input.bigCustomerThreshold, cap: input.cap, surgePercent: input.surgePercent,
  });
  const end = await cycleMonth.allocationMonthEnd({ month: input.month, ...(input.monthEnd ? { override: input.monthEnd } : {}) });
  const due = { until: end.dueAt };
  const supervisorOf = new Map(plan.parts.map((p) => [p.managerId, p.supervisorId]));
  // Feedback and approvals still open at the close are cancelled, which their `run` reports by throwing.
  const optional: string[] = [];
  const track = { onOpened: (taskId: string) => { optional.push(taskId); } };
  const untilClosed = async (step: () => Promise<unknown>) => {
    try {
      await step();
    } catch (err) {
      if (!(err instanceof TaskCancelled)) throw err;
    }
  };

  const bigCustomer = (c: MonthChecks['bigCustomers'][number]) => untilClosed(() => board.run({
    stepKey: `sales-flow-${c.customerId}`, name: 'allocation.salesFlow', formKey: 'sales-flow-feedback', assigneeId: c.managerId,
    prefill: { customerId: c.customerId }, fixedData: { customerId: c.customerId },
    context: { ...context, customerId: c.customerId, customerCode: c.customerCode, customerName: c.customerName, total: c.total, threshold: input.bigCustomerThreshold },
    sla: { due },
  }, track));
  const overCap = (part: MonthChecks['overCap'][number]) => untilClosed(async () => {
    const supervisorId = supervisorOf.get(part.managerId) ?? null;
    const decision = await board.run({
      stepKey: `over-cap-${part.managerId}`, name: 'allocation.overCap', formKey: 'approval-decision',
      ...(supervisorId !== null ? { assigneeId: supervisorId } : { candidateRoles: ['dept_head'] }),
      excludedUserIds: [part.managerId], allowedOutcomes: ['approve', 'reject'], actions: ['transfer', 'cc'],
      context: { ...context, managerId: part.managerId, cap: input.cap, lines: part.lines },
      sla: { due: input.sla.approve, escalateToRoles: ['dept_head'] },
    }, track);
    const comment = typeof decision.data.comment === 'string' ? decision.data.comment : undefined;
    await cycleMonth.decideOverCap({
      planId: plan.planId, managerId: part.managerId, approved: decision.outcome === 'approve', decidedBy: decision.completedBy, ...(comment ? { comment } : {}),
    });
  });
  const brand = (part: DraftedPart) => untilClosed(() => board.run({
    stepKey: `brand-feedback-${part.managerId}`, name: 'allocation.brandFeedback', formKey: 'brand-feedback', assigneeId: part.managerId,
    context: { ...context, managerId: part.managerId }, sla: { due },
  }, track));
  const report = (part: DraftedPart) => board.run({
    stepKey: `market-report-${part.managerId}`, name: 'allocation.marketReport', formKey: 'market-report', assigneeId: part.managerId,
    context: { ...context, managerId: part.managerId, lastWorkingDay: end.lastWorkingDay },
    sla: { due, escalateToRoles: ['supervisor'] },
  });

  const during = Promise.all([...checks.bigCustomers.map(bigCustomer), ...checks.overCap.map(overCap), ...plan.parts.map(brand)]);
  await Promise.all(plan.parts.map(report));
  for (const taskId of optional) await board.cancel(taskId);
  await during;
  await cycleMonth.closeAllocationMonth({ planId: plan.planId, dueAt: end.dueAt });
}
