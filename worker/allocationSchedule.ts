import { ScheduleOverlapPolicy, type Client, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { CHINA_TIME_ZONE } from '../domain/chinaTime.js';
import type { AppConfig } from '../runtime/config.js';
import { instanceSearchAttributes } from '../runtime/searchAttributes.js';
import type { allocationCycle, AllocationCycleSettings } from '../workflows/allocationCycle.js';
import { ensureSchedule } from './ensureSchedule.js';

/** One schedule per task queue (the deployment's workers), so test stacks on one server stay apart. */
export const allocationScheduleId = (taskQueue: string) => `allocation-cycle-monthly-${taskQueue}`;

/** The month's configuration a cycle runs with, from the boot configuration (hand start and schedule alike). */
export function allocationCycleSettings(a: AppConfig['allocation']): AllocationCycleSettings {
  return {
    cap: a.cap, adjustBound: a.adjustBound, sla: { review: a.reviewDue, approve: a.approveDue, publish: a.publishDue },
    bigCustomerThreshold: a.bigCustomerThreshold, surgePercent: a.surgePercent, ...(a.monthEnd ? { monthEnd: a.monthEnd } : {}),
  };
}

function scheduleParts(config: AppConfig) {
  const action: ScheduleOptionsStartWorkflowAction<typeof allocationCycle> = {
    type: 'startWorkflow', workflowType: 'allocationCycle', taskQueue: config.temporal.taskQueue,
    // Temporal appends the scheduled time; the run starts the month's cycle under the instance's own id.
    workflowId: `allocation-scheduled-${config.temporal.taskQueue}`,
    args: [{ scheduled: true, settings: allocationCycleSettings(config.allocation) }],
    // The month (the business key) is found when it fires.
    typedSearchAttributes: instanceSearchAttributes({ processKey: 'allocation-cycle', starter: 'schedule' }),
  };
  return {
    spec: {
      calendars: [{ dayOfMonth: 1, hour: 8, minute: 0, comment: '每月 1 日 08:00 发起下月货源投放' }],
      timezone: CHINA_TIME_ZONE, // the monthly cycle starts at 08:00 China time
    },
    action,
    // Each month is its own cycle (a month's cycle runs until that month ends): runs may overlap. A server
    // that was down at 08:00 still starts the month within a day.
    policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '1 day' },
  };
}

/**
 * The Temporal Schedule that starts next month's allocation cycle on the 1st at 08:00 China time
 * (DUTYFLOW_ALLOCATION_SCHEDULE=on, the default). Idempotent: an existing schedule gets the current
 * configuration (a restart with a new cap reaches the next month's cycle), keeping its paused state.
 * Returns the schedule id, or null when switched off.
 */
export async function ensureAllocationSchedule(client: Client, config: AppConfig): Promise<string | null> {
  if (!config.allocation.schedule) return null;
  const scheduleId = allocationScheduleId(config.temporal.taskQueue);
  await ensureSchedule(client, scheduleId, scheduleParts(config));
  return scheduleId;
}
