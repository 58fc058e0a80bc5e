import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { notify } from '../../activities/notifications.js';
import { NotificationSchema, UserSchema, WebhookDeliverySchema } from '../../db/entities/index.js';
import { addDemoUser, demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { customerOf, proposal, proposeForReview, start } from '../support/regradeFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { complete, finished, openTask } from '../support/taskFlows.js';

let stack: TestStack;
let users: DemoUsers;
let mgr1: string;
let mgr2: string;
let mgr4: string;
let sup1: string;
let sup2: string;
let head: string;
let ids: Record<string, number>;

interface NotificationItem {
  id: string;
  kind: string;
  taskId: string | null;
  instanceId: string | null;
  data: Record<string, any>;
  createdAt: string;
  readAt: string | null;
}

const notifications = async (token: string, query = ''): Promise<NotificationItem[]> => {
  const { status, body } = await stack.call('GET', `/api/me/notifications${query}`, token);
  expect(status).toBe(200);
  return body.items;
};
/** Waits for the caller's notification of `kind` about `ref` (a task or instance id). */
const notificationOf = (token: string, kind: string, ref: string) => eventually(async () =>
  (await notifications(token, '?size=100')).find((n) => n.kind === kind && (n.taskId === ref || (n.taskId === null && n.instanceId === ref))));
const unread = async (token: string) => (await stack.call('GET', '/api/me/notifications/count', token)).body.unread as number;

beforeAll(async () => {
  // The receivers below listen on 127.0.0.1, which webhooks may reach only when allowed (webhookGuard.test.ts).
  stack = await startStack({ DUTYFLOW_WEBHOOK_RETRY_INITIAL: '0.2s', DUTYFLOW_WEBHOOK_MAX_ATTEMPTS: '3', DUTYFLOW_WEBHOOK_ALLOW: '127.0.0.1' });
  users = await demoUsers(stack);
  ({ mgr1, mgr2, mgr4, sup1, sup2, head } = await users.tokens(['mgr1', 'mgr2', 'mgr4', 'sup1', 'sup2', 'head']));
  ids = users.ids;
});
afterAll(() => stack?.close());

describe('notifications of the regrade process', () => {
  it('tells the supervisor of a proposal, the proposer of a return, and the starter of the end', async () => {
    const { customer, started, review } = await proposeForReview(stack, mgr1, sup1, 10, 11);
    const instanceId = started.body.id as string;
    const assigned = await notificationOf(sup1, 'task_assigned', review.id);
    expect(assigned).toMatchObject({
      instanceId, readAt: null,
      data: { processKey: 'regrade', step: 'regrade.review', title: expect.stringContaining('D10 → D11'), dueAt: review.dueAt },
    });

    // The same return submitted twice (one request id) is one decision, and one notification.
    const requestId = randomUUID();
    const returns = await Promise.all([1, 2].map(() => complete(stack, sup1, review.id, { outcome: 'return', comment: '请补充走访照片? 谢谢', requestId })));
    expect(returns.map((r) => r.status)).toEqual([200, 200]);
    const revise = await openTask(stack, mgr1, instanceId, 'revise');
    const returned = await notificationOf(mgr1, 'task_returned', revise.id);
    expect(returned.data).toMatchObject({
      processKey: 'regrade', step: 'regrade.revise', actorId: ids.sup1, actorName: '张主管', comment: '请补充走访照片? 谢谢',
    });
    expect((await notifications(mgr1)).filter((n) => n.instanceId === instanceId)).toHaveLength(1);

    expect((await complete(stack, mgr1, revise.id, { data: proposal(customer.id, 11) })).status).toBe(200);
    const review2 = await openTask(stack, sup1, instanceId, 'review#2');
    await notificationOf(sup1, 'task_assigned', review2.id);
    expect((await complete(stack, sup1, review2.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    const ended = await notificationOf(mgr1, 'process_completed', instanceId);
    expect(ended).toMatchObject({ taskId: null, data: { processKey: 'regrade', status: 'completed', title: expect.stringContaining('D11') } });
    expect((await finished(stack, mgr1, instanceId)).status).toBe('completed');
    // Nobody else heard about mgr1's regrade.
    expect((await notifications(sup2)).filter((n) => n.instanceId === instanceId)).toEqual([]);
  });

  it('tells every holder of a role task\'s roles except the excluded, and the escalation\'s roles when it is overdue', async () => {
    // mgr2 also holds dept_head (but may not decide their own proposal); head2 is a second dept head.
    await addDemoUser(stack, { username: 'head2', displayName: '孙经理', roles: ['dept_head'] });
    await stack.orm.em.fork().nativeUpdate(UserSchema, { username: 'mgr2' }, { roles: ['customer_manager', 'dept_head'] });
    const head2 = await users.token('head2');

    const { started, review } = await proposeForReview(stack, mgr2, sup1, 10, 14);
    expect((await complete(stack, sup1, review.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    const headReview = await openTask(stack, head, started.body.id, 'head-review');
    for (const token of [head, head2]) {
      expect((await notificationOf(token, 'task_assigned', headReview.id)).data.step).toBe('regrade.headReview');
    }
    expect((await notifications(mgr2)).filter((n) => n.taskId === headReview.id)).toEqual([]);
    expect((await notifications(sup1)).filter((n) => n.taskId === headReview.id)).toEqual([]);

    // The reminder and the escalation, as their timers would run them.
    const activities = createActivities(stack.orm);
    await activities.remindTask({ taskId: headReview.id });
    await activities.escalateTask({ taskId: headReview.id, addRoles: ['leader'] });
    const leader = await users.token('leader');
    for (const token of [head, head2]) {
      expect((await notificationOf(token, 'task_due_soon', headReview.id)).data.dueAt).toBe(headReview.dueAt);
      await notificationOf(token, 'task_overdue', headReview.id);
    }
    expect((await notificationOf(leader, 'task_overdue', headReview.id)).data.escalatedTo).toEqual(['leader']);
    expect((await notifications(mgr2)).filter((n) => n.taskId === headReview.id)).toEqual([]);
  });

  it('writes a notification once when the activity is retried', async () => {
    const customer = await customerOf(stack, mgr1, 12);
    const started = await start(stack, mgr1, proposal(customer.id, 13));
    await openTask(stack, sup1, started.body.id, 'review');
    const activities = createActivities(stack.orm);
    const input = {
      taskId: randomUUID(), instanceId: started.body.id, processKey: 'regrade', stepKey: 'extra', name: 'regrade.review',
      formKey: 'approval-decision', assigneeId: null, candidateRoles: ['supervisor'], excludedUserIds: [ids.sup1!],
      allowedOutcomes: ['approve'], prefill: null, fixedData: null, context: {}, sla: null, priority: 0,
    };
    await activities.openTask(input);
    await activities.openTask(input); // the retry after a commit whose answer was lost
    const rows = await stack.orm.em.fork().find(NotificationSchema, { taskId: input.taskId }, { orderBy: { userId: 'asc' } });
    expect(rows.map((n) => [n.userId, n.kind])).toEqual([[ids.sup2, 'task_assigned']]);

    // notify() itself: the same notification again in another transaction changes nothing.
    const write = () => stack.orm.em.fork().transactional((tx) =>
      notify(tx, [ids.sup2!, ids.sup2!], 'task_chased', { by: 'test' }, { taskId: input.taskId, dedupeKey: 'chase-1' }));
    await write();
    await write();
    expect(await stack.orm.em.fork().count(NotificationSchema, { taskId: input.taskId, kind: 'task_chased' })).toBe(1);
  });
});

describe('the notification centre', () => {
  it('counts unread, marks one or all read, and only the caller\'s own', async () => {
    const before = await unread(sup1);
    expect(before).toBeGreaterThanOrEqual(2);
    const [first] = await notifications(sup1, '?unread=true&size=1');
    expect(first!.readAt).toBeNull();

    expect((await stack.call('POST', `/api/me/notifications/${first!.id}/read`, mgr1)).status).toBe(404);
    expect((await stack.call('POST', '/api/me/notifications/not-a-uuid/read', sup1)).status).toBe(404);
    expect(await unread(sup1)).toBe(before);

    expect((await stack.call('POST', `/api/me/notifications/${first!.id}/read`, sup1)).status).toBe(204);
    expect((await stack.call('POST', `/api/me/notifications/${first!.id}/read`, sup1)).status).toBe(204);
    expect(await unread(sup1)).toBe(before - 1);
    expect((await notifications(sup1, '?unread=true&size=100')).map((n) => n.id)).not.toContain(first!.id);

    const all = await stack.call('GET', '/api/me/notifications?page=1&size=2', sup1);
    expect(all.body).toMatchObject({ total: before, page: 1, size: 2 });
    const times = all.body.items.map((n: NotificationItem) => Date.parse(n.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const mgr1Unread = await unread(mgr1);
    expect((await stack.call('POST', '/api/me/notifications/read-all', sup1)).status).toBe(204);
    expect(await unread(sup1)).toBe(0);
    expect(await notifications(sup1, '?unread=true')).toEqual([]);
    expect(await unread(mgr1)).toBe(mgr1Unread);

    const bad = await stack.call('GET', '/api/me/notifications?unread=maybe', sup1, undefined, { 'accept-language': 'en' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: '/unread', message: 'must be true or false' }]);
    expect((await stack.call('GET', '/api/me/notifications/count')).status).toBe(401);
  });
});

describe('webhooks', () => {
  it('refuses bad settings with the fields named, in the caller\'s language', async () => {
    const put = (body: unknown, headers?: Record<string, string>) => stack.call('PUT', '/api/me/webhook', mgr4, body, headers);
    const zh = await put({ url: 'ftp://example.com/hook', secret: 'short', kinds: ['task_assigned', 'nope'] });
    expect(zh.status).toBe(422);
    expect(zh.body.errors).toHaveLength(4);
    expect(zh.body.errors).toEqual(expect.arrayContaining([
      { path: '/url', message: '应为以 http:// 或 https:// 开头、不超过 500 个字符的网址' },
      { path: '/secret', message: '密钥应为 16 到 200 个字符' },
      { path: '/enabled', message: '只能是 true 或 false' },
      { path: '/kinds/1', message: expect.stringContaining('取值只能是') },
    ]));
    const en = await put({ url: `https://example.com/${'x'.repeat(500)}`, enabled: 'yes', kinds: [] }, { 'accept-language': 'en' });
    expect(en.body.errors).toHaveLength(3);
    expect(en.body.errors).toEqual(expect.arrayContaining([
      { path: '/url', message: 'must be an http:// or https:// URL of at most 500 characters' },
      { path: '/enabled', message: 'must be true or false' },
      { path: '/kinds', message: expect.stringMatching(/^must be a non-empty list of: task_assigned, /) },
    ]));
    expect((await put({ url: 'not a url', enabled: true })).body.errors.map((e: { path: string }) => e.path)).toEqual(['/url']);
    expect((await stack.call('GET', '/api/me/webhook', mgr4)).status).toBe(404);
  });

  it('keeps the secret to itself, and can be replaced and removed', async () => {
    const saved = await stack.call('PUT', '/api/me/webhook', mgr4, { url: 'https://example.com/a', enabled: false });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ url: 'https://example.com/a', enabled: false, hasSecret: true, kinds: expect.arrayContaining(['task_overdue']) });
    expect(saved.body.secret).toMatch(/^[\w-]{32}$/);
    const shown = await stack.call('GET', '/api/me/webhook', mgr4);
    expect(shown.body).toEqual({ url: 'https://example.com/a', enabled: false, kinds: saved.body.kinds, hasSecret: true });
    expect(JSON.stringify(shown.body)).not.toContain(saved.body.secret);

    // Saved again without a secret: the stored one stays, and is not shown.
    const again = await stack.call('PUT', '/api/me/webhook', mgr4, { url: 'https://example.com/b', enabled: true, kinds: ['task_overdue'] });
    expect(again.body).toEqual({ url: 'https://example.com/b', enabled: true, kinds: ['task_overdue'], hasSecret: true });
    expect((await stack.call('DELETE', '/api/me/webhook', mgr4)).status).toBe(204);
    expect((await stack.call('DELETE', '/api/me/webhook', mgr4)).status).toBe(204);
    expect((await stack.call('GET', '/api/me/webhook', mgr4)).status).toBe(404);
  });

  it('delivers a signed notification to the receiver, retrying after it fails once', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = received.length === 1 ? 500 : 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const port = (receiver.address() as { port: number }).port;
      const secret = 'test-webhook-secret-0123456789';
      const saved = await stack.call('PUT', '/api/me/webhook', sup2, {
        url: `http://127.0.0.1:${port}/hook`, secret, enabled: true, kinds: ['task_assigned'],
      });
      expect(saved.body).toEqual({ url: `http://127.0.0.1:${port}/hook`, enabled: true, kinds: ['task_assigned'], hasSecret: true });

      const { review } = await proposeForReview(stack, mgr4, sup2, 10, 11);
      const notification = await notificationOf(sup2, 'task_assigned', review.id);
      const delivery = await eventually(async () => {
        const row = await stack.orm.em.fork().findOne(WebhookDeliverySchema, { notificationId: notification.id });
        return row?.status === 'pending' ? undefined : row ?? undefined;
      }, 30_000);
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200, lastError: null });

      expect(received).toHaveLength(2);
      const [failed, ok] = received as [typeof received[0], typeof received[0]];
      expect(ok.body).toBe(failed.body);
      expect(ok.headers).toMatchObject({
        'content-type': 'application/json', 'x-dutyflow-event': 'task_assigned', 'x-dutyflow-delivery': delivery.id,
      });
      expect(ok.headers['x-dutyflow-signature']).toBe(`sha256=${createHmac('sha256', secret).update(ok.body).digest('hex')}`);
      expect(Math.abs(Number(ok.headers['x-dutyflow-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(JSON.parse(ok.body)).toEqual({
        id: notification.id, kind: 'task_assigned', createdAt: notification.createdAt,
        user: { id: ids.sup2, username: 'sup2' },
        data: notification.data,
        links: { task: `/tasks/${review.id}`, instance: `/instances/${notification.instanceId}` },
      });

      const log = await stack.call('GET', '/api/me/webhook/deliveries', sup2);
      expect(log.body.items[0]).toEqual({
        id: delivery.id, notificationId: notification.id, kind: 'task_assigned', status: 'delivered', attempts: 2,
        lastStatusCode: 200, outcome: '2xx', lastError: null, createdAt: expect.any(String), deliveredAt: expect.any(String),
      });
      expect(JSON.stringify(log.body)).not.toContain(secret);
      expect(JSON.stringify((await stack.call('GET', '/api/me/webhook', sup2)).body)).not.toContain(secret);
      // The delivery ran as its own workflow.
      const run = await stack.temporal.workflow.getHandle(`webhook-${delivery.id}`).describe();
      expect(run.status.name).toBe('COMPLETED');
    } finally {
      await stack.call('DELETE', '/api/me/webhook', sup2);
      await new Promise((r) => receiver.close(r));
    }
  });

  it('gives a delivery up as failed after the last attempt, with why', async () => {
    let calls = 0;
    const receiver: Server = createServer((req, res) => {
      calls += 1;
      req.resume();
      res.statusCode = 503;
      res.end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const port = (receiver.address() as { port: number }).port;
      expect((await stack.call('PUT', '/api/me/webhook', mgr1, { url: `http://127.0.0.1:${port}/`, enabled: true })).status).toBe(200);
      // A rejected regrade ends it too: mgr1 hears of it, and the webhook never answers 2xx.
      const customer = await customerOf(stack, mgr1, 14);
      const started = await start(stack, mgr1, proposal(customer.id, 15));
      const review = await openTask(stack, sup1, started.body.id, 'review');
      expect((await complete(stack, sup1, review.id, { outcome: 'reject', comment: '依据不足' })).status).toBe(200);
      const ended = await notificationOf(mgr1, 'process_completed', started.body.id);
      expect(ended.data.status).toBe('rejected');
      const delivery = await eventually(async () => {
        const row = await stack.orm.em.fork().findOne(WebhookDeliverySchema, { notificationId: ended.id });
        return row?.status === 'failed' ? row : undefined;
      }, 30_000);
      expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 503, lastError: '5xx', deliveredAt: null });
      expect(calls).toBe(3);
      const log = await stack.call('GET', '/api/me/webhook/deliveries', mgr1, undefined, { 'accept-language': 'en' });
      expect(log.body.items.find((d: { id: string }) => d.id === delivery.id))
        .toMatchObject({ status: 'failed', lastStatusCode: 503, outcome: '5xx', lastError: 'The receiver failed (HTTP 503)' });
    } finally {
      await stack.call('DELETE', '/api/me/webhook', mgr1);
      await new Promise((r) => receiver.close(r));
    }
  });
});
