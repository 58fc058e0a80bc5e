import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../support/demoUsers.js';
import { proposeForReview } from '../support/regradeFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { complete, finished, openTask } from '../support/taskFlows.js';

/** 转交, 加签 (before / after / beside) and 抄送 on a real step: the supervisor's regrade review. */
let stack: TestStack;
let mgr1: string;
let sup1: string;
let sup2: string;
let head: string;
let ids: Record<string, number>;

beforeAll(async () => {
  stack = await startStack();
  const users = await demoUsers(stack);
  ({ mgr1, sup1, sup2, head } = await users.tokens(['mgr1', 'sup1', 'sup2', 'head']));
  ids = users.ids;
});
afterAll(() => stack?.close());

function act(token: string, taskId: string, body: Record<string, unknown>) {
  return stack.call('POST', `/api/tasks/${taskId}/actions`, token, { requestId: randomUUID(), reason: '按分工处理', ...body });
}

describe('approval actions on the regrade review', () => {
  it('转交: the review moves to another supervisor, who decides; the first may no longer', async () => {
    const { started, review } = await proposeForReview(stack, mgr1, sup1, 3, 4);
    expect(review.actions).toEqual(['transfer', 'addSigner', 'cc']);
    const moved = await act(sup1, review.id, { action: 'transfer', userId: ids.sup2 });
    expect(moved.status).toBe(200);
    expect(moved.body.assigneeId).toBe(ids.sup2);
    expect((await complete(stack, sup1, review.id, { outcome: 'approve' })).status).toBe(403);
    expect((await complete(stack, sup2, review.id, { outcome: 'approve' })).status).toBe(200);
    const done = await finished(stack, mgr1, started.body.id);
    expect(done.status).toBe('completed');
    expect(done.timeline.map((e: { type: string }) => e.type)).toContain('task.transferred');
  });

  it('加签 beside: both must approve before the step is decided', async () => {
    const { started, review } = await proposeForReview(stack, mgr1, sup1, 5, 6);
    expect((await act(sup1, review.id, { action: 'addSigner', userId: ids.head, position: 'parallel' })).status).toBe(200);
    const added = await openTask(stack, head, started.body.id, `review-${ids.head}`);
    expect((await complete(stack, sup1, review.id, { outcome: 'approve' })).status).toBe(200);
    expect((await stack.call('GET', `/api/instances/${started.body.id}`, mgr1)).body.status).toBe('running');
    expect((await complete(stack, head, added.id, { outcome: 'approve' })).status).toBe(200);
    expect((await finished(stack, mgr1, started.body.id)).status).toBe('completed');
  });

  it('加签 after: the added signer decides once the first has approved; their rejection decides', async () => {
    const { started, review } = await proposeForReview(stack, mgr1, sup1, 7, 8);
    expect((await act(sup1, review.id, { action: 'addSigner', userId: ids.sup2, position: 'after' })).status).toBe(200);
    expect((await complete(stack, sup1, review.id, { outcome: 'approve' })).status).toBe(200);
    const after = await openTask(stack, sup2, started.body.id, `review-${ids.sup2}`);
    expect((await complete(stack, sup2, after.id, { outcome: 'reject', comment: '近三月数据不足以支撑调档' })).status).toBe(200);
    expect((await finished(stack, mgr1, started.body.id)).status).toBe('rejected');
  });

  it('加签 before: the first waits (409) for the added signer\'s opinion, then decides', async () => {
    const { started, review } = await proposeForReview(stack, mgr1, sup1, 9, 10);
    expect((await act(sup1, review.id, { action: 'addSigner', userId: ids.sup2, position: 'before' })).status).toBe(200);
    const held = await complete(stack, sup1, review.id, { outcome: 'approve' });
    expect(held.status).toBe(409);
    expect(held.body.error.message).toContain('加签');
    const before = await openTask(stack, sup2, started.body.id, `review-${ids.sup2}`);
    expect((await complete(stack, sup2, before.id, { outcome: 'approve', comment: '情况属实' })).status).toBe(200);
    await eventually(async () => ((await complete(stack, sup1, review.id, { outcome: 'approve' })).status === 200 ? true : undefined));
    expect((await finished(stack, mgr1, started.body.id)).status).toBe('completed');
  });

  it('抄送: a manager copied in may read the process and is told', async () => {
    const { started, review } = await proposeForReview(stack, mgr1, sup1, 11, 12);
    const mgr3 = await stack.login('mgr3');
    expect((await stack.call('GET', `/api/instances/${started.body.id}`, mgr3)).status).toBe(404);
    expect((await act(sup1, review.id, { action: 'cc', userIds: [ids.mgr3] })).status).toBe(200);
    expect((await stack.call('GET', `/api/instances/${started.body.id}`, mgr3)).status).toBe(200);
    const inbox = await stack.call('GET', '/api/me/notifications', mgr3);
    expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('task_cc');
  });

  it('转交 and 加签 go only to someone who could hold the step: a customer manager is refused (422), nothing changed', async () => {
    const { started, review } = await proposeForReview(stack, mgr1, sup1, 15, 16);
    for (const body of [{ action: 'transfer', userId: ids.mgr2 }, { action: 'addSigner', userId: ids.mgr2, position: 'parallel' }]) {
      const refused = await act(sup1, review.id, body);
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([{ path: '/userId', message: '此任务不能交给所选的人' }]);
    }
    const instance = (await stack.call('GET', `/api/instances/${started.body.id}`, mgr1)).body;
    expect(instance.tasks.filter((task: { status: string }) => task.status === 'open')).toHaveLength(1);
    const events = instance.timeline.map((e: { type: string }) => e.type);
    expect(events).not.toContain('task.transferred');
    expect(events).not.toContain('task.signerAdded');
    expect((await stack.call('GET', `/api/tasks/${review.id}`, sup1)).body.assigneeId).toBe(ids.sup1);
    expect((await complete(stack, await stack.login('mgr2'), review.id, { outcome: 'approve' })).status).not.toBe(200);

    // Copying a manager in still works (they only read), and so does handing the step to another supervisor.
    expect((await act(sup1, review.id, { action: 'cc', userIds: [ids.mgr2] })).status).toBe(200);
    expect((await act(sup1, review.id, { action: 'transfer', userId: ids.sup2 })).status).toBe(200);
  });

  it('refuses what the step or the user does not allow, with nothing changed', async () => {
    const { review } = await proposeForReview(stack, mgr1, sup1, 13, 14);
    expect((await act(sup2, review.id, { action: 'transfer', userId: ids.head })).status).toBe(404); // another team's: not there for them
    expect((await act(sup1, review.id, { action: 'transfer', userId: ids.mgr1 })).status).toBe(422); // the proposer
    const bad = await stack.call('POST', `/api/tasks/${review.id}/actions`, sup1, { requestId: randomUUID(), action: 'delegate' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/action', '/reason']));
    expect((await stack.call('GET', `/api/tasks/${review.id}`, sup1)).body.assigneeId).toBe(ids.sup1);
  });
});
