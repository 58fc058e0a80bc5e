import { allHandlersFinished, condition, proxyLocalActivities } from '@temporalio/workflow';
import { endOfChinaDay } from '../domain/chinaTime.js';
import type { HazardActivities, HazardStep } from '../activities/hazardActivities.js';
import type { ProcessActivities } from '../activities/processActivities.js';
import type { HazardAssessment } from '../forms/hazardAssessment.js';
import type { HazardNotice } from '../forms/hazardNotice.js';
import type { HazardReport } from '../forms/hazardReport.js';
import { LOCAL_ACTIVITY_OPTIONS } from './activityOptions.js';
import { TaskBoard, TaskCancelled } from './humanTask.js';
import { signStep, type SignMode } from './signStep.js';
import type { TaskCompletion } from './types.js';
import type { Duration } from '../domain/calendar.js';

// Short idempotent database writes: local activities, like the task engine's.
const process = proxyLocalActivities<ProcessActivities>(LOCAL_ACTIVITY_OPTIONS);
const hazards = proxyLocalActivities<HazardActivities>(LOCAL_ACTIVITY_OPTIONS);

export interface HazardInput {
  instanceId: string;
  code: string;
  reporterId: number;
  report: HazardReport;
  /** The leaders who sign a major hazard's plan off: 或签 (`any`, the first decides) or 会签 (`all`). */
  leaderIds: number[];
  signOffMode: SignMode;
  sla: {
    assess: Duration;
    notice: Duration;
    signOff: Duration;
    /** Verification is due this long after the rectification report. */
    verify: Duration;
    /** The responsible person is reminded this long before the deadline. */
    remindBeforeDeadline: { hours: number };
    /** Replaces the notice's deadline date (configured for trials and tests with a short deadline). */
    rectify?: Duration;
  };
}

export interface HazardResult {
  status: 'closed' | 'dismissed';
  level: string | null;
  rounds: number;
}

const HOUR_MS = 3600_000;


/**
 * 安全隐患排查整改: anyone reports → a safety officer assesses (confirms the level or dismisses) →
 * issues the rectification notice (五定) → for a 重大隐患 a leader signs the plan off (or returns it)
 * → the responsible person rectifies, reminded before the deadline, with a 督办 for the leaders once
 * it is overdue → a safety officer verifies (fail: another rectification round) → closed (销号).
 */
export async function hazardRectification(input: HazardInput): Promise<HazardResult> {
  const board = new TaskBoard(input.instanceId, 'hazard');
  const context = { code: input.code, title: `${input.code} ${input.report.place}`, place: input.report.place, category: input.report.category };
  const step = (status: HazardStep['status'], facts: Omit<HazardStep, 'instanceId' | 'status'> = {}) =>
    hazards.recordHazardStep({ instanceId: input.instanceId, status, ...facts });

  const assessment = await board.run({
    stepKey: 'assess', name: 'hazard.assess', formKey: 'hazard-assessment',
    candidateRoles: ['safety_officer'], allowedOutcomes: ['confirm', 'dismiss'], actions: ['transfer', 'cc'],
    prefill: { level: input.report.suspectedLevel }, context,
    sla: { due: input.sla.assess, escalateToRoles: ['leader'] },
  });
  const assessed = assessment.data as HazardAssessment;
  if (assessment.outcome === 'dismiss') {
    await step('dismissed', { assessed: { level: null, by: assessment.completedBy, result: assessed.comment ?? '' } });
    await condition(allHandlersFinished);
    await process.finishInstance({ instanceId: input.instanceId, status: 'rejected', summary: { hazardStatus: 'dismissed' } });
    return { status: 'dismissed', level: null, rounds: 0 };
  }
  const level = assessed.level ?? input.report.suspectedLevel;
  await step('notice', { assessed: { level, by: assessment.completedBy } });

  const notice = await issueNotice(input, board, context, level, assessment.completedBy, step);
  const rounds = await rectifyUntilVerified(input, board, { ...context, level, deadline: notice.deadline, measures: notice.measures }, notice, step);

  await board.cancelAll(null); // a 督办 nobody answered closes with the hazard
  await condition(allHandlersFinished);
  await process.finishInstance({ instanceId: input.instanceId, status: 'completed', summary: { hazardStatus: 'closed', rounds } });
  return { status: 'closed', level, rounds };
}

