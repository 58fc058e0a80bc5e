import type { InstanceParts } from '../http/visibility.js';
import { allocationCycleProcess } from './allocationCycleProcess.js';

/** `value` as a user id, when it is one. */
const userId = (value: unknown): number | null => (Number.isInteger(value) ? (value as number) : null);

/**
 * 月度货源投放 is one instance for the whole department with a part per customer manager: the review of
 * their customers and its approval, their over-cap approval, feedback and market report. Those tasks
 * and the over-cap decision's event name the manager as `managerId`; the big-customer feedback does
 * not, but is assigned to the customer's manager. The publish step and plan-wide events (drafted,
 * published, closed: totals only) are nobody's part.
 */
export const allocationParts: InstanceParts = {
  processKey: allocationCycleProcess.key,
  taskOwner: (task) => userId(task.context.managerId) ?? task.assigneeId ?? null,
  eventOwner: (event) => userId(event.data.managerId),
};
