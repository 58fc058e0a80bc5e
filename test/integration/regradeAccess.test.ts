import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserSchema } from '../../db/entities/index.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { customerOf, proposal, proposeForReview, start } from '../support/regradeFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { complete, openTask } from '../support/taskFlows.js';

let stack: TestStack;
let users: DemoUsers;
let mgr1: string;
let mgr2: string;
let sup1: string;
let sup2: string;

beforeAll(async () => {
  stack = await startStack();
  users = await demoUsers(stack);
  ({ mgr1, mgr2, sup1, sup2 } = await users.tokens(['mgr1', 'mgr2', 'sup1', 'sup2']));
});
afterAll(() => stack?.close());

async function count(table: string): Promise<number> {
  const rows: { n: number }[] = await stack.orm.em.fork().getConnection().execute(`select count(*)::int as n from ${table}`);
  return rows[0]?.n ?? 0;
}

describe('who may start and decide a regrade', () => {
  it('401 without a token or with a forged one', async () => {
    expect((await stack.call('GET', '/api/tasks')).status).toBe(401);
    const forged = await stack.call('GET', '/api/me', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.bad');
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('unauthenticated');
    expect((await stack.call('POST', '/api/processes/regrade/instances', undefined, { data: {}, requestId: 'x' })).status).toBe(401);
  });

  it('a second open regrade of the same customer is 409; after it ends a new one may start', async () => {
    const customer = await customerOf(stack, mgr1, 3);
    const first = await start(stack, mgr1, proposal(customer.id, 4));
    expect(first.status).toBe(201);
    const second = await start(stack, mgr1, proposal(customer.id, 5));
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe('该客户已有一个进行中的分档调整');
    expect(second.body.error.details.instanceId).toBe(first.body.id);

    const review = await openTask(stack, sup1, first.body.id, 'review');
    await complete(stack, sup1, review.id, { outcome: 'reject', comment: '暂不调整' });
    const third = await start(stack, mgr1, proposal(customer.id, 5));
    expect(third.status).toBe(201);
  });

  it('403 for a customer of another manager, and for a role that may not propose', async () => {
    const customer = await customerOf(stack, mgr1, 7);
    const other = await start(stack, mgr2, proposal(customer.id, 8));
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe('只能为自己负责的客户提出调整建议');
    expect((await start(stack, sup1, proposal(customer.id, 8))).status).toBe(403);
  });

  it('shows customers and instances only to those who oversee them', async () => {
    const mgr4 = await users.token('mgr4');
    const mine = await customerOf(stack, mgr4, 10);
    const asOther = await stack.call('GET', `/api/customers?managerId=${mine.managerId}`, mgr1);
    expect(asOther.body.total).toBe(0);
    expect((await stack.call('GET', `/api/customers/${mine.id}`, sup1)).status).toBe(404);
    expect((await stack.call('GET', `/api/customers/${mine.id}`, sup2)).status).toBe(200);

    const started = await start(stack, mgr4, proposal(mine.id, 11));
    expect((await stack.call('GET', `/api/instances/${started.body.id}`, sup1)).status).toBe(404);
    expect((await stack.call('GET', `/api/instances/${started.body.id}`, mgr1)).status).toBe(404);
    expect((await stack.call('GET', `/api/instances/${started.body.id}`, sup2)).status).toBe(200);
    const listed = await stack.call('GET', '/api/instances?process=regrade', sup1);
    expect(listed.body.items.map((i: { id: string }) => i.id)).not.toContain(started.body.id);
  });

  it('the proposer gets 403; a manager or supervisor who may not see the process, 404', async () => {
    const { review } = await proposeForReview(stack, mgr1, sup1, 8, 9);
    for (const [token, status] of [[mgr1, 403], [mgr2, 404], [sup2, 404]] as const) {
      const attempt = await complete(stack, token, review.id, { outcome: 'approve', comment: '同意' });
      expect(attempt.status).toBe(status);
    }
    const task = await stack.call('GET', `/api/tasks/${review.id}`, sup1);
    expect(task.body.status).toBe('open');
  });

  it('nobody decides on their own proposal, even holding the deciding role', async () => {
    // A customer manager who is also dept head proposes a 4-tier change for their own customer.
    const em = stack.orm.em.fork();
    const both = await em.findOneOrFail(UserSchema, { username: 'mgr3' });
    both.roles = ['customer_manager', 'dept_head'];
    both.supervisorId = users.ids.sup1!;
    await em.flush();
    const mgr3 = await users.token('mgr3');
    const { started, review } = await proposeForReview(stack, mgr3, sup1, 12, 16);
    await complete(stack, sup1, review.id, { outcome: 'approve', comment: '同意' });

    const headReview = await openTask(stack, mgr3, started.body.id, 'head-review');
    expect(headReview.canAct).toBe(false);
    const self = await complete(stack, mgr3, headReview.id, { outcome: 'approve', comment: '同意' });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toBe('不能审批自己提交的事项');
    const group = await stack.call('GET', '/api/tasks?view=group', mgr3);
    expect(group.body.items.map((t: { id: string }) => t.id)).not.toContain(headReview.id);
  });

  it('422 with zh-CN field messages for an invalid proposal, and nothing stored', async () => {
    const before = await Promise.all(['process_instances', 'form_records', 'audit_log'].map(count));
    const customer = await customerOf(stack, mgr1, 2);
    const bad = await start(stack, mgr1, proposal(customer.id, 31, { reason: '短' }));
    expect(bad.status).toBe(422);
    const paths = bad.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['/proposedTier', '/reason']);
    const tierError = bad.body.errors.find((e: { path: string }) => e.path === '/proposedTier');
    expect(tierError.message).toMatch(/^建议档位：/);
    expect(bad.body.error.message).toBe('提交的内容有误，请检查标出的字段');
    expect(await Promise.all(['process_instances', 'form_records', 'audit_log'].map(count))).toEqual(before);

    const english = await stack.call('POST', '/api/processes/regrade/instances', mgr1,
      { data: proposal(customer.id, 0), requestId: 'en-1' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(english.status).toBe(422);
    expect(english.body.errors[0].message).toMatch(/^Proposed tier: must be >= 1/);
  });

  it('422 for an invalid decision leaves the task open with no record', async () => {
    const { review } = await proposeForReview(stack, mgr1, sup1, 25, 24);
    const records = await count('form_records');
    const noComment = await complete(stack, sup1, review.id, { outcome: 'return' });
    expect(noComment.status).toBe(422);
    expect(noComment.body.errors).toEqual([{ path: '/comment', message: '审批意见：为必填项' }]);
    const badOutcome = await complete(stack, sup1, review.id, { outcome: 'maybe', comment: '再看看' });
    expect(badOutcome.status).toBe(422);
    expect(badOutcome.body.errors[0].path).toBe('/outcome');
    expect(await count('form_records')).toBe(records);
    expect((await stack.call('GET', `/api/tasks/${review.id}`, sup1)).body.status).toBe('open');
  });
});
