import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextAllocationMonth } from '../../domain/chinaTime.js';
import { ensureAllocationSchedule } from '../../worker/allocationSchedule.js';
import { demoUsers } from '../support/demoUsers.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { openTask } from '../support/taskFlows.js';

let stack: TestStack;
let scheduleId: string | null = null;
const month = nextAllocationMonth(new Date()).slice(0, 7);

beforeAll(async () => {
  stack = await startStack({ DUTYFLOW_ALLOCATION_SCHEDULE: 'on', DUTYFLOW_ALLOCATION_REVIEW_DUE: '1d' });
});
afterAll(async () => {
  if (scheduleId) await stack.temporal.schedule.getHandle(scheduleId).delete().catch(() => undefined);
  await stack?.close();
});

/** The result of the schedule's latest run (its workflow id carries the scheduled time). */
async function latestRun(count: number) {
  const handle = stack.temporal.schedule.getHandle(scheduleId!);
  const action = await eventually(async () => {
    const { info } = await handle.describe();
    return info.recentActions.length >= count ? info.recentActions.at(-1) : undefined;
  });
  return stack.temporal.workflow.getHandle(action.action.workflow.workflowId).result();
}

describe('the monthly allocation Schedule', () => {
  it('is off unless configured, created idempotently on the 1st at 08:00 Asia/Shanghai', async () => {
    expect(await ensureAllocationSchedule(stack.temporal, { ...stack.config, allocation: { ...stack.config.allocation, schedule: false } })).toBeNull();
    scheduleId = await ensureAllocationSchedule(stack.temporal, stack.config);
    expect(scheduleId).toBe(`allocation-cycle-monthly-${stack.config.temporal.taskQueue}`);
    // Again (a restart, a second worker): the same schedule, updated.
    expect(await ensureAllocationSchedule(stack.temporal, stack.config)).toBe(scheduleId);
    const described = await stack.temporal.schedule.getHandle(scheduleId!).describe();
    expect(described.spec.timezone).toBe('Asia/Shanghai');
    expect(described.spec.calendars).toEqual([expect.objectContaining({
      dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 8, end: 8, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }],
    })]);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'allocationCycle', taskQueue: stack.config.temporal.taskQueue });
    expect(described.action.type === 'startWorkflow' && described.action.args).toEqual([
      expect.objectContaining({ scheduled: true, settings: expect.objectContaining({ bigCustomerThreshold: 1000, surgePercent: 200 }) }),
    ]);
    expect(described.state.paused).toBe(false);
  });

  it('a run starts next month\'s cycle under its instance id; a month with a cycle is skipped', async () => {
    await stack.temporal.schedule.getHandle(scheduleId!).trigger();
    const first = await latestRun(1);
    expect(first).toMatchObject({ month, status: 'started', instanceId: expect.any(String) });
    const { instanceId } = first as { instanceId: string };
    const users = await demoUsers(stack);
    const { head, mgr1 } = await users.tokens(['head', 'mgr1']);
    // Running once the cycle has begun (written starting by the run, marked by the cycle's first step).
    await openTask(stack, mgr1, instanceId, `review-${users.ids.mgr1}`);
    const instance = (await stack.call('GET', `/api/instances/${instanceId}`, head)).body;
    expect(instance).toMatchObject({ processKey: 'allocation-cycle', status: 'running' });
    // The hand start sees the scheduled cycle as the month's running one.
    expect((await stack.call('POST', '/api/processes/allocation-cycle/instances', head, { data: { month }, requestId: randomUUID() })).status).toBe(409);

    await stack.temporal.schedule.getHandle(scheduleId!).trigger();
    expect(await latestRun(2)).toEqual({ month, status: 'skipped', reason: 'cycle-exists' });
    await eventually(async () => ((await stack.call('GET', `/api/allocation/cycles/${month}`, head)).body.status === 'reviewing' ? true : undefined));
  });
});
