import { randomUUID } from 'node:crypto';
import type { DemoUsers } from './demoUsers.js';
import { eventually, type TestStack } from './stack.js';
import { act, openTask } from './taskFlows.js';

/** Review, approval and publish steps due in a day: a cycle runs to its published plan within a test. */
export const SHORT_ALLOCATION_DUES = {
  DUTYFLOW_ALLOCATION_REVIEW_DUE: '1d', DUTYFLOW_ALLOCATION_APPROVE_DUE: '1d', DUTYFLOW_ALLOCATION_PUBLISH_DUE: '1d',
};

/** The demo's customer managers and who approves each one's part. */
export const DEMO_MANAGERS = ['mgr1', 'mgr2', 'mgr3', 'mgr4', 'mgr5', 'mgr6'] as const;
export const DEMO_SUPERVISOR: Record<(typeof DEMO_MANAGERS)[number], 'sup1' | 'sup2'> = {
  mgr1: 'sup1', mgr2: 'sup1', mgr3: 'sup1', mgr4: 'sup2', mgr5: 'sup2', mgr6: 'sup2',
};

/** One line changed in a manager's review. */
export interface Adjustment { customerId: number; productCode: string; quantity: number }

/** Starts the allocation cycle of `month` (`YYYY-MM`) as `token`'s user; the HTTP answer. */
export function startAllocationCycle(stack: TestStack, token: string, month: string) {
  return stack.call('POST', '/api/processes/allocation-cycle/instances', token, { data: { month }, requestId: randomUUID() });
}

/** Waits until the cycle has drafted its plan: every manager's review task is open. */
export async function awaitReviews(stack: TestStack, users: DemoUsers, instanceId: string): Promise<void> {
  for (const m of DEMO_MANAGERS) await openTask(stack, await users.token(m), instanceId, `review-${users.ids[m]}`);
}

/**
 * Runs a drafted cycle to its published plan: each manager submits (with `adjustments[manager]`,
 * else as drafted), their supervisor approves, the dept head publishes. Resolves once the month's
 * plan reads as published.
 */
export async function publishAllocation(
  stack: TestStack, users: DemoUsers, instanceId: string, month: string,
  adjustments: Partial<Record<(typeof DEMO_MANAGERS)[number], Adjustment[]>> = {},
): Promise<void> {
  const { ids } = users;
  for (const m of DEMO_MANAGERS) await act(stack, await users.token(m), instanceId, `review-${ids[m]}`, { data: { adjustments: adjustments[m] ?? [] } });
  for (const m of DEMO_MANAGERS) await act(stack, await users.token(DEMO_SUPERVISOR[m]), instanceId, `approve-${ids[m]}`, { outcome: 'approve' });
  const head = await users.token('head');
  await act(stack, head, instanceId, 'publish', { outcome: 'approve', comment: '同意发布' });
  await eventually(async () => {
    const { body } = await stack.call('GET', `/api/allocation/cycles/${month}`, head);
    return body?.status === 'published' ? body : undefined;
  });
}
