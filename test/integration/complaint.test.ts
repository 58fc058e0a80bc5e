import { randomUUID } from 'node:crypto';
import { addDuration, workCalendar } from '../../domain/calendar.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCalendarDays } from '../../activities/workCalendarLoader.js';
import { ComplaintSchema } from '../../db/entities/index.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { complaintRecord, firstCustomerOf, startComplaint } from '../support/serviceFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { act, complete, finished, openTask } from '../support/taskFlows.js';

/* Complaints with the product's own deadlines (24 h first response, 5 working days to resolve) on the dev server. */
let stack: TestStack;
let users: DemoUsers;
let tokens: Record<'mgr1' | 'mgr2' | 'mgr4' | 'sup1' | 'sup2' | 'head', string>;

beforeAll(async () => {
  stack = await startStack();
  users = await demoUsers(stack);
  tokens = await users.tokens(['mgr1', 'mgr2', 'mgr4', 'sup1', 'sup2', 'head']);
});
afterAll(() => stack?.close());

const HOUR = 3600_000;

describe('a complaint about a manager', () => {
  it('is assigned by the manager\'s supervisor to someone else, handled, sent back by an unsatisfied 回访, handled again and closed', async () => {
    const { mgr1, mgr2, mgr4, sup1, sup2 } = tokens;
    const customer = await firstCustomerOf(stack, mgr1, users.ids.mgr1!);
    const started = await startComplaint(stack, mgr4, complaintRecord(customer.id, { complainedManagerId: users.ids.mgr1, urgency: 'urgent' }));
    expect(started.status).toBe(201);
    expect(started.body.summary.code).toMatch(/^TS\d{6}-\d{4}$/);
    const id = started.body.id as string;

    const assign = await openTask(stack, sup1, id, 'assign');
    expect(assign.assigneeId).toBe(users.ids.sup1);
    // 24 h from the record (as its workflow started, a moment after the row).
    expect(Date.parse(assign.dueAt) - Date.parse(started.body.startedAt)).toBeGreaterThanOrEqual(24 * HOUR);
    expect(Date.parse(assign.dueAt) - Date.parse(started.body.startedAt)).toBeLessThan(24 * HOUR + 5_000);
    // mgr4's supervisor sees what their manager recorded, but the assignment is not theirs.
    expect((await complete(stack, sup2, assign.id, { data: { handlerId: users.ids.mgr2 } })).status).toBe(403);
    // The handler rule: never the manager complained about.
    const refused = await complete(stack, sup1, assign.id, { data: { handlerId: users.ids.mgr1 } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: '/handlerId', message: '处理人不能是被投诉的客户经理' }]);
    expect((await complete(stack, sup1, assign.id, { data: { handlerId: users.ids.mgr2, comment: '请当天联系客户' } })).status).toBe(200);

    const respond = await openTask(stack, mgr2, id, 'respond');
    const resolve = await openTask(stack, mgr2, id, 'resolve');
    expect(respond.dueAt).toBe(assign.dueAt); // 24 h from the record, not from the assignment
    const calendar = workCalendar(await readCalendarDays(stack.orm));
    expect(resolve.dueAt).toBe(addDuration(new Date(resolve.createdAt), { workingDays: 5 }, calendar).toISOString());
    await act(stack, mgr2, id, 'respond', { data: { response: '已致电客户致歉，约定明日上门', via: 'phone' } });
    await act(stack, mgr2, id, 'resolve', { data: { actions: '上门核实情况，调整拜访计划为每周二', result: '客户表示接受' } });

    const revisit = await openTask(stack, sup1, id, 'revisit');
    const noReason = await complete(stack, sup1, revisit.id, { data: { satisfaction: 'unsatisfied' } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].path).toBe('/comment');
    expect((await complete(stack, mgr2, revisit.id, { data: { satisfaction: 'satisfied' } })).status).toBe(403);
    expect((await complete(stack, sup1, revisit.id, { data: { satisfaction: 'unsatisfied', comment: '客户反映拜访时间仍不固定' } })).status).toBe(200);

    // Another round: the handler's last record comes back to be improved.
    const again = await openTask(stack, mgr2, id, 'resolve#2');
    expect(again.prefill).toMatchObject({ result: '客户表示接受' });
    let row = await stack.orm.em.fork().findOneOrFail(ComplaintSchema, { instanceId: id });
    expect(row).toMatchObject({ status: 'handling', rounds: 2, satisfaction: 'unsatisfied' });
    await act(stack, mgr2, id, 'resolve#2', { data: { actions: '与客户书面确认每周二上午拜访', result: '客户确认满意' } });
    await act(stack, sup1, id, 'revisit#2', { data: { satisfaction: 'basically_satisfied', comment: '基本满意' } });

    const done = await finished(stack, mgr4, id);
    expect(done.status).toBe('completed');
    expect(done.summary).toMatchObject({ complaintStatus: 'closed', rounds: 2, satisfaction: 'basically_satisfied', handlerId: users.ids.mgr2 });
    const types = done.timeline.map((e: { type: string }) => e.type);
    for (const type of ['complaint.assigned', 'complaint.responded', 'complaint.resolved', 'complaint.reopened', 'complaint.closed']) {
      expect(types).toContain(type);
    }
    expect(types.filter((type: string) => type === 'complaint.resolved')).toHaveLength(2);
    row = await stack.orm.em.fork().findOneOrFail(ComplaintSchema, { instanceId: id });
    expect(row).toMatchObject({
      status: 'closed', rounds: 2, satisfaction: 'basically_satisfied', handlerId: users.ids.mgr2, revisitedBy: users.ids.sup1,
      responseLateMinutes: 0, resolveLateMinutes: 0, complainedManagerId: users.ids.mgr1, supervisorId: users.ids.sup1,
    });
    expect(row.closedAt).not.toBeNull();
    expect(row.escalatedAt).toBeNull();
  });

  it('handled by the supervisor who assigned it is called back by the dept head, never by the handler', async () => {
    const { mgr1, sup1, head } = tokens;
    const customer = await firstCustomerOf(stack, mgr1, users.ids.mgr1!);
    const { body: { id } } = await startComplaint(stack, mgr1, complaintRecord(customer.id, { category: 'price' }));
    await act(stack, sup1, id, 'assign', { data: { handlerId: users.ids.sup1 } });
    // Handled before a separate first response: the handling was the response.
    const respond = await openTask(stack, sup1, id, 'respond');
    await act(stack, sup1, id, 'resolve', { data: { actions: '解释价格调整依据并提供价目表', result: '客户理解' } });
    const revisit = await openTask(stack, head, id, 'revisit');
    expect(revisit.candidateRoles).toEqual(['dept_head']);
    expect((await complete(stack, sup1, revisit.id, { data: { satisfaction: 'satisfied' } })).status).toBe(403);
    expect((await complete(stack, head, revisit.id, { data: { satisfaction: 'satisfied' } })).status).toBe(200);
    const done = await finished(stack, mgr1, id);
    expect(done.tasks.find((t: { id: string }) => t.id === respond.id).status).toBe('cancelled');
    const row = await stack.orm.em.fork().findOneOrFail(ComplaintSchema, { instanceId: id });
    expect(row.respondedAt?.toISOString()).toBe(row.resolvedAt?.toISOString());
    expect(row.status).toBe('closed');
  });

  it('anonymous, without a manager to go by, is assigned by the dept head; bad input is 422 at its fields', async () => {
    const { mgr4, head } = tokens;
    const { status, body: { id } } = await startComplaint(stack, mgr4, complaintRecord(null, { channel: 'system', category: 'quality' }));
    expect(status).toBe(201);
    const assign = await openTask(stack, head, id, 'assign');
    expect(assign.candidateRoles).toEqual(['dept_head']);
    expect((await stack.orm.em.fork().findOneOrFail(ComplaintSchema, { instanceId: id })).customerId).toBeNull();

    const bad = await stack.call('POST', '/api/processes/complaint/instances', mgr4, {
      requestId: randomUUID(), data: { channel: 'phone', category: 'tobacco', urgency: 'normal', content: '本月紧俏烟货源不足' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/category', '/customerId']);
    const nobody = await startComplaint(stack, mgr4, complaintRecord(null, { complainedManagerId: 999_999 }));
    expect(nobody.status).toBe(422);
    expect(nobody.body.errors[0].path).toBe('/complainedManagerId');
  });
});
