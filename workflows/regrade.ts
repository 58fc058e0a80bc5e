import { allHandlersFinished, condition, proxyLocalActivities } from '@temporalio/workflow';
import type { ProcessActivities } from '../activities/processActivities.js';
import type { RegradeProposal } from '../forms/regradeProposal.js';
import { LOCAL_ACTIVITY_OPTIONS } from './activityOptions.js';
import { TaskBoard, TaskCancelled } from './humanTask.js';
import { regradeTitle } from '../domain/regradeRules.js';
import { signStep } from './signStep.js';
import type { TaskCompletion, TaskSpec } from './types.js';
import type { Duration } from '../domain/calendar.js';

// Short idempotent database writes: local activities, like the task engine's.
const process = proxyLocalActivities<ProcessActivities>(LOCAL_ACTIVITY_OPTIONS);

export interface RegradeInput {
  instanceId: string;
  customer: { id: number; code: string; name: string; tier: number };
  proposerId: number;
  supervisorId: number;
  /** The evidence a customer manager submits (form `regrade-proposal`). */
  proposal: RegradeProposal;
  /** A change of more than this many tiers also needs the dept head. */
  headApprovalAbove: number;
  decisionSla: { due: Duration; remindAfter: Duration };
}

export interface RegradeResult {
  status: 'completed' | 'rejected' | 'cancelled';
  fromTier: number;
  toTier: number;
  effectiveFrom?: string;
}

const DECISIONS = ['approve', 'reject', 'return'];

/**
 * 客户分档调整: supervisor decides (approve / reject / return for more evidence); a change of more
 * than `headApprovalAbove` tiers also needs the dept head; approval changes the customer's tier
 * from the next allocation month. The proposer may never decide, and may withdraw the proposal
 * until it is decided.
 */
export async function regrade(input: RegradeInput): Promise<RegradeResult> {
  const board = new TaskBoard(input.instanceId, 'regrade');
  const fromTier = input.customer.tier;
  let decided = false;
  const withdrawn = board.allowWithdraw(input.proposerId, () => decided);

  let final: { decision: TaskCompletion; proposal: RegradeProposal };
  try {
    final = await decideProposal(input, board);
    decided = true; // before anything else is awaited: a later withdraw is refused
  } catch (err) {
    if (!(err instanceof TaskCancelled)) throw err;
    await condition(allHandlersFinished);
    await process.finishInstance({ instanceId: input.instanceId, status: 'cancelled', summary: { withdrawal: withdrawn.withdrawal } });
    return { status: 'cancelled', fromTier, toTier: fromTier };
  }
  await condition(allHandlersFinished);
  const { decision, proposal } = final;
  if (decision.outcome === 'approve') {
    const { effectiveFrom } = await process.approveRegrade({
      instanceId: input.instanceId, customerId: input.customer.id,
      toTier: proposal.proposedTier, decidedBy: decision.completedBy,
    });
    return { status: 'completed', fromTier, toTier: proposal.proposedTier, effectiveFrom };
  }
  await process.finishInstance({ instanceId: input.instanceId, status: 'rejected', summary: { toTier: fromTier } });
  return { status: 'rejected', fromTier, toTier: fromTier };
}

/** The decision rounds: review, maybe the head's review, and a revision after each return. */
async function decideProposal(input: RegradeInput, board: TaskBoard) {
  const fromTier = input.customer.tier;
  let proposal = input.proposal;
  const decisionSpec = (stepKey: string, name: string, excluded: number[]): TaskSpec => ({
    stepKey, name, formKey: 'approval-decision', excludedUserIds: excluded, allowedOutcomes: DECISIONS,
    context: context(input, proposal), sla: { ...input.decisionSla, escalateToRoles: ['dept_head'] },
  });

  for (;;) {
    // The supervisor's review is a sign step: they may 转交, 加签 (before, after, beside) or 抄送.
    let decision = await signStep(board, { ...decisionSpec('review', 'regrade.review', [input.proposerId]), actions: ['transfer', 'addSigner', 'cc'] },
      [input.supervisorId], 'all');
    // A dept head who decided the (escalated) review has given the second level already.
    const headDecided = decision.completedByRoles.includes('dept_head');
    if (decision.outcome === 'approve' && !headDecided && Math.abs(proposal.proposedTier - fromTier) > input.headApprovalAbove) {
      decision = await board.run({
        ...decisionSpec('head-review', 'regrade.headReview', [input.proposerId, decision.completedBy]),
        candidateRoles: ['dept_head'], actions: ['transfer', 'cc'],
      });
    }
    if (decision.outcome !== 'return') return { decision, proposal };
    const revised = await board.run({
      stepKey: 'revise', name: 'regrade.revise', formKey: 'regrade-proposal',
      assigneeId: input.proposerId,
      prefill: proposal,
      fixedData: { customerId: input.customer.id },
      context: { ...context(input, proposal), returnedBy: decision.completedBy, comment: decision.data.comment },
      sla: input.decisionSla, // reminded and marked overdue; nobody else can revise it
    });
    proposal = revised.data as RegradeProposal; // customerId is fixedData: unchanged
    await process.reviseInstance({
      instanceId: input.instanceId,
      title: regradeTitle(input.customer.name, fromTier, proposal.proposedTier),
      summary: { proposedTier: proposal.proposedTier },
    });
  }
}

function context(input: RegradeInput, proposal: RegradeProposal): Record<string, unknown> {
  return {
    customerId: input.customer.id,
    customerCode: input.customer.code,
    customerName: input.customer.name,
    fromTier: input.customer.tier,
    proposedTier: proposal.proposedTier,
    proposerId: input.proposerId,
  };
}
