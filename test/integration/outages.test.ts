import type { Server } from 'node:http';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client, Connection } from '@temporalio/client';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { createTokens } from '../../api/http/auth.js';
import type { ApiDeps } from '../../api/http/deps.js';
import { ormOptions } from '../../db/ormConfig.js';
import { createFormValidator } from '../../forms/validate.js';
import { temporalConnectionOptions } from '../../runtime/temporalConnection.js';
import { apiClient, type Call } from '../support/apiClient.js';
import { demoUsers } from '../support/demoUsers.js';
import { customerOf, proposal, proposeForReview } from '../support/regradeFlows.js';
import { freePort } from '../support/freePort.js';
import { startStack, type TestStack } from '../support/stack.js';

/*
 * The product's own API in front of a dependency that is down (nothing listens on its port): every
 * answer must be a prompt 503 that asks to retry, never a 500 and never a request left hanging.
 */

let stack: TestStack;
let mgr1: string;
let sup1: string;
const servers: Server[] = [];
const closers: (() => Promise<unknown>)[] = [];

/** This stack's API, served again with `deps` replaced, on a port of its own: its client, and its base URL. */
async function apiWith(replaced: Partial<ApiDeps>): Promise<{ call: Call; baseUrl: string }> {
  const app = createApp({
    orm: stack.orm, temporal: stack.temporal, config: stack.config, forms: createFormValidator(),
    tokens: createTokens(stack.config.secret!), log: pino({ level: 'silent' }), ...replaced,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { call: apiClient(baseUrl).call, baseUrl };
}

/** The Retry-After a 503 of `path` carries (the contract-checked client gives status and body only). */
async function retryAfter(baseUrl: string, path: string, token: string, body?: unknown): Promise<string | null> {
  const response = await fetch(baseUrl + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBe(503);
  return response.headers.get('retry-after');
}

/** `call`'s answer and how long it took. */
async function timed(call: () => Promise<{ status: number; body: any }>) {
  const started = Date.now();
  const answer = await call();
  return { ...answer, ms: Date.now() - started };
}

beforeAll(async () => {
  stack = await startStack();
  ({ mgr1, sup1 } = await (await demoUsers(stack)).tokens(['mgr1', 'sup1']));
});
afterAll(async () => {
  for (const server of servers) await new Promise((r) => server.close(r));
  for (const close of closers) await close();
  await stack?.close();
});

describe('Temporal down', () => {
  let call: Call;
  let baseUrl: string;

  beforeAll(async () => {
    const connection = Connection.lazy(temporalConnectionOptions(`127.0.0.1:${await freePort()}`));
    closers.push(() => connection.close());
    ({ call, baseUrl } = await apiWith({ temporal: new Client({ connection, namespace: stack.config.temporal.namespace }) }));
  });

  it('an approval is 503 with Retry-After within 5 s, and the task stays open', async () => {
    const { review } = await proposeForReview(stack, mgr1, sup1, 21, 22);
    const answer = await timed(() => call('POST', `/api/tasks/${review.id}/complete`, sup1, { outcome: 'approve', requestId: 'during-outage' }));
    expect(answer.status).toBe(503);
    expect(answer.body.error).toEqual({ code: 'unavailable', message: '服务暂时不可用，请稍后重试' });
    expect(answer.ms).toBeLessThan(5_000);
    expect(await retryAfter(baseUrl, `/api/tasks/${review.id}/complete`, sup1, { outcome: 'approve', requestId: 'during-outage' })).toBe('5');
    expect((await stack.call('GET', `/api/tasks/${review.id}`, sup1)).body.status).toBe('open');
  });

  it('a start is 503 within 5 s and blocks nothing once Temporal is back', async () => {
    const customer = await customerOf(stack, mgr1, 23);
    const answer = await timed(() => call('POST', '/api/processes/regrade/instances', mgr1, { data: proposal(customer.id, 24), requestId: 'start-outage' }));
    expect(answer.status).toBe(503);
    expect(answer.ms).toBeLessThan(5_000);
    // The same requestId on the healthy API resumes that start.
    const resumed = await stack.call('POST', '/api/processes/regrade/instances', mgr1, { data: proposal(customer.id, 24), requestId: 'start-outage' });
    expect(resumed.status).toBe(200);
    expect(resumed.body.status).toBe('running');
  });

  it('/readyz says so within 2 s', async () => {
    const answer = await timed(() => call('GET', '/readyz'));
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ database: true, temporal: false });
    expect(answer.ms).toBeLessThan(2_000);
  });
});

describe('PostgreSQL down', () => {
  let call: Call;
  let baseUrl: string;

  beforeAll(async () => {
    const orm = await MikroORM.init({ ...ormOptions(`postgresql://dutyflow@127.0.0.1:${await freePort()}/nothing`, 2), connect: false });
    closers.push(() => orm.close(true));
    ({ call, baseUrl } = await apiWith({ orm }));
  });

  it('a signed-in read is 503 with Retry-After within 6 s, not 500', async () => {
    const answer = await timed(() => call('GET', '/api/tasks', sup1));
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe('unavailable');
    expect(answer.ms).toBeLessThan(6_000);
    expect(await retryAfter(baseUrl, '/api/tasks', sup1)).toBe('5');
  });

  it('/readyz says so within 2 s', async () => {
    const answer = await timed(() => call('GET', '/readyz'));
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ database: false, temporal: true });
    expect(answer.ms).toBeLessThan(2_000);
  });
});
