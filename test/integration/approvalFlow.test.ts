import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { proposeForReview } from '../support/regradeFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { complete } from '../support/taskFlows.js';

/*
 * The flow people expect after a decision (issue 15): the next task of the same kind (`step`), 已办 newest
 * first, 抄送我的.
 */
let stack: TestStack;
let users: DemoUsers;
let mgr1: string;
let mgr3: string;
let sup1: string;

beforeAll(async () => {
  stack = await startStack();
  users = await demoUsers(stack);
  ({ mgr1, mgr3, sup1 } = await users.tokens(['mgr1', 'mgr3', 'sup1']));
});
afterAll(() => stack?.close());

const ids = (body: { items: { id: string }[] }) => body.items.map((t) => t.id);

describe('after a decision', () => {
  it('finds the next open task of the same step, lists 已办 by completion time (newest first), and 抄送我的', async () => {
    const first = await proposeForReview(stack, mgr1, sup1, 4, 5);
    const second = await proposeForReview(stack, mgr1, sup1, 6, 7);

    const sameKind = await stack.call('GET', '/api/tasks?view=mine&process=regrade&step=regrade.review', sup1);
    expect(sameKind.status).toBe(200);
    expect(ids(sameKind.body).sort()).toEqual([first.review.id, second.review.id].sort());
    expect((await stack.call('GET', '/api/tasks?view=mine&step=hazard.assess', sup1)).body.total).toBe(0);
    expect((await stack.call('GET', '/api/tasks/counts?step=regrade.review', sup1)).body.mine).toBe(2);

    // Decided second first, then first: 已办 shows first on top, whatever their due dates.
    expect((await complete(stack, sup1, second.review.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    expect((await complete(stack, sup1, first.review.id, { outcome: 'reject', comment: '理由不足' })).status).toBe(200);
    const done = await stack.call('GET', '/api/tasks?view=mine&status=done', sup1);
    expect(ids(done.body).slice(0, 2)).toEqual([first.review.id, second.review.id]);
    const oldest = await stack.call('GET', '/api/tasks?view=mine&status=done&sort=completed', sup1);
    expect(ids(oldest.body).indexOf(second.review.id)).toBeLessThan(ids(oldest.body).indexOf(first.review.id));
    const bad = await stack.call('GET', '/api/tasks?view=mine&status=done&sort=finished', sup1);
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['/sort']);
  });

  it('抄送我的 lists the processes the user was copied in on, the latest first, and nobody else\'s', async () => {
    const older = await proposeForReview(stack, mgr1, sup1, 8, 9);
    const newer = await proposeForReview(stack, mgr1, sup1, 10, 11);
    expect((await stack.call('GET', '/api/tasks/cc', mgr3)).body).toMatchObject({ items: [], total: 0 });
    const cc = (taskId: string) => stack.call('POST', `/api/tasks/${taskId}/actions`, sup1,
      { action: 'cc', userIds: [users.ids.mgr3], reason: '请知悉', requestId: randomUUID() });
    expect((await cc(older.review.id)).status).toBe(200);
    expect((await cc(newer.review.id)).status).toBe(200);
    // Copied in twice on the same process is one row.
    expect((await cc(newer.review.id)).status).toBe(200);

    const list = await stack.call('GET', '/api/tasks/cc', mgr3);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((i: { instanceId: string }) => i.instanceId)).toEqual([newer.started.body.id, older.started.body.id]);
    expect(list.body.items[0]).toMatchObject({ processKey: 'regrade', status: 'running', currentStep: expect.any(String), addedBy: users.ids.sup1 });
    expect((await stack.call('GET', `/api/instances/${list.body.items[0].instanceId}`, mgr3)).status).toBe(200);
    const paged = await stack.call('GET', '/api/tasks/cc?size=1&page=2', mgr3);
    expect(paged.body).toMatchObject({ total: 2, page: 2, size: 1 });
    expect(paged.body.items[0].instanceId).toBe(older.started.body.id);
    expect((await stack.call('GET', '/api/tasks/cc', sup1)).body.total).toBe(0);
    expect((await stack.call('GET', '/api/tasks/cc')).status).toBe(401);
  });
});
