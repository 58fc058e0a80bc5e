import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../support/demoUsers.js';
import { customerOf, proposal, proposeForReview, start } from '../support/regradeFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { openTask } from '../support/taskFlows.js';

/*
 * A start writes its instance `starting`, then starts the workflow. A kill -9 or a Temporal outage
 * between the two leaves a row Temporal knows nothing of; these check that nobody stays blocked by it
 * and that a start Temporal did take is never failed.
 */

async function rows(stack: TestStack, sql: string, params: unknown[] = []): Promise<Record<string, any>[]> {
  return stack.orm.em.fork().getConnection().execute(sql, params);
}

/** The row a start leaves when it dies right after its commit: `starting` since `minutesAgo`, no workflow. */
async function diedMidway(stack: TestStack, userId: number, customerId: number, minutesAgo: number, requestId = randomUUID()): Promise<string> {
  const id = randomUUID();
  await rows(stack, `insert into process_instances (id, process_key, business_key, title, status, started_by, start_request_id, started_at)
    values (?, 'regrade', ?, 'x', 'starting', ?, ?, now() - ? * interval '1 minute')`, [id, `customer:${customerId}`, userId, requestId, minutesAgo]);
  return id;
}

const statusOf = async (stack: TestStack, id: string) => (await rows(stack, 'select status from process_instances where id = ?', [id]))[0]!.status;
const auditTypes = async (stack: TestStack, id: string) =>
  (await rows(stack, 'select type from audit_log where instance_id = ? order by id', [id])).map((r) => r.type);

describe('the worker resolves starts that did not reach Temporal', () => {
  let stack: TestStack;
  let mgr1: string;
  let sup1: string;
  let ids: Record<string, number>;

  beforeAll(async () => {
    stack = await startStack({ DUTYFLOW_RECONCILE_INTERVAL: '0.2s', DUTYFLOW_START_GRACE: '5s' });
    const users = await demoUsers(stack);
    ids = users.ids;
    ({ mgr1, sup1 } = await users.tokens(['mgr1', 'sup1']));
  });
  afterAll(() => stack?.close());
  const proposeForReviewAs = (tier: number) => proposeForReview(stack, mgr1, sup1, tier, tier + 1);

  it('a start whose workflow never began is failed, audited once, and its customer is free again', async () => {
    const customer = await customerOf(stack, mgr1, 11);
    const id = await diedMidway(stack, ids.mgr1!, customer.id, 10);
    await eventually(async () => ((await statusOf(stack, id)) === 'failed' ? true : undefined));
    expect(await auditTypes(stack, id)).toEqual(['instance.startFailed']);
    const again = await start(stack, mgr1, proposal(customer.id, 12));
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('running');
  });

  it('a start Temporal took, whose row was never marked, is found running, never failed', async () => {
    const customer = await customerOf(stack, mgr1, 13);
    const started = await start(stack, mgr1, proposal(customer.id, 14));
    expect(started.body.status).toBe('running');
    // As if the API died after Temporal took the start and before it marked the row.
    await rows(stack, `update process_instances set status = 'starting', started_at = now() - interval '10 minutes' where id = ?`, [started.body.id]);
    await eventually(async () => ((await statusOf(stack, started.body.id)) === 'running' ? true : undefined));
    expect(await auditTypes(stack, started.body.id)).not.toContain('instance.startFailed');
    expect((await openTask(stack, sup1, started.body.id, 'review')).status).toBe('open');
  });

  it('the same requestId after the sweep failed the start resumes it', async () => {
    const customer = await customerOf(stack, mgr1, 15);
    const requestId = randomUUID();
    const data = proposal(customer.id, 16);
    const id = await diedMidway(stack, ids.mgr1!, customer.id, 10, requestId);
    await rows(stack, `insert into form_records (id, form_key, form_version, data, instance_id, request_id, created_by)
      values (gen_random_uuid(), 'regrade-proposal', 1, ?, ?, ?, ?)`, [JSON.stringify(data), id, requestId, ids.mgr1]);
    await eventually(async () => ((await statusOf(stack, id)) === 'failed' ? true : undefined));
    const resumed = await start(stack, mgr1, data, requestId);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ id, status: 'running' });
    expect((await openTask(stack, sup1, id, 'review')).status).toBe('open');
    expect(await auditTypes(stack, id)).toEqual(expect.arrayContaining(['instance.startFailed', 'instance.startResumed']));
  });

  it('a decision on a task its workflow does not know (yet) is a 503 to retry, not "already closed"', async () => {
    // As when a worker died before its first workflow task was recorded: the workflow re-runs up to the task.
    const { started, review } = await proposeForReviewAs(21);
    const stray = randomUUID();
    await rows(stack, `insert into tasks (id, instance_id, process_key, step_key, name, form_key, form_version, assignee_id, allowed_outcomes)
      values (?, ?, 'regrade', 'not-yet', 'regrade.review', 'approval-decision', 1, ?, '{approve,reject,return}')`,
    [stray, started.body.id, review.assigneeId]);
    const answer = await stack.call('POST', `/api/tasks/${stray}/complete`, sup1, { outcome: 'approve', comment: '同意', requestId: randomUUID() });
    expect(answer.status).toBe(503);
  });

  it('a fresh start is left alone while it may still be reaching Temporal', async () => {
    const customer = await customerOf(stack, mgr1, 17);
    const id = await diedMidway(stack, ids.mgr1!, customer.id, 0);
    await new Promise((r) => setTimeout(r, 1_000)); // five sweeps
    expect(await statusOf(stack, id)).toBe('starting');
    const busy = await start(stack, mgr1, proposal(customer.id, 18));
    expect(busy.status).toBe(409);
    expect(busy.body.error.details).toEqual({ instanceId: id });
  });
});

describe('a new start frees its customer from a start that never reached Temporal', () => {
  let stack: TestStack;
  let mgr1: string;
  let ids: Record<string, number>;

  beforeAll(async () => {
    // No sweep during this test: the start itself must resolve the stale row.
    stack = await startStack({ DUTYFLOW_RECONCILE_INTERVAL: '60m', DUTYFLOW_START_GRACE: '5s' });
    const users = await demoUsers(stack);
    ids = users.ids;
    ({ mgr1 } = await users.tokens(['mgr1']));
  });
  afterAll(() => stack?.close());

  it('at once, with the stale one failed and audited', async () => {
    const customer = await customerOf(stack, mgr1, 19);
    const stale = await diedMidway(stack, ids.mgr1!, customer.id, 10);
    const started = await start(stack, mgr1, proposal(customer.id, 20));
    expect(started.status).toBe(201);
    expect(await statusOf(stack, stale)).toBe('failed');
    expect(await auditTypes(stack, stale)).toEqual(['instance.startFailed']);
  });
});
