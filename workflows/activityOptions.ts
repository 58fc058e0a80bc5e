import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';

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

/**
 * Options for the writes an update handler makes (a completion, a 转交, a withdrawal): regular
 * activities, because a local activity runs before Temporal has recorded the update — killed at that
 * moment, PostgreSQL would show a decision the workflow never took. A regular activity is scheduled
 * in the same history write that accepts the update, so its write always follows a recorded decision.
 * The server hands it to the worker eagerly, in its answer to that workflow task (dynamic config
 * `system.enableActivityEagerExecution`), so it costs no dispatch through the task queue.
 */
export const RECORDED_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
} as const satisfies ActivityOptions;
