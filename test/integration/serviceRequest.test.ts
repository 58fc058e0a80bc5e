import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerVisitSchema, ServiceRequestSchema } from '../../db/entities/index.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { uploadPhoto } from '../support/hazardFlows.js';
import { firstCustomerOf, reply, serviceRequest, startServiceRequest, visitRecord } from '../support/serviceFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { complete, finished, openTask } from '../support/taskFlows.js';

/* The product's own deadlines (24 h to answer, 48 h to visit) on the shared dev server: everything here is on time. */
let stack: TestStack;
let users: DemoUsers;
let mgr1: string;
let sup1: string;
let mgr4: string;
let customer: { id: number; name: string; code: string };

beforeAll(async () => {
  stack = await startStack();
  users = await demoUsers(stack);
  ({ mgr1, sup1, mgr4 } = await users.tokens(['mgr1', 'sup1', 'mgr4']));
  customer = await firstCustomerOf(stack, mgr1, users.ids.mgr1!);
});
afterAll(() => stack?.close());

const HOUR = 3600_000;

describe('a service request', () => {
  it('recorded by the supervisor gives the customer\'s manager a reply due in 24 h and a visit due in 48 h; the visit closes it', async () => {
    const started = await startServiceRequest(stack, sup1, serviceRequest(customer.id, { channel: 'wechat' }));
    expect(started.status).toBe(201);
    expect(started.body.summary.code).toMatch(/^FW\d{6}-\d{4}$/);
    const id = started.body.id as string;

    const replyTask = await openTask(stack, mgr1, id, 'reply');
    const visitTask = await openTask(stack, mgr1, id, 'visit');
    expect(replyTask.assigneeId).toBe(users.ids.mgr1);
    expect(visitTask.assigneeId).toBe(users.ids.mgr1);
    expect(Date.parse(replyTask.dueAt) - Date.parse(replyTask.createdAt)).toBe(24 * HOUR);
    expect(Date.parse(visitTask.dueAt) - Date.parse(visitTask.createdAt)).toBe(48 * HOUR);
    expect(replyTask.context.customerName).toBe(customer.name);
    const inbox = await stack.call('GET', '/api/tasks?view=mine&process=service-request', mgr1);
    expect(inbox.body.items.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([replyTask.id, visitTask.id]));

    expect((await complete(stack, mgr1, replyTask.id, { data: reply })).status).toBe(200);
    const photo = await uploadPhoto(stack, mgr1, visitTask.id);
    const record = visitRecord([photo], { location: { latitude: 25.04, longitude: 102.71, accuracy: 30 } });
    expect((await complete(stack, mgr1, visitTask.id, { data: record })).status).toBe(200);

    const done = await finished(stack, mgr1, id);
    expect(done.status).toBe('completed');
    expect(done.summary).toMatchObject({ serviceStatus: 'closed', answeredByVisit: false, replyLateMinutes: 0, visitLateMinutes: 0, escalated: false });
    const types = done.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['instance.started', 'service.replied', 'service.visited', 'instance.completed']));
    expect(types).not.toContain('task.escalated');

    const row = await stack.orm.em.fork().findOneOrFail(ServiceRequestSchema, { instanceId: id });
    expect(row).toMatchObject({ status: 'closed', replyLateMinutes: 0, visitLateMinutes: 0, managerId: users.ids.mgr1, requestedBy: users.ids.sup1 });
    expect(row.escalatedAt).toBeNull();
    const visit = await stack.orm.em.fork().findOneOrFail(CustomerVisitSchema, { instanceId: id });
    expect(visit).toMatchObject({ customerId: customer.id, managerId: users.ids.mgr1, photoCount: 1, hasLocation: true, lateMinutes: 0 });
    expect(visit.arrivedAt.toISOString()).toBe(record.arrivedAt);
    // The photo is readable by those who may see the request: the manager and the supervisor, not another team.
    expect((await fetch(`${stack.baseUrl}/api/attachments/${photo}`, { headers: { authorization: `Bearer ${sup1}` } })).status).toBe(200);
    expect((await fetch(`${stack.baseUrl}/api/attachments/${photo}`, { headers: { authorization: `Bearer ${mgr4}` } })).status).toBe(403);
  });

  it('is answered by a visit made before any reply: the reply task closes with it', async () => {
    const started = await startServiceRequest(stack, mgr1, serviceRequest(customer.id, { channel: 'walk_in', category: 'supply' }));
    const id = started.body.id as string;
    const replyTask = await openTask(stack, mgr1, id, 'reply');
    const visitTask = await openTask(stack, mgr1, id, 'visit');
    expect((await complete(stack, mgr1, visitTask.id, { data: visitRecord() })).status).toBe(200);
    const done = await finished(stack, mgr1, id);
    expect(done.status).toBe('completed');
    expect(done.summary.answeredByVisit).toBe(true);
    expect(done.tasks.find((t: { id: string }) => t.id === replyTask.id).status).toBe('cancelled');
    const row = await stack.orm.em.fork().findOneOrFail(ServiceRequestSchema, { instanceId: id });
    expect(row.repliedAt?.toISOString()).toBe(row.visitedAt?.toISOString());
    expect(row.replyLateMinutes).toBe(0);
    // A late reply for a closed request is refused.
    expect((await complete(stack, mgr1, replyTask.id, { data: reply })).status).toBe(409);
  });

  it('refuses bad input with field paths in the user\'s language, and a repeated requestId makes one request', async () => {
    const bad = await stack.call('POST', '/api/processes/service-request/instances', mgr1, {
      requestId: randomUUID(), data: { customerId: 999_999, channel: 'fax', category: 'supply', content: '好' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/channel', '/content']);
    const missing = await startServiceRequest(stack, mgr1, serviceRequest(999_999));
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ path: '/customerId', message: '客户不存在' }]);

    const requestId = randomUUID();
    const first = await startServiceRequest(stack, mgr1, serviceRequest(customer.id), requestId);
    const again = await startServiceRequest(stack, mgr1, serviceRequest(customer.id), requestId);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await stack.orm.em.fork().count(ServiceRequestSchema, { instanceId: first.body.id })).toBe(1);

    // The visit's own checks: an arrival time is required, in any language asked for.
    const visitTask = await openTask(stack, mgr1, first.body.id, 'visit');
    const { arrivedAt: _omitted, ...noArrival } = visitRecord();
    const refused = await stack.call('POST', `/api/tasks/${visitTask.id}/complete`, mgr1, { requestId: randomUUID(), data: noArrival },
      { 'accept-language': 'en' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe('/arrivedAt');
    expect(refused.body.errors[0].message).toMatch(/Arrived at/);
    // Another team's request: mgr4 may not see it, let alone record its visit.
    expect((await complete(stack, mgr4, visitTask.id, { data: visitRecord() })).status).toBe(404);
  });
});
