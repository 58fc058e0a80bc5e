import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepStarts } from '../../activities/instanceStarts.js';
import { currentConfig } from '../../activities/businessSettings.js';
import { createVisitPlanActivities } from '../../activities/visitPlanActivities.js';
import { startVisitPlanWeek, visitPlanSettings } from '../../worker/visitPlanSchedule.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { customersAt, serveOnly } from '../support/visitPlanFlows.js';

/*
 * A week's plan its parent workflow has written but not yet started, swept by another worker's reconciler past
 * the start grace (the worker killed right after the plan's commit and down for longer than the grace): the row
 * stays `starting` while the parent runs, and the plan runs with its visits in the manager's inbox once the
 * worker is back. A parent that ended without starting its plan leaves nobody to start it: that start fails,
 * until the week is run again, which starts it.
 */
let stack: TestStack;
let users: DemoUsers;
let customer: { id: number };

beforeAll(async () => {
  stack = await startStack();
  users = await demoUsers(stack);
  customer = (await customersAt(stack, users.ids.mgr1!, 30))[0]!;
  await serveOnly(stack, [customer.id]);
});
afterAll(() => stack?.close());

const instanceOf = async (period: string) => (await stack.orm.em.fork().execute<{ id: string; status: string }[]>(
  `select id, status from process_instances where process_key = 'visit-plan' and business_key = ?`, [`visit-plan:${period}:${users.ids.mgr1}`]))[0];

/** With the worker down: the week's parent workflow started (waiting for a worker) and its plans written, as its first activity does. */
async function plannedButNotStarted(period: string) {
  await stack.stopWorker();
  const config = await currentConfig(stack.orm, stack.config);
  const parent = await startVisitPlanWeek(stack.temporal, config, period);
  const week = await createVisitPlanActivities(stack.orm).planVisitWeek({
    period, at: new Date().toISOString(), taskQueue: config.temporal.taskQueue, settings: visitPlanSettings(config.visitPlan), scheduled: false,
    parentWorkflowId: parent.workflowId,
  });
  expect(week.parts).toHaveLength(1);
  return parent;
}

describe('a week\'s plan swept before its parent starts it', () => {
  it('stays starting while the parent runs, then runs with its visits in the manager\'s inbox', async () => {
    const period = '2027-05-03';
    const parent = await plannedButNotStarted(period);
    let swept;
    try {
      swept = await sweepStarts(stack.orm, stack.temporal, 0);
      expect((await instanceOf(period))!.status).toBe('starting');
    } finally {
      await stack.startWorker();
    }
    expect(swept).toMatchObject({ failed: 0, awaitingParent: 1 });
    expect(await parent.result()).toMatchObject({ period, started: 1, existing: 1 });

    const mgr1 = await users.token('mgr1');
    const { id } = (await instanceOf(period))!;
    const visit = await eventually(async () => {
      const inbox = (await stack.call('GET', '/api/tasks?view=mine&process=visit-plan', mgr1)).body;
      return inbox.items.find((t: { instanceId: string }) => t.instanceId === id);
    });
    expect(visit).toMatchObject({ stepKey: `visit-${customer.id}`, status: 'open', canAct: true });
    expect((await stack.call('GET', `/api/instances/${id}`, mgr1)).body.status).toBe('running');
  });

  it('fails once the parent has ended without starting it, and the week run again starts it', async () => {
    const period = '2027-05-10';
    const parent = await plannedButNotStarted(period);
    try {
      await parent.terminate('an operator ended the week\'s run');
      expect(await sweepStarts(stack.orm, stack.temporal, 0)).toMatchObject({ failed: 1, awaitingParent: 0 });
    } finally {
      await stack.startWorker();
    }
    const { id, status } = (await instanceOf(period))!;
    expect(status).toBe('failed');
    const audit = await stack.orm.em.fork().execute(`select data from audit_log where type = 'instance.startFailed' and instance_id = ?`, [id]);
    expect(audit).toEqual([{ data: { reason: 'workflow never started' } }]);

    // The week run again (by the admin, or the Schedule's catch-up): the plan that was never started starts now, with its visits.
    const again = await startVisitPlanWeek(stack.temporal, await currentConfig(stack.orm, stack.config), period);
    expect(await again.result()).toMatchObject({ period, started: 1, existing: 1 });
    await eventually(async () => (await instanceOf(period))!.status === 'running' || undefined);
    const mgr1 = await users.token('mgr1');
    const visit = await eventually(async () => {
      const inbox = (await stack.call('GET', '/api/tasks?view=mine&process=visit-plan', mgr1)).body;
      return inbox.items.find((t: { instanceId: string }) => t.instanceId === id);
    });
    expect(visit).toMatchObject({ stepKey: `visit-${customer.id}`, status: 'open' });
    const retried = await stack.orm.em.fork().execute(`select count(*)::int as n from audit_log where type = 'instance.startRetried' and instance_id = ?`, [id]);
    expect(retried).toEqual([{ n: 1 }]);
  });
});
