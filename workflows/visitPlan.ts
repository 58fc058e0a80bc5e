import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  allHandlersFinished, condition, ParentClosePolicy, proxyActivities, proxyLocalActivities, sleep, startChild, workflowInfo,
} from '@temporalio/workflow';
import type { ProcessActivities } from '../activities/processActivities.js';
import type { PlannedVisitSpec, VisitPlanActivities, VisitPlanSettings } from '../activities/visitPlanActivities.js';
import { LOCAL_ACTIVITY_OPTIONS } from './activityOptions.js';
import { TaskBoard, workflowNow } from './humanTask.js';
import { runOrCancelled } from './serviceRequest.js';
import type { TaskCompletion } from './types.js';

const process = proxyLocalActivities<ProcessActivities>(LOCAL_ACTIVITY_OPTIONS);
const plans = proxyLocalActivities<VisitPlanActivities>(LOCAL_ACTIVITY_OPTIONS);
// Planning a week reads every customer (tens of thousands in a large company): a regular activity.
const planning = proxyActivities<VisitPlanActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute' },
});

/** How many of a plan's visit tasks open in one go. */
const OPEN_AT_ONCE = 20;

/** What the weekly Schedule (or a start by hand for a chosen week) passes. */
export interface VisitPlanWeekInput {
  /** The week's Monday (China date); absent: the week the run starts in (the Schedule's). */
  period?: string;
  settings: VisitPlanSettings;
  scheduled?: boolean;
}

export interface VisitPlanWeekResult {
  period: string;
  /** Managers' plans started by this run. */
  started: number;
  /** Customers planned by this run (0 on a re-run of a planned week). */
  visits: number;
  /** Managers whose plan of the week was there already. */
  existing: number;
}

export interface VisitPlanInput {
  instanceId: string;
  period: string;
  managerId: number;
  supervisorId: number | null;
}

export interface VisitPlanResult {
  done: number;
  missed: number;
}

/**
 * 差异化服务, a week: every served customer due that week by their tier band goes into their manager's plan,
 * and each manager's plan runs as its own workflow ({@link visitPlan}) whose id is its instance id — the same
 * for every run of the week, so a catch-up, a retry or a start by hand never plans anyone twice. The plans
 * are abandoned by this run: each lives until its last visit is recorded or closed.
 */
export async function visitPlanWeek(input: VisitPlanWeekInput): Promise<VisitPlanWeekResult> {
  const info = workflowInfo();
  const week = await planning.planVisitWeek({
    period: input.period ?? null, at: info.runStartTime.toISOString(), taskQueue: info.taskQueue, settings: input.settings,
    scheduled: input.scheduled === true, parentWorkflowId: info.workflowId,
  });
  const started = await Promise.all(week.parts.map(async (part) => {
    try {
      await startChild(visitPlan, {
        workflowId: part.instanceId, parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [{ instanceId: part.instanceId, period: week.period, managerId: part.managerId, supervisorId: part.supervisorId }],
      });
      return 1;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return 0; // an earlier run started it
      throw err;
    }
  }));
  return { period: week.period, started: started.reduce<number>((a, b) => a + b, 0), visits: week.visits, existing: week.existing };
}

/**
 * One manager's visit plan of a week: a visit task (the service request's 拜访记录 form) per planned customer,
 * due at the end of its band's period and reminded before. A visit not recorded by then is overdue: the
 * manager's supervisor gets one 督办 for the plan; it may still be recorded until its grace ends, then it
 * is closed as missed. The plan completes when every visit is recorded or closed.
 */
export async function visitPlan(input: VisitPlanInput): Promise<VisitPlanResult> {
  const board = new TaskBoard(input.instanceId, 'visit-plan');
  const visits = await plans.startVisitPlan({ instanceId: input.instanceId });
  const title = `${input.period} 周拜访计划`;
  let supervised = false;
  const supervise = () => {
    if (supervised) return; // one 督办 per plan, whichever visit was missed first
    supervised = true;
    void runOrCancelled(board, {
      stepKey: 'supervise', name: 'visitPlan.supervise', formKey: 'supervision-note',
      ...(input.supervisorId !== null ? { assigneeId: input.supervisorId } : { candidateRoles: ['dept_head'] }),
      context: { title, period: input.period, managerId: input.managerId },
    }, {});
  };

  async function runVisit(visit: PlannedVisitSpec): Promise<TaskCompletion | null> {
    const customer = { instanceId: input.instanceId, customerId: visit.customerId };
    let taskId: string | undefined;
    let settled = false;
    const completion = runOrCancelled(board, {
      stepKey: `visit-${visit.customerId}`, name: 'visitPlan.visit', formKey: 'service-visit', assigneeId: input.managerId, actions: ['transfer'],
      context: {
        title: visit.customerName, customerId: visit.customerId, customerCode: visit.customerCode, customerName: visit.customerName,
        address: visit.address, tier: visit.tier, every: visit.every, period: input.period,
      },
      sla: { due: { until: visit.dueAt }, ...(visit.remindAt ? { remindAfter: { until: visit.remindAt } } : {}) },
    }, {
      onOpened: (id) => { taskId = id; },
      onOverdue: async () => {
        await plans.recordPlannedVisit({ ...customer, step: 'overdue' });
        supervise();
      },
    }).finally(() => { settled = true; });
    // Past its grace the visit closes unrecorded; a record being stored right now still counts.
    if (!(await condition(() => settled, Math.max(Date.parse(visit.closeAt) - workflowNow(), 1))) && taskId !== undefined) {
      await board.cancel(taskId);
    }
    const done = await completion;
    await plans.recordPlannedVisit(done ? { ...customer, step: 'done', taskId: done.taskId, recordId: done.recordId } : { ...customer, step: 'missed' });
    return done;
  }

  // A score of tasks at a time: each workflow task then writes a bounded number of rows, however large the plan.
  const running: Promise<TaskCompletion | null>[] = [];
  for (const [i, visit] of visits.entries()) {
    if (i > 0 && i % OPEN_AT_ONCE === 0) await sleep('1 second');
    running.push(runVisit(visit));
  }
  const results = await Promise.all(running);
  await board.cancelAll(null); // a 督办 nobody answered closes with the plan
  await condition(allHandlersFinished);
  const result = { done: results.filter(Boolean).length, missed: results.filter((r) => !r).length };
  await process.finishInstance({ instanceId: input.instanceId, status: 'completed', summary: result });
  return result;
}
