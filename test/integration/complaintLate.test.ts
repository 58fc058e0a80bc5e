import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplaintSchema } from '../../db/entities/index.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { complaintRecord, firstCustomerOf, startComplaint } from '../support/serviceFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { act, finished, openTask } from '../support/taskFlows.js';

/* Short deadlines from the configuration (first response 2 s, handling 3 s) on the dev server: escalation to the dept head, lateness recorded. */
let stack: TestStack;
let users: DemoUsers;

beforeAll(async () => {
  stack = await startStack({ DUTYFLOW_COMPLAINT_RESPONSE_DUE: '2s', DUTYFLOW_COMPLAINT_RESOLVE_DUE: '3s', DUTYFLOW_SERVICE_REMIND_BEFORE: '1s' });
  users = await demoUsers(stack);
});
afterAll(() => stack?.close());

describe('an overdue complaint', () => {
  it('escalates to the dept head (who may then assign it, and gets one 督办), records the late response, and still closes', async () => {
    const { mgr1, mgr2, sup1, head } = await users.tokens(['mgr1', 'mgr2', 'sup1', 'head']);
    const customer = await firstCustomerOf(stack, mgr1, users.ids.mgr1!);
    const { body: { id } } = await startComplaint(stack, mgr1, complaintRecord(customer.id, { category: 'supply' }));
    const assign = await openTask(stack, sup1, id, 'assign');
    expect((await stack.call('GET', `/api/tasks/${assign.id}`, head)).body.canAct).toBe(false);

    // Nobody assigned it within the first-response time: the dept head may, and is asked to chase it.
    const escalated = await eventually(async () => {
      const task = (await stack.call('GET', `/api/tasks/${assign.id}`, head)).body;
      return task.escalatedAt ? task : undefined;
    }, 20_000);
    expect(escalated.canAct).toBe(true);
    expect(escalated.remindedAt).not.toBeNull();
    const supervise = await openTask(stack, head, id, 'supervise');
    expect(supervise.candidateRoles).toEqual(['dept_head']);
    const row = await eventually(async () => {
      const complaint = await stack.orm.em.fork().findOneOrFail(ComplaintSchema, { instanceId: id });
      return complaint.escalatedAt ? complaint : undefined;
    });
    expect(row.status).toBe('assigning');

    await act(stack, head, id, 'assign', { data: { handlerId: users.ids.mgr2 } });
    await act(stack, mgr2, id, 'respond', { data: { response: '已电话联系客户说明货源安排', via: 'phone' } });
    await new Promise((r) => setTimeout(r, 3_500)); // past the handling allowance too
    await act(stack, mgr2, id, 'resolve', { data: { actions: '协调增加下周供货', result: '客户接受' } });
    // The dept head assigned it: the dept head calls back (never the handler).
    await act(stack, head, id, 'revisit', { data: { satisfaction: 'satisfied' } });

    const done = await finished(stack, mgr1, id);
    expect(done.status).toBe('completed');
    expect(done.tasks.find((t: { id: string }) => t.id === supervise.id).status).toBe('cancelled');
    expect(done.tasks.filter((t: { stepKey: string }) => t.stepKey.startsWith('supervise'))).toHaveLength(1);
    expect(done.timeline.map((e: { type: string }) => e.type)).toContain('complaint.escalated');
    const closed = await stack.orm.em.fork().findOneOrFail(ComplaintSchema, { instanceId: id });
    expect(closed.status).toBe('closed');
    expect(closed.responseLateMinutes).toBeGreaterThanOrEqual(1);
    expect(closed.resolveLateMinutes).toBeGreaterThanOrEqual(1);
    expect(closed.satisfaction).toBe('satisfied');
  });
});
