import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { createTokens } from '../../api/http/auth.js';
import { TaskSchema } from '../../db/entities/index.js';
import { createFormValidator } from '../../forms/validate.js';
import { demoUsers } from '../support/demoUsers.js';
import { proposeForReview } from '../support/regradeFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { complete, openTask } from '../support/taskFlows.js';

let stack: TestStack;
let mgr1: string;
let mgr2: string;
let mgr4: string;
let sup1: string;
let head: string;
/** mgr1's 1-tier regrade, left waiting for sup1's review. */
let waiting: Awaited<ReturnType<typeof proposeForReview>>;

const paths = (body: { errors: { path: string }[] }) => body.errors.map((e) => e.path);

beforeAll(async () => {
  stack = await startStack();
  ({ mgr1, mgr2, mgr4, sup1, head } = await (await demoUsers(stack)).tokens(['mgr1', 'mgr2', 'mgr4', 'sup1', 'head']));
});
afterAll(() => stack?.close());

describe('inbox counts and due filters', () => {
  const counts = async (token: string, filter = '') => (await stack.call('GET', `/api/tasks/counts${filter}`, token)).body;
  /** The counts must be what the tabs' lists say, under the same filter. */
  async function expectCountsMatchLists(token: string, filter = '') {
    const total = async (tab: string) => (await stack.call('GET', `/api/tasks?${tab}&${filter.replace(/^\?/, '')}`, token)).body.total;
    expect(await counts(token, filter)).toEqual({
      mine: await total('view=mine'), group: await total('view=group'), done: await total('view=mine&status=done'),
    });
  }

  it('counts my open, my groups\' open and my completed tasks as regrades are proposed and decided', async () => {
    expect(await counts(sup1)).toEqual({ mine: 0, group: 0, done: 0 });
    waiting = await proposeForReview(stack, mgr1, sup1, 10, 11);
    const twoLevel = await proposeForReview(stack, mgr1, sup1, 20, 24);
    expect(await counts(sup1)).toEqual({ mine: 2, group: 0, done: 0 });
    expect(await counts(mgr1)).toEqual({ mine: 0, group: 0, done: 0 });

    expect((await complete(stack, sup1, twoLevel.review.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    const headReview = await openTask(stack, head, twoLevel.started.body.id, 'head-review');
    expect(await counts(sup1)).toEqual({ mine: 1, group: 0, done: 1 });
    expect(await counts(head)).toEqual({ mine: 0, group: 1, done: 0 });
    await expectCountsMatchLists(sup1);
    await expectCountsMatchLists(head);

    expect((await complete(stack, head, headReview.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    expect(await counts(head)).toEqual({ mine: 0, group: 0, done: 1 });

    // The filters narrow every count: only the waiting regrade's customer.
    const name = (waiting.customer as unknown as { name: string }).name;
    const byName = `?q=${encodeURIComponent(name)}`;
    expect(await counts(sup1, byName)).toEqual({ mine: 1, group: 0, done: 0 });
    await expectCountsMatchLists(sup1, byName);
  });

  it('filters by due after and overdue, and counts under those filters', async () => {
    const list = async (filter: string) => (await stack.call('GET', `/api/tasks?${filter}`, sup1)).body;
    const now = new Date().toISOString();
    expect((await list(`dueAfter=${now}`)).total).toBe(1);
    expect((await list('dueAfter=2099-01-01T00:00:00Z')).total).toBe(0);
    expect((await list('dueAfter=2000-01-01&dueBefore=2099-01-01')).total).toBe(1);
    expect((await list('overdue=true')).total).toBe(0);
    expect((await list('overdue=false')).total).toBe(1);

    await stack.orm.em.fork().nativeUpdate(TaskSchema, { id: waiting.review.id }, { dueAt: new Date(Date.now() - 3600_000) });
    const overdue = await list('overdue=true');
    expect(overdue.items.map((t: { id: string; overdue: boolean }) => [t.id, t.overdue])).toEqual([[waiting.review.id, true]]);
    expect((await list('overdue=true&status=done')).total).toBe(0);
    expect(await counts(sup1, '?overdue=true')).toEqual({ mine: 1, group: 0, done: 0 });
    await expectCountsMatchLists(sup1, '?overdue=true');
    // The decided review keeps its due time: it still counts as due after now.
    expect(await counts(sup1, `?dueAfter=${now}`)).toEqual({ mine: 0, group: 0, done: 1 });
  });

  it('refuses a bad dueAfter or overdue on the list and the counts, naming the fields', async () => {
    const en = { 'accept-language': 'en' };
    const bad = await stack.call('GET', '/api/tasks?view=nope&dueAfter=soon&overdue=yes', sup1, undefined, en);
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { path: '/view', message: 'must be one of: mine, group, all' },
      { path: '/dueAfter', message: 'must be a date' },
      { path: '/overdue', message: 'must be true or false' },
    ]);
    const badCounts = await stack.call('GET', '/api/tasks/counts?dueAfter=soon&overdue=1', sup1);
    expect(badCounts.status).toBe(422);
    expect(badCounts.body.errors).toEqual([{ path: '/dueAfter', message: '应为日期' }, { path: '/overdue', message: '只能是 true 或 false' }]);
    expect((await stack.call('GET', '/api/tasks/counts')).status).toBe(401);
  });
});

describe('saved inbox filters', () => {
  const save = (token: string, body: unknown, headers?: Record<string, string>) =>
    stack.call('POST', '/api/me/filters', token, body, headers);
  const mine = async (token: string) => (await stack.call('GET', '/api/me/filters', token)).body.items;

  it('saves a name once: the same name again replaces its query, even when submitted twice at once', async () => {
    const created = await save(mgr1, { name: '  逾期待办 ', query: { view: 'mine', overdue: 'true' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '逾期待办', query: { view: 'mine', overdue: 'true' } });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(created.body.createdAt)).not.toBeNaN();

    const replaced = await save(mgr1, { name: '逾期待办', query: { view: 'group', sort: '-due' } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual({ ...created.body, query: { view: 'group', sort: '-due' } });

    const twice = await Promise.all([1, 2].map(() => save(mgr1, { name: 'A 组', query: { q: '便利店' } })));
    expect(twice.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(twice[0]!.body.id).toBe(twice[1]!.body.id);
    expect((await mine(mgr1)).map((f: { name: string; query: unknown }) => [f.name, f.query])).toEqual([
      ['A 组', { q: '便利店' }], ['逾期待办', { view: 'group', sort: '-due' }],
    ]);
  });

  it('keeps each user\'s filters their own', async () => {
    const [filter] = await mine(mgr1);
    expect(await mine(mgr2)).toEqual([]);
    expect((await stack.call('DELETE', `/api/me/filters/${filter.id}`, mgr2)).status).toBe(404);
    expect((await stack.call('DELETE', '/api/me/filters/not-a-uuid', mgr1)).status).toBe(404);
    expect((await stack.call('DELETE', `/api/me/filters/${filter.id}`, mgr1)).status).toBe(204);
    expect((await mine(mgr1)).map((f: { id: string }) => f.id)).not.toContain(filter.id);
    expect((await stack.call('DELETE', `/api/me/filters/${filter.id}`, mgr1)).status).toBe(404);
    expect((await stack.call('GET', '/api/me/filters')).status).toBe(401);
  });

  it('refuses bad names and queries with the field paths, in the caller\'s language', async () => {
    const bad = await save(mgr1, { name: '   ', query: { view: 1, color: 'red', q: 'x'.repeat(201), status: 'open' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toHaveLength(4);
    expect(bad.body.errors).toEqual(expect.arrayContaining([
      { path: '/name', message: '名称不能为空，且不超过 60 个字符' },
      { path: '/query/view', message: '应为不超过 200 个字符的文本' },
      { path: '/query/color', message: '不支持的筛选条件' },
      { path: '/query/q', message: '应为不超过 200 个字符的文本' },
    ]));
    expect(paths((await save(mgr1, { name: 'x'.repeat(61), query: [] })).body)).toEqual(['/name', '/query']);
    expect(paths((await save(mgr1, { name: 'ok' })).body)).toEqual(['/query']);
    const en = await save(mgr1, { name: 'ok', query: 'view=mine' }, { 'accept-language': 'en' });
    expect(en.body.errors).toEqual([{ path: '/query', message: 'must be an object' }]);
  });

  it('keeps at most 50 per user; a known name can still be saved again', async () => {
    const mgr3 = await stack.login('mgr3');
    for (let i = 1; i <= 50; i++) expect((await save(mgr3, { name: `筛选 ${i}`, query: { q: String(i) } })).status).toBe(201);
    const full = await save(mgr3, { name: '第 51 个', query: {} });
    expect(full.status).toBe(422);
    expect(full.body.errors).toEqual([{ path: '/name', message: '最多只能保存 50 个筛选' }]);
    expect((await save(mgr3, { name: '筛选 7', query: { view: 'group' } })).status).toBe(200);
    expect(await mine(mgr3)).toHaveLength(50);
  });
});

describe('the caller\'s locale', () => {
  it('PATCH /api/me sets it; later answers without Accept-Language use it', async () => {
    const before = (await stack.call('GET', '/api/me', mgr2)).body;
    expect(before.locale).toBe('zh-CN');
    const patched = await stack.call('PATCH', '/api/me', mgr2, { locale: 'en' });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ ...before, locale: 'en' });
    expect((await stack.call('GET', '/api/me', mgr2)).body).toEqual(patched.body);

    const later = await stack.call('POST', '/api/me/filters', mgr2, { name: '', query: {} });
    expect(later.body.errors).toEqual([{ path: '/name', message: 'must be a name of 1 to 60 characters' }]);
    const asked = await stack.call('POST', '/api/me/filters', mgr2, { name: '', query: {} }, { 'accept-language': 'zh-CN' });
    expect(asked.body.errors[0].message).toBe('名称不能为空，且不超过 60 个字符');

    const bad = await stack.call('PATCH', '/api/me', mgr2, { locale: 'fr' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: '/locale', message: 'must be one of: zh-CN, en' }]);
    expect(paths((await stack.call('PATCH', '/api/me', mgr1, {})).body)).toEqual(['/locale']);
    expect((await stack.call('PATCH', '/api/me', undefined, { locale: 'en' })).status).toBe(401);
  });
});

describe('directory, instances by customer, client config', () => {
  it('lists active users with names and roles only', async () => {
    const { status, body } = await stack.call('GET', '/api/users', mgr1);
    expect(status).toBe(200);
    expect(body.items).toHaveLength(12);
    expect(body.items.find((u: { username: string }) => u.username === 'sup1')).toEqual({
      id: expect.any(Number), username: 'sup1', displayName: '张主管', roles: ['supervisor'],
    });
    for (const user of body.items) expect(Object.keys(user).sort()).toEqual(['displayName', 'id', 'roles', 'username']);
    expect(JSON.stringify(body)).not.toMatch(/password|scrypt/i);
    expect((await stack.call('GET', '/api/users')).status).toBe(401);
  });

  it('lists the instances about one customer, within what the caller may see, with their workflow id', async () => {
    const customerId = waiting.customer.id;
    const forManager = await stack.call('GET', `/api/instances?customerId=${customerId}`, mgr1);
    expect(forManager.status).toBe(200);
    expect(forManager.body.total).toBe(1);
    expect(forManager.body.items[0]).toMatchObject({
      id: waiting.started.body.id, workflowId: waiting.started.body.id, businessKey: `customer:${customerId}`,
    });
    expect((await stack.call('GET', '/api/instances', mgr1)).body.total).toBe(2);
    expect((await stack.call('GET', `/api/instances?customerId=${customerId}`, sup1)).body.total).toBe(1);
    expect((await stack.call('GET', `/api/instances?customerId=${customerId}`, mgr4)).body.total).toBe(0);
    expect((await stack.call('GET', `/api/instances/${waiting.started.body.id}`, mgr1)).body.workflowId).toBe(waiting.started.body.id);

    for (const bad of ['abc', '0', '-3', '1.5']) {
      const refused = await stack.call('GET', `/api/instances?customerId=${bad}`, mgr1);
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([{ path: '/customerId', message: '应为正整数' }]);
    }
  });

  it('gives a task with its process and the forms its page draws in one answer, as their own routes do, under the task\'s rights', async () => {
    const taskId = waiting.review.id;
    const full = await stack.call('GET', `/api/tasks/${taskId}/full`, sup1);
    expect(full.status).toBe(200);
    const task = (await stack.call('GET', `/api/tasks/${taskId}`, sup1)).body;
    const form = async (key: string) => (await stack.call('GET', `/api/forms/${key}`, sup1)).body;
    expect(full.body).toEqual({
      task,
      instance: (await stack.call('GET', `/api/instances/${task.instanceId}`, sup1)).body,
      // The review's own form, then the proposal's (the record the supervisor decides on).
      forms: [await form('approval-decision'), await form('regrade-proposal')],
    });
    expect(full.body.instance.id).toBe(waiting.started.body.id);
    // The proposer sees the process but not their own review; another team sees neither.
    expect((await stack.call('GET', `/api/tasks/${taskId}/full`, mgr1)).status).toBe(403);
    expect((await stack.call('GET', `/api/tasks/${taskId}/full`, mgr4)).status).toBe(404);
  });

  it('sends a read compressed to a client that accepts it (a browser: brotli), the same JSON', async () => {
    const read = (encoding: string) => fetch(`${stack.baseUrl}/api/tasks/${waiting.review.id}/full`, {
      headers: { authorization: `Bearer ${sup1}`, 'accept-encoding': encoding },
    });
    const zipped = await read('gzip, deflate, br, zstd');
    expect(zipped.headers.get('content-encoding')).toBe('br');
    const plain = await read('identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await zipped.json()).toEqual(await plain.json());
  });

  it('tells the web app the Temporal UI (none for an external Temporal without one) and namespace', async () => {
    expect((await stack.call('GET', '/api/config', mgr1)).body).toEqual({ temporalUiUrl: null, namespace: 'default' });
    expect((await stack.call('GET', '/api/config')).status).toBe(401);
  });

  it('describes the new routes in the OpenAPI document', async () => {
    const { body } = await stack.call('GET', '/api/openapi.json');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining([
      '/api/tasks/counts', '/api/me/filters', '/api/me/filters/{id}', '/api/users', '/api/config',
    ]));
    expect(body.paths['/api/me'].patch.operationId).toBe('updateMe');
  });
});

describe('the built web app', () => {
  let dist: string;
  let server: Server;
  let baseUrl: string;

  /** The product's app serving a fake build from `webDist`. */
  async function serve(webDist: string): Promise<{ server: Server; baseUrl: string }> {
    const app = createApp({
      orm: stack.orm, temporal: stack.temporal, config: stack.config, forms: createFormValidator(),
      tokens: createTokens(stack.config.secret!), log: pino({ level: 'silent' }),
    }, { webDist });
    const listening: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = listening.address();
    return { server: listening, baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
  }
  const page = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
  const get = (path: string, headers: Record<string, string> = page, method = 'GET') => fetch(baseUrl + path, { method, headers });

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'dutyflow-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    ({ server, baseUrl } = await serve(dist));
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html for pages (not cached) and hashed assets for a year', async () => {
    for (const path of ['/', '/tasks/123', '/instances/abc?tab=timeline']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root">');
    }
    expect((await get('/tasks', page, 'HEAD')).status).toBe(200);
    const asset = await get('/assets/index-abc123.js', { accept: '*/*' });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('leaves the API, the probes, other methods and missing assets to the server: JSON answers', async () => {
    const token = await stack.login('mgr1');
    const api = await get('/api/nowhere', { ...page, authorization: `Bearer ${token}` });
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: 'not_found', message: '未找到接口' } });
    expect((await get('/api/tasks')).status).toBe(401);
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await get('/assets/missing.js', { accept: '*/*' })).status).toBe(404);
    expect((await get('/tasks', { accept: 'application/json' })).status).toBe(404);
    expect((await get('/tasks', page, 'POST')).status).toBe(404);
  });

  it('changes nothing without a build', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dutyflow-web-'));
    const bare = await serve(empty);
    try {
      const response = await fetch(`${bare.baseUrl}/tasks`, { headers: page });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'not_found', message: '未找到接口' } });
    } finally {
      await new Promise((r) => bare.server.close(r));
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