/** The notice, and for a 重大隐患 the leader's sign-off; a returned plan is reissued. */
async function issueNotice(input: HazardInput, board: TaskBoard, context: Record<string, unknown>, level: string,
  officerId: number, step: (status: HazardStep['status'], facts?: Omit<HazardStep, 'instanceId' | 'status'>) => Promise<void>) {
  let previous: Record<string, unknown> = { level };
  for (;;) {
    const issued = await board.run({
      stepKey: 'notice', name: 'hazard.notice', formKey: 'hazard-notice', assigneeId: officerId, actions: ['transfer'],
      prefill: previous, fixedData: { level }, context: { ...context, level }, sla: { due: input.sla.notice },
    });
    const notice = issued.data as HazardNotice;
    const facts = { notice: { responsibleId: notice.responsibleId, deadline: notice.deadline, measures: notice.measures, funds: notice.funds } };
    if (level !== 'major') {
      await step('rectifying', facts);
      return notice;
    }
    await step('sign_off', facts);
    const signOff = await signStep(board, {
      stepKey: 'sign-off', name: 'hazard.signOff', formKey: 'approval-decision',
      excludedUserIds: [issued.completedBy], allowedOutcomes: ['approve', 'return'], actions: ['addSigner', 'cc'],
      context: { ...context, level, deadline: notice.deadline, measures: notice.measures, funds: notice.funds },
      sla: { due: input.sla.signOff },
    }, input.leaderIds.filter((id) => id !== issued.completedBy), input.signOffMode);
    if (signOff.outcome === 'approve') {
      await step('rectifying', facts);
      return notice;
    }
    previous = issued.data;
  }
}

/** Rectification rounds until a verification passes; returns how many rounds it took. */
async function rectifyUntilVerified(input: HazardInput, board: TaskBoard, context: Record<string, unknown>, notice: HazardNotice,
  step: (status: HazardStep['status'], facts?: Omit<HazardStep, 'instanceId' | 'status'>) => Promise<void>): Promise<number> {
  const due = endOfChinaDay(notice.deadline);
  const remindAt = new Date(Date.parse(due) - input.sla.remindBeforeDeadline.hours * HOUR_MS).toISOString();
  const sla = input.sla.rectify ? { due: input.sla.rectify } : { due: { until: due }, remindAfter: { until: remindAt } };
  let previous: Record<string, unknown> | undefined;
  let supervised = false;
  for (let round = 1; ; round++) {
    const rectification: TaskCompletion = await board.run({
      stepKey: 'rectify', name: 'hazard.rectify', formKey: 'hazard-rectification', assigneeId: notice.responsibleId, actions: ['transfer'],
      prefill: previous, context: { ...context, round }, sla,
    }, {
      // Overdue: recorded, and every leader gets a 督办 (the responsible person keeps the task).
      onOverdue: async () => {
        await step('rectifying', { escalated: true });
        if (supervised) return; // one 督办 per hazard, whatever the round
        supervised = true;
        // Not awaited: the rectification goes on; an unanswered 督办 is cancelled when the hazard closes.
        void board.run({
          stepKey: 'supervise', name: 'hazard.supervise', formKey: 'supervision-note', candidateRoles: ['leader'],
          context: { ...context, responsibleId: notice.responsibleId },
        }).catch((err: unknown) => {
          if (!(err instanceof TaskCancelled)) throw err;
        });
      },
    });
    await step('verifying', { rectified: { round } });
    const verification = await board.run({
      stepKey: 'verify', name: 'hazard.verify', formKey: 'hazard-verification', candidateRoles: ['safety_officer'],
      excludedUserIds: [notice.responsibleId], allowedOutcomes: ['pass', 'fail'], actions: ['transfer', 'cc'],
      context: { ...context, round }, sla: { due: input.sla.verify, escalateToRoles: ['leader'] },
    });
    const comment = typeof verification.data.comment === 'string' ? verification.data.comment : undefined;
    const passed = verification.outcome === 'pass';
    await step(passed ? 'closed' : 'rectifying', { verified: { by: verification.completedBy, passed, comment } });
    if (passed) return round;
    previous = rectification.data;
  }
}
