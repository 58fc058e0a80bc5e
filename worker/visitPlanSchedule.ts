import {
  ScheduleOverlapPolicy, WorkflowIdReusePolicy, type Client, type ScheduleOptionsStartWorkflowAction, type WorkflowHandle,
} from '@temporalio/client';
import type { VisitPlanSettings } from '../activities/visitPlanActivities.js';
import { CHINA_TIME_ZONE } from '../domain/chinaTime.js';
import type { AppConfig } from '../runtime/config.js';
import { instanceSearchAttributes } from '../runtime/searchAttributes.js';
import type { visitPlanWeek } from '../workflows/visitPlan.js';
import { ensureSchedule } from './ensureSchedule.js';

/** One schedule per task queue (the deployment's workers), so test stacks on one server stay apart. */
export const visitPlanScheduleId = (taskQueue: string) => `visit-plan-weekly-${taskQueue}`;

/** The settings a week's plan is made with, from the configuration in force (the Schedule's and a start by hand alike). */
export function visitPlanSettings(v: AppConfig['visitPlan']): VisitPlanSettings {
  return {
    bands: v.bands.map((band) => ({ ...band })), byBusinessType: v.byBusinessType.map((rule) => ({ ...rule })), dueAfter: v.dueAfter,
    remindBefore: v.remindBefore, lateGrace: v.lateGrace,
  };
}

function scheduleParts(config: AppConfig) {
  const action: ScheduleOptionsStartWorkflowAction<typeof visitPlanWeek> = {
    type: 'startWorkflow', workflowType: 'visitPlanWeek', taskQueue: config.temporal.taskQueue,
    // Temporal appends the scheduled time; the run plans the week it starts in.
    workflowId: `visit-plan-scheduled-${config.temporal.taskQueue}`,
    args: [{ scheduled: true, settings: visitPlanSettings(config.visitPlan) }],
    typedSearchAttributes: instanceSearchAttributes({ processKey: 'visit-plan', starter: 'schedule' }),
  };
  return {
    spec: {
      calendars: [{ dayOfWeek: 'MONDAY' as const, hour: 7, minute: 0, comment: '每周一 07:00 生成本周拜访计划' }],
      timezone: CHINA_TIME_ZONE, // the week starts at 07:00 China time
    },
    action,
    // A server that was down on Monday morning still plans the week within a day; a second run plans nothing twice.
    policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '1 day' },
  };
}

/**
 * The Temporal Schedule that makes each week's visit plans on Monday at 07:00 China time
 * (DUTYFLOW_VISIT_PLAN_SCHEDULE=on, the default). Idempotent: an existing schedule gets the current settings
 * (an admin's new bands reach next week's plan), keeping its paused state. Returns the schedule id, or null when off.
 */
export async function ensureVisitPlanSchedule(client: Client, config: AppConfig): Promise<string | null> {
  if (!config.visitPlan.schedule) return null;
  const scheduleId = visitPlanScheduleId(config.temporal.taskQueue);
  await ensureSchedule(client, scheduleId, scheduleParts(config));
  return scheduleId;
}

/**
 * Plans the week starting `period` (a Monday, China date) now, as the Schedule would on that Monday: for a week
 * the Schedule missed, or the demo's weeks. One run per week at a time (the same workflow id); a finished week
 * may be run again and plans only what is not planned yet.
 */
export function startVisitPlanWeek(client: Client, config: AppConfig, period: string): Promise<WorkflowHandle<typeof visitPlanWeek>> {
  return client.workflow.start<typeof visitPlanWeek>('visitPlanWeek', {
    taskQueue: config.temporal.taskQueue, workflowId: `visit-plan-week-${config.temporal.taskQueue}-${period}`,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    args: [{ period, settings: visitPlanSettings(config.visitPlan) }],
    typedSearchAttributes: instanceSearchAttributes({ processKey: 'visit-plan', businessKey: `visit-plan:${period}`, starter: 'admin' }),
  });
}
