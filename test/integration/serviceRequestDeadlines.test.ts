import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../support/demoUsers.js';
import { firstCustomerOf, serviceRequest, startServiceRequest, visitRecord } from '../support/serviceFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { complete, finished, openTask } from '../support/taskFlows.js';

/*
 * The product's own deadlines (answer in 24 h, visit in 48 h, natural hours, reminded 4 h before) on a
 * time-skipping Temporal server: the test skips a day and two in milliseconds.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({}, { timeSkipping: true });
});
afterAll(() => stack?.close());

const HOUR = 3600_000;

describe('a service request\'s own deadlines', () => {
  it('reminds at 20 h, escalates the reply at 24 h and the visit at 48 h to the supervisor (natural hours)', async () => {
    const users = await demoUsers(stack);
    const { mgr1, sup1 } = await users.tokens(['mgr1', 'sup1']);
    const customer = await firstCustomerOf(stack, mgr1, users.ids.mgr1!);
    const { body: { id } } = await startServiceRequest(stack, mgr1, serviceRequest(customer.id));
    const reply = await openTask(stack, mgr1, id, 'reply');
    const visit = await openTask(stack, mgr1, id, 'visit');
    const task = async (taskId: string) => (await stack.call('GET', `/api/tasks/${taskId}`, mgr1)).body;

    await stack.skipPast(Date.parse(reply.createdAt) + 20 * HOUR);
    await eventually(async () => ((await task(reply.id)).remindedAt ? true : undefined));
    expect((await task(reply.id)).escalatedAt).toBeNull();

    await stack.skipPast(reply.dueAt);
    await eventually(async () => ((await task(reply.id)).escalatedAt ? true : undefined));
    const supervise = await openTask(stack, sup1, id, 'supervise');
    expect(supervise.assigneeId).toBe(users.ids.sup1);
    expect((await task(visit.id)).escalatedAt).toBeNull(); // the visit still has a day

    await stack.skipPast(visit.dueAt);
    await eventually(async () => ((await task(visit.id)).escalatedAt ? true : undefined));
    const detail = (await stack.call('GET', `/api/instances/${id}`, sup1)).body;
    // Both missed, one 督办.
    expect(detail.tasks.filter((t: { stepKey: string }) => t.stepKey.startsWith('supervise'))).toHaveLength(1);

    expect((await complete(stack, mgr1, visit.id, { data: visitRecord() })).status).toBe(200);
    const done = await finished(stack, mgr1, id);
    expect(done.status).toBe('completed');
    expect(done.summary.answeredByVisit).toBe(true);
  });
});
