import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { customerOf, proposal, start } from '../support/regradeFlows.js';
import { complaintRecord, reply, serviceRequest, startComplaint, startServiceRequest, visitRecord } from '../support/serviceFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { act, finished } from '../support/taskFlows.js';

/* Customer 360: what happened at one customer, from every process, on one timeline. */
let stack: TestStack;
let users: DemoUsers;

beforeAll(async () => {
  stack = await startStack();
  users = await demoUsers(stack);
});
afterAll(() => stack?.close());

describe('a customer\'s timeline', () => {
  it('shows its requests, visits, complaints and regrades newest first, to whoever may see the customer', async () => {
    const { mgr1, sup1, mgr4, sup2, head } = await users.tokens(['mgr1', 'sup1', 'mgr4', 'sup2', 'head']);
    const customer = await customerOf(stack, mgr1, 9);
    const request = await startServiceRequest(stack, sup1, serviceRequest(customer.id));
    await act(stack, mgr1, request.body.id, 'reply', { data: reply });
    await act(stack, mgr1, request.body.id, 'visit', { data: visitRecord([], { arrivedAt: new Date(Date.now() - 60_000).toISOString() }) });
    await finished(stack, mgr1, request.body.id);
    const complaint = await startComplaint(stack, mgr1, complaintRecord(customer.id, { category: 'price' }));
    const regrade = await start(stack, mgr1, proposal(customer.id, 10));
    expect(regrade.status).toBe(201);

    const { status, body } = await stack.call('GET', `/api/customers/${customer.id}/timeline`, mgr1);
    expect(status).toBe(200);
    expect(body.items.map((e: { kind: string }) => e.kind)).toEqual(['regrade', 'complaint', 'request', 'visit']);
    const [proposed, complained, requested, visited] = body.items;
    expect(proposed).toMatchObject({ instanceId: regrade.body.id, code: 'D9→D10', status: 'running', person: { id: users.ids.mgr1 } });
    expect(complained).toMatchObject({ instanceId: complaint.body.id, code: complaint.body.summary.code, status: 'assigning' });
    expect(requested).toMatchObject({ instanceId: request.body.id, status: 'closed', person: { id: users.ids.sup1 } });
    expect(visited).toMatchObject({ instanceId: request.body.id, status: '0', person: { id: users.ids.mgr1 } });

    expect((await stack.call('GET', `/api/customers/${customer.id}/timeline`, sup1)).body.items).toHaveLength(4);
    expect((await stack.call('GET', `/api/customers/${customer.id}/timeline`, head)).body.items).toHaveLength(4);
    for (const other of [mgr4, sup2]) expect((await stack.call('GET', `/api/customers/${customer.id}/timeline`, other)).status).toBe(404);
    expect((await stack.call('GET', '/api/customers/abc/timeline', head)).status).toBe(404);
  });
});
