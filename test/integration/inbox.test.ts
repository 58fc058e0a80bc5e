import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserSchema } from '../../db/entities/index.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { customerOf, proposal, start } from '../support/regradeFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { complete, openTask } from '../support/taskFlows.js';

let stack: TestStack;
let users: DemoUsers;
let mgr2: string;
let sup1: string;
let head: string;
let headReviewId: string;
let customerName: string;

beforeAll(async () => {
  stack = await startStack();
  users = await demoUsers(stack);
  ({ mgr2, sup1, head } = await users.tokens(['mgr2', 'sup1', 'head']));
  // One regrade waiting for the supervisor, one (4 tiers) waiting in the dept head group.
  const small = await customerOf(stack, mgr2, 4);
  customerName = (await stack.call('GET', `/api/customers/${small.id}`, mgr2)).body.name;
  const waiting = await start(stack, mgr2, proposal(small.id, 5));
  await openTask(stack, sup1, waiting.body.id, 'review');
  const big = await customerOf(stack, mgr2, 20);
  const twoLevel = await start(stack, mgr2, proposal(big.id, 24));
  const review = await openTask(stack, sup1, twoLevel.body.id, 'review');
  await complete(stack, sup1, review.id, { outcome: 'approve', comment: '同意' });
  headReviewId = (await openTask(stack, head, twoLevel.body.id, 'head-review')).id;
});
afterAll(() => stack?.close());

describe('the inbox', () => {
  it('shows a supervisor the decisions assigned to them, due first, searchable by customer', async () => {
    const mine = await stack.call('GET', '/api/tasks?view=mine', sup1);
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(1);
    expect(mine.body.items[0]).toMatchObject({ name: 'regrade.review', status: 'open', canAct: true });
    const found = await stack.call('GET', `/api/tasks?view=mine&q=${encodeURIComponent(customerName)}`, sup1);
    expect(found.body.total).toBe(1);
    const none = await stack.call('GET', '/api/tasks?view=mine&q=不存在的客户', sup1);
    expect(none.body.total).toBe(0);
    const done = await stack.call('GET', '/api/tasks?view=mine&status=done', sup1);
    expect(done.body.items.map((t: { outcome: string }) => t.outcome)).toEqual(['approve']);
  });

  it('offers role tasks in the group view and lets one person claim them', async () => {
    const group = await stack.call('GET', '/api/tasks?view=group', head);
    expect(group.body.items.map((t: { id: string }) => t.id)).toEqual([headReviewId]);
    expect((await stack.call('POST', `/api/tasks/${headReviewId}/claim`, sup1)).status).toBe(403);

    const claimed = await stack.call('POST', `/api/tasks/${headReviewId}/claim`, head);
    expect(claimed.status).toBe(200);
    expect(claimed.body.claimedBy).not.toBeNull();
    const mine = await stack.call('GET', '/api/tasks?view=mine', head);
    expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([headReviewId]);

    // A second dept head sees it taken and cannot claim or complete it.
    const em = stack.orm.em.fork();
    const mgr5 = await em.findOneOrFail(UserSchema, { username: 'mgr5' });
    mgr5.roles = ['customer_manager', 'dept_head'];
    await em.flush();
    const other = await users.token('mgr5');
    expect((await stack.call('GET', '/api/tasks?view=group', other)).body.total).toBe(0);
    const taken = await stack.call('POST', `/api/tasks/${headReviewId}/claim`, other);
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toContain('李经理');
    expect((await complete(stack, other, headReviewId, { outcome: 'approve', comment: '同意' })).status).toBe(409);
    expect((await stack.call('POST', `/api/tasks/${headReviewId}/unclaim`, other)).status).toBe(403);

    const released = await stack.call('POST', `/api/tasks/${headReviewId}/unclaim`, head);
    expect(released.body.claimedBy).toBeNull();
    expect((await stack.call('GET', '/api/tasks?view=group', other)).body.total).toBe(1);
  });

  it('refuses unknown filters with the field named, and `all` to those without oversight', async () => {
    const bad = await stack.call('GET', '/api/tasks?view=everything&sort=random', sup1);
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['/view', '/sort']);
    expect((await stack.call('GET', '/api/tasks?view=all', sup1)).status).toBe(403);
    const all = await stack.call('GET', '/api/tasks?view=all&size=1', head);
    expect(all.body.total).toBe(2);
    expect(all.body.items).toHaveLength(1);
  });
});
