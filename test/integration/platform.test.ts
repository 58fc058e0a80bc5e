import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe('platform', () => {
  it('reports health and readiness of PostgreSQL and Temporal', async () => {
    expect((await stack.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await stack.call('GET', '/readyz')).body).toEqual({ status: 'ready', database: true, temporal: true });
  });

  it('serves the OpenAPI document without a session, covering the task routes', async () => {
    const { status, body } = await stack.call('GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining([
      '/api/auth/login', '/api/tasks', '/api/tasks/{id}/complete', '/api/processes/{key}/instances', '/api/customers/{id}',
    ]));
  });

  it('serves each form with its schema, UI schema and both languages', async () => {
    const token = await stack.login('mgr1');
    const list = await stack.call('GET', '/api/forms', token);
    expect(list.body.items.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining(['regrade-proposal', 'approval-decision', 'work-record', 'customer-profile-feedback']));
    const form = await stack.call('GET', '/api/forms/regrade-proposal', token);
    expect(form.body.schema.properties.proposedTier).toMatchObject({ minimum: 1, maximum: 30 });
    expect(form.body.i18n['zh-CN']['proposedTier.label']).toBe('建议档位');
    expect(form.body.i18n.en['proposedTier.label']).toBe('Proposed tier');
    expect((await stack.call('GET', '/api/forms/nope', token)).status).toBe(404);
  });

  it('answers errors in one shape, in the language asked for, without internals', async () => {
    const token = await stack.login('mgr1');
    const zh = await stack.call('GET', '/api/nowhere', token);
    expect(zh.status).toBe(404);
    expect(zh.body).toEqual({ error: { code: 'not_found', message: '未找到接口' } });
    expect((await stack.call('GET', '/nowhere')).body).toEqual({ error: { code: 'not_found', message: '未找到接口' } });
    const en = await stack.call('GET', '/api/tasks/00000000-0000-4000-8000-000000000000', token, undefined, { 'accept-language': 'en' });
    expect(en.body).toEqual({ error: { code: 'not_found', message: 'Task not found' } });
    const badJson = await fetch(`${stack.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ error: { code: 'invalid_json', message: '请求内容不是有效的 JSON' } });
    const huge = await stack.call('POST', '/api/auth/login', undefined, { username: 'x'.repeat(2_000_000), password: 'x' });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('entity_too_large');
    const wrong = await stack.call('POST', '/api/auth/login', undefined, { username: 'mgr1', password: 'nope' });
    expect(wrong).toEqual({ status: 401, body: { error: { code: 'unauthenticated', message: '用户名或密码错误' } } });
  });

  it('keeps the audit log append-only', async () => {
    const conn = stack.orm.em.fork().getConnection();
    await conn.execute(`insert into audit_log (type, data) values ('test.event', '{}')`);
    await expect(conn.execute(`update audit_log set type = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(conn.execute('delete from audit_log')).rejects.toThrow(/append-only/);
  });
});
