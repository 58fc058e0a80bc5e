import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../support/demoUsers.js';
import { proposeForReview } from '../support/regradeFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { complete, finished } from '../support/taskFlows.js';

let stack: TestStack;
let mgr4: string;
let sup2: string;
let head: string;

beforeAll(async () => {
  // A short SLA instead of 3 working days: the same durable timers, seconds instead of days.
  stack = await startStack({ DUTYFLOW_REGRADE_DECISION_DUE: '3s', DUTYFLOW_REGRADE_REMIND_AFTER: '1s' });
  ({ mgr4, sup2, head } = await (await demoUsers(stack)).tokens(['mgr4', 'sup2', 'head']));
});
afterAll(() => stack?.close());

describe('decision deadlines', () => {
  it('reminds the supervisor, then escalates an overdue decision to the dept head, who may decide', async () => {
    const { started, review } = await proposeForReview(stack, mgr4, sup2, 6, 7);
    expect(new Date(review.dueAt).getTime() - new Date(review.createdAt).getTime()).toBe(3_000);
    expect((await stack.call('GET', `/api/tasks/${review.id}`, head)).body.canAct).toBe(false);

    const escalated = await eventually(async () => {
      const { body } = await stack.call('GET', `/api/tasks/${review.id}`, head);
      return body.escalatedAt ? body : undefined;
    }, 20_000);
    expect(escalated.remindedAt).not.toBeNull();
    expect(escalated.overdue).toBe(true);
    expect(escalated.candidateRoles).toContain('dept_head');
    expect(escalated.canAct).toBe(true);
    const group = await stack.call('GET', '/api/tasks?view=group', head);
    expect(group.body.items.map((t: { id: string }) => t.id)).toContain(review.id);

    const instance = await stack.call('GET', `/api/instances/${started.body.id}`, head);
    const types = instance.body.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(['instance.started', 'task.opened', 'task.reminded', 'task.escalated']);

    expect((await complete(stack, head, review.id, { outcome: 'approve', comment: '超期，由部门经理审批' })).status).toBe(200);
    expect((await finished(stack, mgr4, started.body.id)).status).toBe('completed');
  });

  it('a big change decided by the dept head after escalation needs no second head decision', async () => {
    const { started, review } = await proposeForReview(stack, mgr4, sup2, 12, 16);
    await eventually(async () => {
      const { body } = await stack.call('GET', `/api/tasks/${review.id}`, head);
      return body.canAct ? body : undefined;
    }, 20_000);
    expect((await complete(stack, head, review.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    const instance = await finished(stack, mgr4, started.body.id);
    expect(instance.status).toBe('completed');
    expect(instance.tasks.map((t: { stepKey: string }) => t.stepKey)).toEqual(['review']);
  });

  it('a decision in time sends no reminder and no escalation', async () => {
    const { started, review } = await proposeForReview(stack, mgr4, sup2, 9, 10);
    expect((await complete(stack, sup2, review.id, { outcome: 'reject', comment: '不同意' })).status).toBe(200);
    await finished(stack, mgr4, started.body.id);
    await new Promise((r) => setTimeout(r, 3_500));
    const instance = await stack.call('GET', `/api/instances/${started.body.id}`, mgr4);
    const types = instance.body.timeline.map((e: { type: string }) => e.type);
    expect(types).not.toContain('task.reminded');
    expect(types).not.toContain('task.escalated');
  });
});
