import { readFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoUsers } from '../support/demoUsers.js';
import { customerOf, proposal, proposeForReview, start } from '../support/regradeFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { complete, finished, openTask } from '../support/taskFlows.js';

let stack: TestStack;
let mgr1: string;
let sup1: string;
let head: string;

beforeAll(async () => {
  stack = await startStack();
  ({ mgr1, sup1, head } = await (await demoUsers(stack)).tokens(['mgr1', 'sup1', 'head']));
});
afterAll(() => stack?.close());

async function tierOf(customerId: number) {
  const { body } = await stack.call('GET', `/api/customers/${customerId}`, mgr1);
  return body;
}

describe('customer regrade (real Temporal + PostgreSQL)', () => {
  it('supervisor approval changes the tier from the next allocation month', async () => {
    const customer = await customerOf(stack, mgr1, 10);
    const started = await start(stack, mgr1, proposal(customer.id, 12));
    expect(started.status).toBe(201);
    const review = await openTask(stack, sup1, started.body.id, 'review');
    expect(review.assigneeId).not.toBeNull();
    expect(review.canAct).toBe(true);

    const done = await complete(stack, sup1, review.id, { outcome: 'approve', comment: '同意调整' });
    expect(done.status).toBe(200);
    expect(done.body.task.status).toBe('done');

    const instance = await finished(stack, mgr1, started.body.id);
    expect(instance.status).toBe('completed');
    const after = await tierOf(customer.id);
    expect(after.tier).toBe(12);
    expect(after.tierHistory).toHaveLength(1);
    expect(after.tierHistory[0]).toMatchObject({ fromTier: 10, toTier: 12, instanceId: started.body.id });
    expect(after.tierHistory[0].effectiveFrom).toMatch(/^\d{4}-\d{2}-01$/);
    expect(new Date(after.tierHistory[0].effectiveFrom).getTime()).toBeGreaterThan(Date.now() - 86_400_000);
    expect(instance.records.map((r: { formKey: string }) => r.formKey)).toEqual(['regrade-proposal', 'approval-decision']);
    expect(instance.timeline.map((e: { type: string }) => e.type)).toEqual([
      'instance.started', 'task.opened', 'task.completed', 'customer.tierChanged', 'instance.completed',
    ]);
  });

  it('rejection leaves the tier as it was', async () => {
    const { customer, started, review } = await proposeForReview(stack, mgr1, sup1, 15, 14);
    expect((await complete(stack, sup1, review.id, { outcome: 'reject', comment: '依据不足' })).status).toBe(200);
    const instance = await finished(stack, mgr1, started.body.id);
    expect(instance.status).toBe('rejected');
    const after = await tierOf(customer.id);
    expect(after.tier).toBe(15);
    expect(after.tierHistory).toEqual([]);
  });

  it('a return for more evidence goes back to the manager, who revises and resubmits', async () => {
    const { customer, started, review } = await proposeForReview(stack, mgr1, sup1, 20, 22);
    expect((await complete(stack, sup1, review.id, { outcome: 'return', comment: '请补充走访照片说明' })).status).toBe(200);

    const revise = await openTask(stack, mgr1, started.body.id, 'revise');
    expect(revise.formKey).toBe('regrade-proposal');
    expect(revise.prefill.proposedTier).toBe(22);
    expect(revise.context.comment).toBe('请补充走访照片说明');
    const revised = { ...revise.prefill, proposedTier: 21, visitFacts: '补充：门头照片与进货单据已核实' };
    const otherCustomer = await complete(stack, mgr1, revise.id, { data: { ...revised, customerId: customer.id + 6 } });
    expect(otherCustomer.status).toBe(422);
    expect(otherCustomer.body.errors).toEqual([{ path: '/customerId', message: '此项在本环节不可修改' }]);
    const backToCurrent = await complete(stack, mgr1, revise.id, { data: { ...revised, proposedTier: 20 } });
    expect(backToCurrent.status).toBe(422);
    expect(backToCurrent.body.errors).toEqual([{ path: '/proposedTier', message: '建议档位与当前档位相同' }]);
    expect((await complete(stack, mgr1, revise.id, { data: revised })).status).toBe(200);

    const again = await openTask(stack, sup1, started.body.id, 'review#2');
    expect(again.context.proposedTier).toBe(21);
    expect((await complete(stack, sup1, again.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    const instance = await finished(stack, mgr1, started.body.id);
    expect(instance.status).toBe('completed');
    expect(instance.title).toMatch(/D20 → D21$/);
    expect(instance.summary.proposedTier).toBe(21);
    expect((await tierOf(customer.id)).tier).toBe(21);
  });

  it('a change of more than two tiers also needs the dept head', async () => {
    const { customer, started, review } = await proposeForReview(stack, mgr1, sup1, 5, 9);
    expect((await complete(stack, sup1, review.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);

    const headReview = await openTask(stack, head, started.body.id, 'head-review');
    expect(headReview.candidateRoles).toEqual(['dept_head']);
    expect((await tierOf(customer.id)).tier).toBe(5); // not yet: the head has not decided
    const inbox = await stack.call('GET', '/api/tasks?view=group', head);
    expect(inbox.body.items.map((t: { id: string }) => t.id)).toContain(headReview.id);

    expect((await complete(stack, head, headReview.id, { outcome: 'approve', comment: '同意上调' })).status).toBe(200);
    expect((await finished(stack, mgr1, started.body.id)).status).toBe('completed');
    expect((await tierOf(customer.id)).tier).toBe(9);
  });

  it('the proposer may withdraw until it is decided, which frees the customer', async () => {
    const { customer, started, review } = await proposeForReview(stack, mgr1, sup1, 28, 27);
    const withdraw = (token: string) => stack.call('POST', `/api/instances/${started.body.id}/withdraw`, token,
      { requestId: `withdraw-${token.slice(-8)}`, reason: '客户暂停营业' });
    expect((await withdraw(sup1)).status).toBe(403);

    const withdrawn = await withdraw(mgr1);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('cancelled');
    expect((await stack.call('GET', `/api/tasks/${review.id}`, sup1)).body.status).toBe('cancelled');
    const late = await complete(stack, sup1, review.id, { outcome: 'approve', comment: '同意' });
    expect(late.status).toBe(409);
    expect((await withdraw(mgr1)).status).toBe(200); // the same request again: the same answer
    expect((await stack.call('POST', `/api/instances/${started.body.id}/withdraw`, mgr1, { requestId: 'another' })).status).toBe(409);
    expect((await tierOf(customer.id)).tier).toBe(28);
    expect((await start(stack, mgr1, proposal(customer.id, 27))).status).toBe(201);
  });

  it('replays every finished regrade with the current workflow code (deterministic)', async () => {
    const { body } = await stack.call('GET', '/api/instances?process=regrade&size=100', head);
    const ended = body.items.filter((i: { status: string }) => i.status !== 'running');
    expect(ended.length).toBeGreaterThanOrEqual(4);
    for (const instance of ended) {
      const history = await stack.temporal.workflow.getHandle(instance.id).fetchHistory();
      await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, instance.id);
    }
  });

  /*
   * Recorded by the code of 2e60238, the parent of 913b4ba which put the reminder and escalation behind
   * patched('task-deadlines-may-move'): a regrade whose reminder (3 s) came after its deadline (2 s), so
   * the old code reminded, then escalated, and the supervisor approved. Only such a run tells the branches
   * apart (the new one never reminds after the deadline): without the patched() guard its replay fails.
   * Stored as protobufjs' JSON of the History (`History.fromObject(history).toJSON()`): historyFromJSON
   * (the CLI/UI format) fails here, as @temporalio/common and @temporalio/proto each carry a protobufjs.
   */
  it('replays a regrade recorded before task deadlines could move (patched task-deadlines-may-move)', async () => {
    const stored = JSON.parse(readFileSync(new URL('../fixtures/regradeHistoryBeforeDeadlinesMove.json', import.meta.url), 'utf8'));
    const history = temporal.api.history.v1.History.fromObject(stored);
    expect(history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name).toBe('regrade');
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, 'regrade-before-deadlines-move');
  });
});
