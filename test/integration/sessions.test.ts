import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEventSchema, UserSchema } from '../../db/entities/index.js';
import { DEMO_PASSWORD } from '../../db/demoSeed.js';
import { hashPassword } from '../../db/passwords.js';
import { contractViolations } from '../support/contract.js';
import { startStack, type TestStack } from '../support/stack.js';

const PUBLIC_URL = 'https://dutyflow.example';
let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ DUTYFLOW_PUBLIC_URL: PUBLIC_URL });
});
afterAll(() => stack?.close());

/** A request as a browser would send it (any headers, a raw body), its answer checked against the OpenAPI document. */
async function send(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const response = await fetch(stack.baseUrl + path, { method, headers, body });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  expect(contractViolations(method, path, response.status, response.headers.get('content-type'), json)).toEqual([]);
  return { status: response.status, body: json, headers: response.headers };
}

const signIn = (username: string, password = DEMO_PASSWORD, headers: Record<string, string> = {}) =>
  send('POST', '/api/auth/login', { 'content-type': 'application/json', ...headers }, JSON.stringify({ username, password }));
const cookie = (token: string) => ({ cookie: `dutyflow_session=${token}` });
const me = async (headers: Record<string, string>) => (await send('GET', '/api/me', headers)).status;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const setUser = (username: string, change: { active?: boolean; passwordHash?: string }) =>
  stack.orm.em.fork().nativeUpdate(UserSchema, { username }, change);
const storedHash = async (username: string) => (await stack.orm.em.fork().findOneOrFail(UserSchema, { username })).passwordHash;

describe('sessions that end', () => {
  it('ends a session at logout: its token is refused at once, as bearer and as cookie; other sessions go on', async () => {
    const token = await stack.login('mgr1');
    const other = await stack.login('mgr1');
    expect(await me(bearer(token))).toBe(200);
    expect(await me(cookie(token))).toBe(200);

    const out = await send('POST', '/api/auth/logout', bearer(token));
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^dutyflow_session=;/);
    expect(await me(bearer(token))).toBe(401);
    expect(await me(cookie(token))).toBe(401);
    expect(await me(bearer(other))).toBe(200);
  });

  it('ends every session of a deactivated user, so reactivating does not bring old tokens back', async () => {
    const token = await stack.login('mgr2');
    await setUser('mgr2', { active: false });
    expect(await me(bearer(token))).toBe(401);
    expect((await signIn('mgr2')).status).toBe(401);
    await setUser('mgr2', { active: true });
    expect(await me(bearer(token))).toBe(401);
    expect(await me(bearer(await stack.login('mgr2')))).toBe(200);
  });
});

describe('sign-in throttling', () => {
  it('locks an account after a burst of wrong passwords (429, Retry-After, message, audit) until its window ends', async () => {
    // In parallel, as an attacker would: each attempt is counted once, whatever the interleaving.
    const burst = await Promise.all(Array.from({ length: 10 }, () => signIn('mgr3', 'wrong-password')));
    expect(burst.map((a) => a.status)).toEqual(Array(10).fill(401));

    for (const password of ['still-wrong', DEMO_PASSWORD]) {
      const locked = await signIn('mgr3', password);
      expect(locked.status).toBe(429);
      expect(locked.body.error).toEqual({ code: 'too_many_requests', message: '登录失败次数过多，已暂时锁定，请 15 分钟后再试' });
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    }
    expect((await signIn('mgr3', DEMO_PASSWORD, { 'accept-language': 'en' })).body.error.message)
      .toBe('Too many failed sign-ins: locked for now, please try again in 15 min');
    // Another account from the same address is not locked.
    expect((await signIn('mgr4')).status).toBe(200);

    const audits = await stack.orm.em.fork().find(AuditEventSchema, { type: 'auth.lockedOut' });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.data).toMatchObject({ scope: 'account', username: 'mgr3', failures: 10 });
    expect(Date.parse(audits[0]!.data.until as string)).toBeGreaterThan(Date.now() + 14 * 60_000);

    // The window ends (as 15 minutes passing would): the right password works again.
    await stack.orm.em.fork().execute(`update login_failures set window_ends = now() - interval '1 second' where key = 'account:mgr3'`);
    expect((await signIn('mgr3')).status).toBe(200);
  });

  it('locks a client address that failed too often, whichever account it tries', async () => {
    const [address] = await stack.orm.em.fork().execute<{ key: string }[]>(`select key from login_failures where key like 'address:%'`);
    await stack.orm.em.fork().execute('update login_failures set failures = 50 where key = ?', [address!.key]);
    try {
      const locked = await signIn('mgr5');
      expect(locked.status).toBe(429);
      expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await stack.orm.em.fork().execute('delete from login_failures where key = ?', [address!.key]);
    }
    expect((await signIn('mgr5')).status).toBe(200);
  });
});

describe('password hashes', () => {
  it('hashes new passwords with scrypt at N=2^17, r=8, p=1', async () => {
    expect(await hashPassword('correct horse battery staple')).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await storedHash('admin')).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it('still accepts a hash made at the old cost, and redoes it at today\'s cost at sign-in', async () => {
    await setUser('mgr6', { passwordHash: await hashPassword(DEMO_PASSWORD, { N: 2 ** 14, r: 8, p: 1 }) });
    expect(await storedHash('mgr6')).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect((await signIn('mgr6')).status).toBe(200);
    expect(await storedHash('mgr6')).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await signIn('mgr6')).status).toBe(200);
  });
});

describe('cross-site requests with the session cookie', () => {
  const foreign = { origin: 'https://evil.example', 'content-type': 'text/plain' };
  const missingTask = `/api/tasks/${randomUUID()}/claim`;

  it('refuses a cookie-authenticated POST from another site\'s page with 403', async () => {
    const token = await stack.login('sup1');
    const fromElsewhere: Record<string, string>[] = [foreign, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }];
    for (const headers of fromElsewhere) {
      const refused = await send('POST', missingTask, { ...cookie(token), ...headers }, 'x');
      expect(refused.status).toBe(403);
      expect(refused.body.error).toEqual({ code: 'forbidden', message: '已拒绝来自其他网站的请求：请在本系统页面中操作' });
    }
    expect((await send('POST', '/api/auth/logout', { ...cookie(token), ...foreign })).status).toBe(403);
    expect(await me(cookie(token))).toBe(200);
  });

  it('lets the app\'s own pages (its host or its public URL), reads and bearer tokens through', async () => {
    const token = await stack.login('sup1');
    const readAll = '/api/me/notifications/read-all';
    expect((await send('POST', readAll, { ...cookie(token), origin: stack.baseUrl, 'sec-fetch-site': 'same-origin' })).status).toBe(204);
    expect((await send('POST', readAll, { ...cookie(token), origin: PUBLIC_URL })).status).toBe(204);
    expect((await send('POST', readAll, cookie(token))).status).toBe(204);
    expect((await send('POST', missingTask, { ...cookie(token), origin: stack.baseUrl })).status).toBe(404);
    expect((await send('GET', '/api/me', { ...cookie(token), ...foreign })).status).toBe(200);
    expect((await send('POST', missingTask, { ...bearer(token), ...foreign }, 'x')).status).toBe(404);
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const signedIn = await signIn('sup2');
    expect(signedIn.headers.get('set-cookie')).toMatch(/^dutyflow_session=[^;]+;.*; HttpOnly; Secure; SameSite=Lax/);
  });
});
