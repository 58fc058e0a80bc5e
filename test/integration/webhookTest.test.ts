import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let users: DemoUsers;
let mgr2: string;
let mgr5: string;
let sup1: string;

interface Delivery {
  id: string;
  notificationId: string;
  kind: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  outcome: string | null;
  lastError: string | null;
}

const testSend = (token: string, requestId: string, headers?: Record<string, string>) =>
  stack.call('POST', '/api/me/webhook/test', token, { requestId }, headers);
/** The caller's delivery `id` once it is no longer pending, as the delivery log shows it. */
const settled = (token: string, id: string) => eventually(async () => {
  const log = await stack.call('GET', '/api/me/webhook/deliveries', token);
  const delivery = (log.body.items as Delivery[]).find((d) => d.id === id);
  return delivery && delivery.status !== 'pending' ? delivery : undefined;
}, 30_000);

beforeAll(async () => {
  // The receiver listens on 127.0.0.1, which webhooks may reach only when allowed (webhookGuard.test.ts).
  stack = await startStack({ DUTYFLOW_WEBHOOK_RETRY_INITIAL: '0.2s', DUTYFLOW_WEBHOOK_MAX_ATTEMPTS: '3', DUTYFLOW_WEBHOOK_ALLOW: '127.0.0.1' });
  users = await demoUsers(stack);
  ({ mgr2, mgr5, sup1 } = await users.tokens(['mgr2', 'mgr5', 'sup1']));
});
afterAll(() => stack?.close());

describe('a webhook test send (个人设置 → 发送测试)', () => {
  it('needs a webhook that is enabled, and a request id', async () => {
    const none = await testSend(mgr5, randomUUID());
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('not_found');

    const missing = await stack.call('POST', '/api/me/webhook/test', mgr5, {});
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ path: '/requestId', message: '缺少请求编号 requestId' }]);

    expect((await stack.call('PUT', '/api/me/webhook', mgr5, { url: 'https://93.184.215.14/hook', enabled: false })).status).toBe(200);
    const disabled = await testSend(mgr5, randomUUID(), { 'accept-language': 'en' });
    expect(disabled.status).toBe(409);
    expect(disabled.body.error).toMatchObject({ code: 'conflict', message: 'The webhook is disabled: enable it before sending a test' });
    expect((await testSend(mgr5, randomUUID())).body.error.message).toBe('Webhook 已停用，请先启用再发送测试');
    // Nothing was written for the refused tests.
    expect((await stack.call('GET', '/api/me/webhook/deliveries', mgr5)).body.total).toBe(0);
    expect((await stack.call('GET', '/api/me/notifications', mgr5)).body.items.filter((n: { kind: string }) => n.kind === 'webhook_test')).toEqual([]);
    expect((await stack.call('POST', '/api/me/webhook/test', undefined, { requestId: randomUUID() })).status).toBe(401);
  });

  it('sends the test once, signed, whatever kinds the webhook takes, and the log shows it delivered', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const port = (receiver.address() as { port: number }).port;
      const secret = 'test-send-secret-0123456789';
      // It takes only overdue tasks; a test is sent all the same.
      expect((await stack.call('PUT', '/api/me/webhook', mgr2, {
        url: `http://127.0.0.1:${port}/hook`, secret, enabled: true, kinds: ['task_overdue'],
      })).status).toBe(200);

      // A double submit (one request id) is one test.
      const requestId = randomUUID();
      const sent = await Promise.all([1, 2].map(() => testSend(mgr2, requestId)));
      expect(sent.map((r) => r.status)).toEqual([202, 202]);
      const deliveryId = sent[0]!.body.deliveryId as string;
      expect(deliveryId).toMatch(/^[0-9a-f-]{36}$/);
      expect(sent[1]!.body).toEqual({ deliveryId });

      const delivery = await settled(mgr2, deliveryId);
      expect(delivery).toMatchObject({ kind: 'webhook_test', status: 'delivered', attempts: 1, lastStatusCode: 204, outcome: '2xx', lastError: null });
      // Sent again after it was delivered: still the same test, nothing sent.
      expect((await testSend(mgr2, requestId)).body).toEqual({ deliveryId });

      // A second test (a new request id) is a new delivery; by the time it arrives, the first was sent once only.
      const second = await testSend(mgr2, randomUUID());
      expect(second.status).toBe(202);
      expect(second.body.deliveryId).not.toBe(deliveryId);
      expect(await settled(mgr2, second.body.deliveryId)).toMatchObject({ status: 'delivered' });
      expect(received.map((r) => r.headers['x-dutyflow-delivery'])).toEqual([deliveryId, second.body.deliveryId]);

      const [first] = received as [typeof received[0]];
      expect(first.headers).toMatchObject({ 'content-type': 'application/json', 'x-dutyflow-event': 'webhook_test' });
      expect(first.headers['x-dutyflow-signature']).toBe(`sha256=${createHmac('sha256', secret).update(first.body).digest('hex')}`);
      const payload = JSON.parse(first.body);
      expect(payload).toMatchObject({
        id: delivery.notificationId, kind: 'webhook_test', user: { id: users.ids.mgr2, username: 'mgr2' }, links: { task: null, instance: null },
      });

      // The caller's notification centre has the test too; nobody else heard of it.
      const mine = (await stack.call('GET', '/api/me/notifications?size=100', mgr2)).body.items as { id: string; kind: string }[];
      expect(mine.filter((n) => n.kind === 'webhook_test').map((n) => n.id)).toContain(delivery.notificationId);
      expect((await stack.call('GET', '/api/me/webhook/deliveries', sup1)).body.items.map((d: Delivery) => d.id)).not.toContain(deliveryId);
    } finally {
      await stack.call('DELETE', '/api/me/webhook', mgr2);
      await new Promise((r) => receiver.close(r));
    }
  });
});
