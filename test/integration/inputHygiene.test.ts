import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from '../../api/http/apiRoute.js';
import { API_ROUTES } from '../../api/openapi/apiRoutes.js';
import { createLogger } from '../../runtime/logger.js';
import { startTemporalDevServer } from '../../runtime/temporalDevServer.js';
import { freePort } from '../support/freePort.js';
import { PNG } from '../support/hazardFlows.js';
import { startStack, type TestStack } from '../support/stack.js';

/** What the API refuses before any route runs, and what it keeps out of logs and away from other local users. */
let stack: TestStack;
let admin: string;
let mgr1: string;

beforeAll(async () => {
  stack = await startStack();
  [admin, mgr1] = await Promise.all([stack.login('admin'), stack.login('mgr1')]);
});
afterAll(() => stack?.close());

const NUL_EN = 'must not contain the NUL character (U+0000)';
const refusedAt = (path: string, message = NUL_EN) => ({ status: 422, body: expect.objectContaining({ errors: [{ path, message }] }) });

describe('NUL characters', () => {
  it('are refused with 422 in a query parameter of every route, named by the parameter', async () => {
    for (const route of API_ROUTES) {
      const path = openApiPath(route).replace(/\{\w+\}/g, '1');
      const answer = await stack.call(route.method.toUpperCase(), `${path}?q=%00`, admin, undefined, { 'accept-language': 'en' });
      expect(answer, `${route.method} ${path}`).toEqual(refusedAt('/q'));
    }
  });

  it('are refused in a path parameter, named by the route\'s parameter', async () => {
    expect(await stack.call('GET', '/api/hazards/%00', admin)).toEqual(refusedAt('/code', '不能包含空字符（U+0000）'));
    expect(await stack.call('POST', '/api/assigned-tasks/a/tracks/b%00c/chase', admin, {}, { 'accept-language': 'en' }))
      .toEqual(refusedAt('/assigneeId'));
  });

  it('are refused in any JSON string or key, however deep, at its JSON pointer', async () => {
    expect(await stack.call('POST', '/api/auth/login', undefined, { username: 'a\u0000', password: 'x' }, { 'accept-language': 'en' }))
      .toEqual(refusedAt('/username'));
    const webhook = { url: 'https://example.com/hook', secret: 'a-webhook-secret\u0000-0123456789', kinds: ['task_assigned'] };
    expect(await stack.call('PUT', '/api/me/webhook', mgr1, webhook, { 'accept-language': 'en' })).toEqual(refusedAt('/secret'));
    const nested = { name: 'x', filter: { 'a/b~': [{ deep: ['ok', 'no\u0000'] }], ['k\u0000']: 1 } };
    const answer = await stack.call('POST', '/api/me/filters', mgr1, nested, { 'accept-language': 'en' });
    expect(answer.status).toBe(422);
    expect(answer.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/filter/a~1b~0/0/deep/1', '/filter/k\u0000']);
  });
});

describe('integer parameters', () => {
  it('beyond PostgreSQL\'s integer are invalid (422), not a failed query; the largest still works', async () => {
    expect(await stack.call('GET', '/api/hazards?responsible=2147483648', admin, undefined, { 'accept-language': 'en' }))
      .toEqual(refusedAt('/responsible', 'must be a positive integer'));
    expect((await stack.call('GET', '/api/hazards?responsible=2147483647', admin)).body.total).toBe(0);
    expect((await stack.call('GET', '/api/customers/2147483648', admin)).status).toBe(404);
  });
});

/** A logger that writes its lines into `lines`, parsed. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger('info', 'test', sink), lines, text: () => JSON.stringify(lines) };
}

describe('logs', () => {
  it('show a failed statement by its class, code and frames, never the values MikroORM wrote into its SQL', async () => {
    const secret = 'webhook-secret-0123456789';
    const failed = await stack.orm.em.fork().getConnection().execute('select ?::integer as n', [secret]).catch((err: unknown) => err);
    expect(String(failed)).toContain(secret);
    const { log, lines, text } = capturingLogger();
    log.error({ err: failed, method: 'PUT', path: '/api/me/webhook' }, 'unhandled error');
    expect(text()).not.toContain(secret);
    expect(lines[0]?.err).toMatchObject({ code: '22P02', routine: expect.any(String), stack: expect.stringMatching(/^\s+at /) });
  });

  it('redact credentials, cookies, secrets and form data, and drop a request\'s query string', () => {
    const { log, lines, text } = capturingLogger();
    log.info({
      req: { method: 'GET', url: '/api/tasks?q=private-query', headers: { authorization: 'Bearer private-token' } },
      headers: { authorization: 'Bearer private-token', cookie: 'dutyflow_session=private-cookie' },
      webhook: { secret: 'private-secret' }, user: { password: 'private-password' },
      data: { note: 'private-form' }, instance: { data: { note: 'private-form' } },
    }, 'request');
    expect(text()).not.toMatch(/private/);
    expect(lines[0]?.req).toEqual({ method: 'GET', path: '/api/tasks' });
  });
});

/** POST /api/attachments with `bytes` as the body. */
async function upload(name: string, bytes: Buffer) {
  const response = await fetch(`${stack.baseUrl}/api/attachments?${new URLSearchParams({ name })}`, {
    method: 'POST', headers: { authorization: `Bearer ${mgr1}`, 'content-type': 'image/png', 'accept-language': 'en' }, body: new Uint8Array(bytes),
  });
  return { status: response.status, body: await response.json() };
}

describe('attachment names', () => {
  it('refuse bidi controls and other invisible characters, which make a name read as something else', async () => {
    for (const name of ['invoice\u202Egnp.png', 'a\u2066b.png', 'a\u200Eb.png', 'a\u061Cb.png', 'a\u200Bb.png', 'a\u2028b.png', 'a\u0085b.png']) {
      const refused = await upload(name, PNG);
      expect(refused.status, JSON.stringify(name)).toBe(422);
      expect(refused.body.errors[0].path).toBe('/name');
    }
    expect((await upload('通道 照片 (1).png', PNG)).status).toBe(201);
  });
});

describe('files on disk', () => {
  /** Whether anyone but the owner may read, write or enter `path`. */
  const openToOthers = (path: string) => (statSync(path).mode & 0o077) !== 0;

  it('an upload and its folders are their owner\'s only', async () => {
    const previous = process.umask(0o022); // the usual umask, under which files are created world-readable
    try {
      const created = await upload('private.png', Buffer.concat([PNG, Buffer.from('another file')]));
      expect(created.status).toBe(201);
      const file = join(stack.config.dataDir, 'files', created.body.sha256.slice(0, 2), created.body.sha256);
      for (const path of [file, dirname(file), join(stack.config.dataDir, 'files'), join(stack.config.dataDir, 'files', 'tmp')]) {
        expect(openToOthers(path), path).toBe(false);
      }
    } finally {
      process.umask(previous);
    }
  });

  it('the Temporal dev server\'s database is its owner\'s only', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dutyflow-temporal-'));
    const previous = process.umask(0o022);
    const server = await startTemporalDevServer({ port: await freePort(), dbFile: join(dir, 'temporal.db') }).finally(() => process.umask(previous));
    try {
      for (const file of ['temporal.db', 'temporal.db-wal', 'temporal.db-shm']) expect(openToOthers(join(dir, file)), file).toBe(false);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
