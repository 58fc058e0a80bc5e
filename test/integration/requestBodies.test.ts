import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonBodySchema } from '../../api/http/requestValidation.js';
import { API_ROUTES } from '../../api/openapi/apiRoutes.js';
import { demoUsers } from '../support/demoUsers.js';
import { startStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let admin: string;

beforeAll(async () => {
  stack = await startStack();
  ({ admin } = await (await demoUsers(stack)).tokens(['admin']));
});
afterAll(() => stack?.close());

/** Every route that takes a JSON body, with a path that names real-looking ids. */
const bodyRoutes = API_ROUTES.flatMap((route) => {
  const schema = jsonBodySchema(route) as { required?: string[] } | undefined;
  if (!schema) return [];
  const path = `/api${route.path}`.replace(/:(\w+)/g, (_, name: string) =>
    ({ date: '2027-01-04', key: 'regrade', assigneeId: '1' } as Record<string, string>)[name] ?? randomUUID());
  return [{ name: `${route.method.toUpperCase()} ${route.path}`, method: route.method.toUpperCase(), path, required: schema.required ?? [] }];
});

const paths = (body: { errors: { path: string }[] }) => body.errors.map((e) => e.path);

describe('request bodies are checked against the schema their route declares', () => {
  it('covers the routes that take JSON', () => {
    expect(bodyRoutes.map((r) => r.name)).toEqual(expect.arrayContaining([
      'POST /tasks/:id/complete', 'POST /tasks/:id/actions', 'POST /processes/:key/instances', 'POST /instances/:id/withdraw',
      'PATCH /me', 'POST /me/filters', 'PUT /admin/calendar/:date', 'POST /assigned-tasks/:instanceId/tracks/:assigneeId/progress',
    ]));
  });

  it.each(bodyRoutes)('$name: an empty body names every missing field at once, in zh-CN, and changes nothing', async (route) => {
    const answer = await stack.call(route.method, route.path, admin, {});
    expect(answer.status).toBe(422);
    expect(paths(answer.body)).toEqual(expect.arrayContaining(route.required.map((field) => `/${field}`)));
    for (const error of answer.body.errors) expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(bodyRoutes)('$name: a body that is not a JSON object is a documented 400', async (route) => {
    const answer = await stack.call(route.method, route.path, admin, 'AAA');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_json');
  });

  it('refuses values of the wrong type at their paths, with the wording the field declares', async () => {
    const task = randomUUID();
    const complete = await stack.call('POST', `/api/tasks/${task}/complete`, admin, { requestId: 7, data: 'approve' }, { 'accept-language': 'en' });
    expect(complete.status).toBe(422);
    expect(complete.body.errors).toEqual(expect.arrayContaining([
      { path: '/requestId', message: 'requestId is required' },
      { path: '/data', message: expect.stringContaining('object') },
    ]));
    const action = await stack.call('POST', `/api/tasks/${task}/actions`, admin, {
      action: 'cc', userIds: [1, 1], reason: '  ', requestId: randomUUID(),
    });
    expect(action.body.errors).toEqual(expect.arrayContaining([
      { path: '/reason', message: '请写明理由（2–500 字）' },
      { path: '/userIds', message: '找不到该用户或已停用' },
    ]));
    const withdraw = await stack.call('POST', `/api/instances/${task}/withdraw`, admin, { requestId: randomUUID(), reason: 'x'.repeat(501) });
    expect(paths(withdraw.body)).toEqual(['/reason']);
  });
});
