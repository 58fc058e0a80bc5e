import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDay } from '../support/hazardFlows.js';
import { demoUsers } from '../support/demoUsers.js';
import { firstCustomerOf, reply, serviceRequest, startServiceRequest, visitRecord } from '../support/serviceFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { act, finished, openTask } from '../support/taskFlows.js';

/* 工作日志: a manager's day with its visits and completed tasks taken from the records, read and commented by their supervisor. */
let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

const file = (token: string, data: Record<string, unknown>) =>
  stack.call('POST', '/api/processes/daily-record/instances', token, { requestId: randomUUID(), data });

describe('the daily work record', () => {
  it('takes the day\'s visits and tasks from the records, goes to the supervisor to read and comment, once a day', async () => {
    const users = await demoUsers(stack);
    const { mgr1, sup1, sup2, mgr4 } = await users.tokens(['mgr1', 'sup1', 'sup2', 'mgr4']);
    const customer = await firstCustomerOf(stack, mgr1, users.ids.mgr1!);
    const request = await startServiceRequest(stack, mgr1, serviceRequest(customer.id));
    await act(stack, mgr1, request.body.id, 'reply', { data: reply });
    await act(stack, mgr1, request.body.id, 'visit', { data: visitRecord() });
    await finished(stack, mgr1, request.body.id);

    const today = chinaDay();
    const filed = await file(mgr1, { date: today, notes: '上午处理扫描枪故障，下午整理客户资料', plan: '走访城东片区三户' });
    expect(filed.status).toBe(201);
    expect(filed.body.summary.visits).toEqual([expect.objectContaining({ customerId: customer.id, instanceId: request.body.id })]);
    expect(filed.body.summary.tasksDone.map((task: { name: string }) => task.name).sort()).toEqual(['service.reply', 'service.visit']);

    const comment = await openTask(stack, sup1, filed.body.id, 'comment');
    expect(comment.assigneeId).toBe(users.ids.sup1);
    expect(comment.context).toMatchObject({ date: today, visits: 1, tasksDone: 2 });
    expect((await stack.call('GET', `/api/instances/${filed.body.id}`, sup2)).status).toBe(404);
    expect((await stack.call('GET', `/api/instances/${filed.body.id}`, mgr4)).status).toBe(404);
    await act(stack, sup1, filed.body.id, 'comment', { data: { comment: '故障处理及时，注意回访' } });
    const done = await finished(stack, mgr1, filed.body.id);
    expect(done.status).toBe('completed');
    expect(done.records.map((r: { data: { comment?: string } }) => r.data.comment)).toContain('故障处理及时，注意回访');

    const again = await file(mgr1, { date: today, notes: '补充：下午还处理了一起投诉' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(today);
    const future = await file(mgr1, { date: chinaDay(2), notes: '提前写的明天的日志' });
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([{ path: '/date', message: '日期不能晚于今天' }]);
    // Only customer managers file one.
    expect((await file(sup1, { date: today, notes: '主管的工作日志' })).status).toBe(403);
  });
});
