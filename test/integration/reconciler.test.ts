import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../support/demoUsers.js';
import { proposeForReview } from '../support/regradeFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';

/*
 * What no activity will ever write, the workers' reconciler repairs from the workflows' own state:
 * an instance whose workflow ended without a word, a task row its workflow never had.
 */

let stack: TestStack;
let mgr1: string;
let sup1: string;
let admin: string;

beforeAll(async () => {
  stack = await startStack({ DUTYFLOW_RECONCILE_INTERVAL: '0.2s', DUTYFLOW_START_GRACE: '2s' });
  ({ mgr1, sup1, admin } = await (await demoUsers(stack)).tokens(['mgr1', 'sup1', 'admin']));
});
afterAll(() => stack?.close());

async function rows(sql: string, params: unknown[] = []): Promise<Record<string, any>[]> {
  return stack.orm.em.fork().getConnection().execute(sql, params);
}
const statusOf = async (table: 'process_instances' | 'tasks', id: string) => (await rows(`select status from ${table} where id = ?`, [id]))[0]!.status;
const audit = (type: string, column: 'instance_id' | 'task_id', id: string) =>
  rows(`select data from audit_log where type = ? and ${column} = ?`, [type, id]);

describe('the reconciler', () => {
  it('ends an instance whose workflow was terminated as failed, and cancels its open task', async () => {
    const { started, review } = await proposeForReview(stack, mgr1, sup1, 25, 26);
    await stack.temporal.workflow.getHandle(started.body.id).terminate('an operator ended it in the Temporal UI');
    await eventually(async () => ((await statusOf('process_instances', started.body.id)) === 'failed' ? true : undefined));
    expect(await statusOf('tasks', review.id)).toBe('cancelled');
    expect(await audit('instance.repaired', 'instance_id', started.body.id)).toEqual([{ data: { status: 'failed', workflowStatus: 'TERMINATED' } }]);
    expect(await audit('task.repaired', 'task_id', review.id)).toHaveLength(1);
    // The customer is free for a new proposal.
    expect((await stack.call('GET', `/api/instances/${started.body.id}`, mgr1)).body.status).toBe('failed');
  });

  it('cancels an open task row its running workflow never had, and leaves the real one open', async () => {
    const { started, review } = await proposeForReview(stack, mgr1, sup1, 27, 28);
    const stray = randomUUID();
    await rows(`insert into tasks (id, instance_id, process_key, step_key, name, form_key, form_version, assignee_id, created_at)
      values (?, ?, 'regrade', 'stray', 'regrade.review', 'approval-decision', 1, ?, now() - interval '10 minutes')`,
    [stray, started.body.id, review.assigneeId]);
    await eventually(async () => ((await statusOf('tasks', stray)) === 'cancelled' ? true : undefined));
    expect(await audit('task.repaired', 'task_id', stray)).toEqual([{ data: { status: 'cancelled', workflowSays: 'unknown' } }]);
    await new Promise((r) => setTimeout(r, 2_500)); // past the grace period, the real task is compared too
    expect(await statusOf('tasks', review.id)).toBe('open');
    expect(await statusOf('process_instances', started.body.id)).toBe('running');
  });

  it('shows admins its last pass', async () => {
    const health = await eventually(async () => {
      const answer = await stack.call('GET', '/api/admin/health', admin);
      return answer.body.reconciliation ? answer : undefined;
    });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ database: true, temporal: true, reconciliation: { counts: { checked: expect.any(Number) } } });
    expect(Date.now() - Date.parse(health.body.reconciliation.finishedAt)).toBeLessThan(10_000);
    expect((await stack.call('GET', '/api/admin/health', sup1)).status).toBe(403);
  });
});
