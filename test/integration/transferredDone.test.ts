import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../support/demoUsers.js';
import { proposeForReview } from '../support/regradeFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { complete, finished } from '../support/taskFlows.js';

/** 已办 holds what a user handed on (转交, 加签) beside what they completed, at the time they acted. */
let stack: TestStack;
let mgr1: string;
let sup1: string;
let sup2: string;
let ids: Record<string, number>;

beforeAll(async () => {
  stack = await startStack();
  const users = await demoUsers(stack);
  ({ mgr1, sup1, sup2 } = await users.tokens(['mgr1', 'sup1', 'sup2']));
  ids = users.ids;
});
afterAll(() => stack?.close());

interface Row { id: string; status: string; outcome: string | null; handedOn: { action: string; to: number; at: string } | null }

async function done(token: string): Promise<Row[]> {
  const { status, body } = await stack.call('GET', '/api/tasks?view=mine&status=done&process=regrade&size=100', token);
  expect(status).toBe(200);
  return body.items as Row[];
}

function act(token: string, taskId: string, body: Record<string, unknown>) {
  return stack.call('POST', `/api/tasks/${taskId}/actions`, token, { requestId: randomUUID(), reason: '按分工处理', ...body });
}

describe('已办 and the tasks handed on', () => {
  it('转交: A\'s 已办 shows it transferred to B at the time A acted, B has it to do, and once B decides A sees the outcome', async () => {
    const first = await proposeForReview(stack, mgr1, sup1, 3, 4);
    const second = await proposeForReview(stack, mgr1, sup1, 5, 6);
    const countsBefore = (await stack.call('GET', '/api/tasks/counts?process=regrade', sup1)).body.done as number;

    expect((await act(sup1, first.review.id, { action: 'transfer', userId: ids.sup2 })).status).toBe(200);
    let row = (await done(sup1)).find((r) => r.id === first.review.id);
    expect(row).toMatchObject({ status: 'open', outcome: null, handedOn: { action: 'transfer', to: ids.sup2 } });
    const inbox = await stack.call('GET', '/api/tasks?view=mine&process=regrade&size=100', sup2);
    expect(inbox.body.items.map((t: { id: string }) => t.id)).toContain(first.review.id);
    expect((await stack.call('GET', '/api/tasks?view=mine&process=regrade&size=100', sup1)).body.items
      .map((t: { id: string }) => t.id)).not.toContain(first.review.id);

    // A decides another review after handing this one on; B decides this one last.
    expect((await complete(stack, sup1, second.review.id, { outcome: 'approve' })).status).toBe(200);
    expect((await complete(stack, sup2, first.review.id, { outcome: 'approve', comment: '同意调档' })).status).toBe(200);
    await finished(stack, mgr1, first.started.body.id);

    const rows = await done(sup1);
    row = rows.find((r) => r.id === first.review.id);
    expect(row).toMatchObject({ status: 'done', outcome: 'approve', handedOn: { action: 'transfer', to: ids.sup2 } });
    expect(rows.find((r) => r.id === second.review.id)?.handedOn).toBeNull();
    // By when A acted: the decision A made after the transfer comes first, though B completed the transferred one later.
    const order = rows.map((r) => r.id);
    expect(order.indexOf(second.review.id)).toBeLessThan(order.indexOf(first.review.id));
    expect((await stack.call('GET', '/api/tasks/counts?process=regrade', sup1)).body.done).toBe(countsBefore + 2);
    // Page by page, the same rows in the same order.
    const paged: string[] = [];
    for (let page = 1; page <= order.length; page++) {
      const { body } = await stack.call('GET', `/api/tasks?view=mine&status=done&process=regrade&size=1&page=${page}`, sup1);
      expect(body.total).toBe(order.length);
      paged.push(...body.items.map((t: Row) => t.id));
    }
    expect(paged).toEqual(order);
    // B completed it: in B's 已办 as their own decision.
    expect((await done(sup2)).find((r) => r.id === first.review.id)?.handedOn).toBeNull();
  });

  it('转交 on and back: who handed a task on still opens its process from 已办, though nothing else shows it to them', async () => {
    const { review, started } = await proposeForReview(stack, mgr1, sup1, 9, 10);
    expect((await act(sup1, review.id, { action: 'transfer', userId: ids.sup2 })).status).toBe(200);
    // sup2 oversees none of mgr1's work: the task made them a participant, and the hand-over back keeps them one.
    expect((await act(sup2, review.id, { action: 'transfer', userId: ids.sup1 })).status).toBe(200);
    expect((await done(sup2)).find((r) => r.id === review.id)).toMatchObject({ handedOn: { action: 'transfer', to: ids.sup1 } });
    expect((await stack.call('GET', `/api/instances/${started.body.id}`, sup2)).status).toBe(200);
    const listed = await stack.call('GET', '/api/instances?process=regrade&size=100', sup2);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(started.body.id);
    await complete(stack, sup1, review.id, { outcome: 'reject', comment: '购进量不足' });
  });

  it('加签 beside: when the added signer\'s rejection decides, A\'s own task closes and is in A\'s 已办 as handed on', async () => {
    const { started, review } = await proposeForReview(stack, mgr1, sup1, 7, 8);
    expect((await act(sup1, review.id, { action: 'addSigner', userId: ids.sup2, position: 'parallel' })).status).toBe(200);
    // Still A's to decide: in the inbox, not in 已办.
    expect((await done(sup1)).map((r) => r.id)).not.toContain(review.id);
    const added = await eventually(async () => {
      const { body } = await stack.call('GET', `/api/instances/${started.body.id}`, sup2);
      return body.tasks?.find((t: { stepKey: string; status: string }) => t.stepKey === `review-${ids.sup2}` && t.status === 'open');
    });
    expect((await complete(stack, sup2, added.id, { outcome: 'reject', comment: '近三月数据不足以支撑调档' })).status).toBe(200);
    expect((await finished(stack, mgr1, started.body.id)).status).toBe('rejected');
    const row = await eventually(async () => (await done(sup1)).find((r) => r.id === review.id));
    expect(row).toMatchObject({ status: 'cancelled', handedOn: { action: 'addSigner', to: ids.sup2 } });
  });
});
