import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceRequestSchema } from '../../db/entities/index.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { firstCustomerOf, reply, serviceRequest, startServiceRequest, visitRecord } from '../support/serviceFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { complete, finished, openTask } from '../support/taskFlows.js';

/*
 * Short deadlines from the configuration (reply in 2 s, visit in 4 s, reminded 1 s before) on the dev
 * server: the reminders, the escalation to the supervisor and the lateness recorded, in real time.
 */
let stack: TestStack;
let users: DemoUsers;

beforeAll(async () => {
  stack = await startStack({ DUTYFLOW_SERVICE_REPLY_DUE: '2s', DUTYFLOW_SERVICE_VISIT_DUE: '4s', DUTYFLOW_SERVICE_REMIND_BEFORE: '1s' });
  users = await demoUsers(stack);
});
afterAll(() => stack?.close());

async function task(token: string, taskId: string) {
  return (await stack.call('GET', `/api/tasks/${taskId}`, token)).body;
}

describe('a service request past its deadlines', () => {
  it('reminds the manager, escalates to their supervisor with one 督办, records how late the reply and visit came, and still closes', async () => {
    const { mgr1, sup1, sup2 } = await users.tokens(['mgr1', 'sup1', 'sup2']);
    const customer = await firstCustomerOf(stack, mgr1, users.ids.mgr1!);
    const started = await startServiceRequest(stack, mgr1, serviceRequest(customer.id));
    const id = started.body.id as string;
    const replyTask = await openTask(stack, mgr1, id, 'reply');
    const visitTask = await openTask(stack, mgr1, id, 'visit');
    expect(Date.parse(replyTask.dueAt) - Date.parse(replyTask.createdAt)).toBe(2000);

    // Past both deadlines: each task reminded, then escalated; the supervisor (sup1) gets one 督办.
    await eventually(async () => ((await task(mgr1, visitTask.id)).escalatedAt ? true : undefined), 20_000);
    const replied = await task(mgr1, replyTask.id);
    expect(replied.remindedAt).not.toBeNull();
    expect(replied.escalatedAt).not.toBeNull();
    const supervise = await openTask(stack, sup1, id, 'supervise');
    expect(supervise.assigneeId).toBe(users.ids.sup1);
    expect(supervise.context.customerName).toBe(customer.name);
    expect((await stack.call('GET', `/api/tasks/${supervise.id}`, sup2)).status).toBe(404);
    const detail = (await stack.call('GET', `/api/instances/${id}`, sup1)).body;
    expect(detail.tasks.filter((t: { stepKey: string }) => t.stepKey.startsWith('supervise'))).toHaveLength(1);

    // The manager still answers and visits, late.
    expect((await complete(stack, mgr1, replyTask.id, { data: reply })).status).toBe(200);
    expect((await complete(stack, mgr1, visitTask.id, { data: visitRecord() })).status).toBe(200);
    const done = await finished(stack, mgr1, id);
    expect(done.status).toBe('completed');
    expect(done.tasks.find((t: { id: string }) => t.id === supervise.id).status).toBe('cancelled');
    const types = done.timeline.map((e: { type: string }) => e.type);
    expect(types.indexOf('task.reminded')).toBeLessThan(types.indexOf('task.escalated'));
    expect(types).toContain('service.escalated');

    const row = await stack.orm.em.fork().findOneOrFail(ServiceRequestSchema, { instanceId: id });
    expect(row.status).toBe('closed');
    expect(row.escalatedAt).not.toBeNull();
    expect(row.replyLateMinutes).toBeGreaterThanOrEqual(1);
    expect(row.visitLateMinutes).toBeGreaterThanOrEqual(1);
    expect(row.replyDueAt?.toISOString()).toBe(new Date(replyTask.dueAt).toISOString());
    expect(done.summary).toMatchObject({ serviceStatus: 'closed', escalated: true });
  });
});
