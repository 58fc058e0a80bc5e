import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryWorkflowId, notify } from '../../activities/notifications.js';
import { NOTIFICATION_KINDS, WebhookDeliverySchema, WebhookSchema } from '../../db/entities/index.js';
import type { deliverWebhook } from '../../workflows/webhookDelivery.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { freePort } from '../support/freePort.js';
import { startStack, type TestStack } from '../support/stack.js';

/** A local HTTP server that writes down every request it gets; answers with `answer` (200 unless changed). */
async function receiver() {
  const requests: IncomingHttpHeaders[] = [];
  const state = { answer: (res: ServerResponse): void => void res.end() };
  const server = createServer((req, res) => {
    requests.push(req.headers);
    req.resume();
    state.answer(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port, requests, state,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let stack: TestStack;
let users: DemoUsers;
/** The one place webhooks may reach on this machine: allow-listed with its port only, as 127.0.0.1 and as localhost. */
let relay: Awaited<ReturnType<typeof receiver>>;
/** Any other local service: never to hear from a webhook. */
let inside: Awaited<ReturnType<typeof receiver>>;
/** Allow-listed too, but nothing listens there. */
let closedPort: number;

beforeAll(async () => {
  [relay, inside, closedPort] = await Promise.all([receiver(), receiver(), freePort()]);
  stack = await startStack({
    DUTYFLOW_WEBHOOK_RETRY_INITIAL: '0.2s', DUTYFLOW_WEBHOOK_MAX_ATTEMPTS: '2',
    DUTYFLOW_WEBHOOK_ALLOW: `127.0.0.1:${relay.port},localhost:${relay.port},127.0.0.1:${closedPort}`,
  });
  users = await demoUsers(stack);
});
afterAll(async () => {
  await stack?.close();
  await Promise.all([relay?.close(), inside?.close()]);
});

/** Writes a notification for `username` (a delivery too, when their webhook takes it) and runs its delivery to the end. */
async function deliver(username: string) {
  const [deliveryId] = await stack.orm.em.fork().transactional((tx) =>
    notify(tx, [users.ids[username]!], 'task_chased', { by: 'webhookGuard' }, { dedupeKey: randomUUID() }));
  const result = await stack.temporal.workflow.execute<typeof deliverWebhook>('deliverWebhook', {
    workflowId: deliveryWorkflowId(deliveryId!), taskQueue: stack.config.temporal.taskQueue,
    args: [{ deliveryId: deliveryId!, retry: { initialIntervalMs: 200, maximumAttempts: 2 } }],
  });
  const row = await stack.orm.em.fork().findOneOrFail(WebhookDeliverySchema, { id: deliveryId! });
  const token = await users.token(username);
  const log = await stack.call('GET', '/api/me/webhook/deliveries', token, undefined, { 'accept-language': 'en' });
  expect(log.status).toBe(200);
  return { result, row, logged: log.body.items.find((item: { id: string }) => item.id === deliveryId), logText: JSON.stringify(log.body) };
}

describe('webhook destinations', () => {
  it('refuses a URL pointing at this machine, a private or link-local address, or a name resolving only there: 422 at /url', async () => {
    const token = await users.token('mgr1');
    const apiPort = new URL(stack.baseUrl).port;
    const put = (url: string, language = 'en') => stack.call('PUT', '/api/me/webhook', token, { url, enabled: true }, { 'accept-language': language });
    for (const url of [`http://127.0.0.1:${inside.port}/hook`, `http://127.0.0.1:${apiPort}/api/me`, 'http://[::1]/', 'http://0.0.0.0/',
      'http://2130706433/', 'http://169.254.169.254/latest/meta-data/', 'http://[::ffff:127.0.0.1]/', 'http://10.0.0.1/', `http://localhost:${inside.port}/`]) {
      const refused = await put(url);
      expect(refused.status, url).toBe(422);
      expect(refused.body.errors, url).toEqual([{ path: '/url', message: expect.stringMatching(/^must not point to this server, an internal network/) }]);
    }
    expect((await put('http://2130706433/', 'zh-CN')).body.errors).toEqual([{ path: '/url', message: expect.stringMatching(/^不能指向本机、内网或保留地址/) }]);
    expect((await stack.call('GET', '/api/me/webhook', token)).status).toBe(404);
    expect(inside.requests).toEqual([]);

    // The allow-listed relay, on its own port only.
    expect((await put(`http://127.0.0.1:${relay.port}/hook`)).status).toBe(200);
    expect((await put(`http://127.0.0.1:${relay.port + 1}/hook`)).status).toBe(422);
  });

  it('does not deliver to a name that resolves inside when it is sent, and logs it as refused', async () => {
    // Saved when the name still pointed outside (as if: the API would refuse it now); it resolves to 127.0.0.1 at send time.
    const em = stack.orm.em.fork();
    em.create(WebhookSchema, {
      userId: users.ids.sup1!, url: `http://localhost:${inside.port}/hook`, secret: 'guard-secret-0123456789', enabled: true, kinds: [...NOTIFICATION_KINDS],
    });
    await em.flush();

    const { result, row, logged, logText } = await deliver('sup1');
    expect(result).toBe('failed');
    expect(inside.requests).toEqual([]);
    // A refusal is not retried.
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null, lastError: 'refused' });
    expect(logged).toMatchObject({
      status: 'failed', outcome: 'refused', lastStatusCode: null,
      lastError: 'The URL points to this server, an internal network or a reserved address: not sent',
    });
    expect(logText).not.toContain('ECONNREFUSED');
  });

  it('logs a failed connection to an allowed address as `network`, never the socket\'s error code', async () => {
    const token = await users.token('mgr2');
    expect((await stack.call('PUT', '/api/me/webhook', token, { url: `http://127.0.0.1:${closedPort}/`, enabled: true })).status).toBe(200);
    const { result, row, logged, logText } = await deliver('mgr2');
    expect(result).toBe('failed');
    expect(row).toMatchObject({ status: 'failed', attempts: 2, lastStatusCode: null, lastError: 'network' });
    expect(logged).toMatchObject({ outcome: 'network', lastError: expect.stringMatching(/^The receiver could not be reached/) });
    expect(logText).not.toContain('ECONNREFUSED');
  });

  it('delivers to the allowed relay by name (connecting to the address it checked), and follows none of its redirects', async () => {
    const token = await users.token('sup2');
    expect((await stack.call('PUT', '/api/me/webhook', token, { url: `http://localhost:${relay.port}/hook`, enabled: true })).status).toBe(200);
    const delivered = await deliver('sup2');
    expect(delivered.result).toBe('delivered');
    expect(delivered.logged).toMatchObject({ status: 'delivered', outcome: '2xx', lastStatusCode: 200, lastError: null });
    // The connection went to the resolved address; the request still names the URL's host.
    expect(relay.requests.at(-1)).toMatchObject({ host: `localhost:${relay.port}`, 'x-dutyflow-event': 'task_chased' });

    relay.state.answer = (res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${inside.port}/stolen` });
      res.end();
    };
    const sent = relay.requests.length;
    const redirected = await deliver('sup2');
    expect(redirected.result).toBe('failed');
    expect(relay.requests).toHaveLength(sent + 2);
    expect(inside.requests).toEqual([]);
    expect(redirected.logged).toMatchObject({
      outcome: '3xx', lastStatusCode: 302, lastError: 'The receiver answered with a redirect (HTTP 302); webhooks do not follow redirects',
    });
  });
});
