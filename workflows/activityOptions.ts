import type { LocalActivityOptions } from '@temporalio/workflow';

/**
 * Options for the processes' local activities: short, idempotent database writes run by the same
 * worker, without a round trip through the server for each (a human step costs one workflow task
 * instead of three). An activity that does long work (e.g. the allocation draft) is a regular one
 * with its own options.
 */
export const LOCAL_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
} as const satisfies LocalActivityOptions;
