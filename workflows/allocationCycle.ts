import { allHandlersFinished, condition, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { AllocationActivities, DraftedPart, DraftedPlan } from '../activities/allocationPlans.js';
import type { ProcessActivities } from '../activities/processActivities.js';
import type { AllocationReview } from '../forms/allocationReview.js';
import { TaskBoard } from './humanTask.js';
import type { Duration } from './types.js';

const localOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
} as const;
const process = proxyLocalActivities<ProcessActivities>(localOptions);
const plans = proxyLocalActivities<AllocationActivities>(localOptions);
// The draft reads, solves and stores a whole month (seconds, millions of lines): a regular activity.
const drafting = proxyActivities<AllocationActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute' },
});

export interface AllocationCycleInput {
  instanceId: string;
  /** `YYYY-MM`. */
  month: string;
  /** 投放上限 per customer and product (null: none). */
  cap: number | null;
  /** ± fraction of a drafted quantity a manager may adjust it by (0.2 = 20 %). */
  adjustBound: number;
  sla: { review: Duration; approve: Duration; publish: Duration };
}

export interface AllocationCycleResult {
  planId: number;
  version: number;
  publishedBy: number;
  /** Review rounds the dept head sent back (0: published the first time). */
  returns: number;
}

/**
 * 月度货源投放, up to the published plan: the plan is drafted (exact engine, by tier) and stored →
 * every customer manager with customers reviews their part (adjustments within the bound, checked by
 * the API) → their supervisor approves it or returns it (back to the manager, adjustments kept) →
 * with every part approved the dept head publishes, or returns the whole plan to the managers →
 * published: read-only; publishing the month again is a new cycle and a new version.
 */
export async function allocationCycle(input: AllocationCycleInput): Promise<AllocationCycleResult> {
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
      await condition(allHandlersFinished);
      await process.finishInstance({
        instanceId: input.instanceId, status: 'completed', summary: { planStatus: 'published', publishedBy: publication.completedBy },
      });
      return { planId: plan.planId, version: plan.version, publishedBy: publication.completedBy, returns };
    }
    // Sent back: every manager reviews again, starting from what they submitted.
    returns += 1;
    await plans.recordPlanStatus({ planId: plan.planId, instanceId: input.instanceId, status: 'reviewing', actorId: publication.completedBy });
  }
}
