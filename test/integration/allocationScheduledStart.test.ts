import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { sweepStarts, type StartSweep } from '../../activities/instanceStarts.js';
import { repairFromWorkflows, type RepairCounts } from '../../activities/projectionRepair.js';
import { allocationCycleSettings } from '../../worker/allocationSchedule.js';
import type { allocationCycle } from '../../workflows/allocationCycle.js';
import { demoUsers } from '../support/demoUsers.js';
import { startStack, type TestStack } from '../support/stack.js';
import { openTask } from '../support/taskFlows.js';

/*
 * The monthly Schedule's run writes next month's cycle, then starts it as its child. A reconciler pass of another
 * worker in between (the run's worker killed right after the write, or slow) fails neither a workflow that is not
 * there yet nor a start that is only late: the cycle runs, and its instance says so.
 */
let stack: TestStack;
let worker: Worker;
let connection: NativeConnection;
let running: Promise<void>;
const passes: { repairs: RepairCounts; starts: StartSweep }[] = [];

beforeAll(async () => {
  stack = await startStack();
  await stack.stopWorker();
  const { taskQueue, namespace } = stack.config.temporal;
  const activities = createActivities(stack.orm, {
    webhooks: { client: stack.temporal, taskQueue, ...stack.config.webhooks }, publicUrl: stack.config.webhooks.publicUrl,
  });
  connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  worker = await Worker.create({
    connection, namespace, taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: {
      ...activities,
      // Once the cycle's row is written, before this run starts the cycle: a pass of another worker's reconciler
      // (worker/reconciler.ts: the running instances compared with their workflows, the starts swept), grace 0.
      async openScheduledCycle(input: Parameters<typeof activities.openScheduledCycle>[0]) {
        const opened = await activities.openScheduledCycle(input);
        const open = await stack.orm.em.fork().execute<{ id: string }[]>(`select id from process_instances where status = 'running'`);
        const repairs = await repairFromWorkflows(stack.orm, stack.temporal, open.map((r) => r.id), []);
        passes.push({ repairs, starts: await sweepStarts(stack.orm, stack.temporal, 0) });
        return opened;
      },
    },
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
  await stack?.close();
});

describe('the Schedule\'s cycle reconciled before it starts', () => {
  it('runs with its instance running, neither repaired nor failed', async () => {
    const { taskQueue } = stack.config.temporal;
    const run = await stack.temporal.workflow.start<typeof allocationCycle>('allocationCycle', {
      taskQueue, workflowId: `allocation-scheduled-${taskQueue}-by-test`,
      args: [{ scheduled: true, settings: allocationCycleSettings(stack.config.allocation) }],
    });
    const result = await run.result();
    expect(result).toMatchObject({ status: 'started', instanceId: expect.any(String) });
    const { instanceId } = result as { instanceId: string };

    const users = await demoUsers(stack);
    const { head, mgr1 } = await users.tokens(['head', 'mgr1']);
    await openTask(stack, mgr1, instanceId, `review-${users.ids.mgr1}`);
    const instance = (await stack.call('GET', `/api/instances/${instanceId}`, head)).body;
    expect(instance.status).toBe('running');
    expect(instance.timeline.map((e: { type: string }) => e.type)).not.toEqual(expect.arrayContaining(['instance.repaired']));
    expect(passes).toEqual([{
      repairs: { instances: 0, tasks: 0, unknown: 0 }, starts: { running: 0, failed: 0, awaitingParent: 1, unknown: 0 },
    }]);
  });
});
