import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCalendarDays } from '../../activities/workCalendarLoader.js';
import { addDuration, workCalendar, type WorkCalendar } from '../../domain/calendar.js';
import { demoUsers } from '../support/demoUsers.js';
import { proposeForReview } from '../support/regradeFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { complete, finished } from '../support/taskFlows.js';

/*
 * The product's own SLA (reminder after 2 working days, escalation after 3) on a time-skipping
 * Temporal server: the timers wait days of workflow time, the test skips them in milliseconds.
 */
let stack: TestStack;
let calendar: WorkCalendar;
let mgr4: string;
let sup2: string;
let head: string;

beforeAll(async () => {
  stack = await startStack({}, { timeSkipping: true });
  calendar = workCalendar(await readCalendarDays(stack.orm));
  ({ mgr4, sup2, head } = await (await demoUsers(stack)).tokens(['mgr4', 'sup2', 'head']));
});
afterAll(() => stack?.close());

async function taskAs(token: string, taskId: string) {
  return (await stack.call('GET', `/api/tasks/${taskId}`, token)).body;
}

async function timeline(instanceId: string, token: string): Promise<string[]> {
  const { body } = await stack.call('GET', `/api/instances/${instanceId}`, token);
  return body.timeline.map((e: { type: string }) => e.type);
}

describe('decision deadlines', () => {
  // First in the file: once time has been skipped, a deadline set later is already past for its workflow.
  it('a decision in time sends no reminder and no escalation', async () => {
    const { started, review } = await proposeForReview(stack, mgr4, sup2, 9, 10);
    expect((await complete(stack, sup2, review.id, { outcome: 'reject', comment: '不同意' })).status).toBe(200);
    // The run has ended, so no timer of it is left to fire.
    await finished(stack, mgr4, started.body.id);
    const types = await timeline(started.body.id, mgr4);
    expect(types).not.toContain('task.reminded');
    expect(types).not.toContain('task.escalated');
  });

  it('reminds the supervisor, then escalates an overdue decision to the dept head, who may decide', async () => {
    const { started, review } = await proposeForReview(stack, mgr4, sup2, 6, 7);
    const created = new Date(review.createdAt);
    expect(review.dueAt).toBe(addDuration(created, { workingDays: 3 }, calendar).toISOString());
    expect((await taskAs(head, review.id)).canAct).toBe(false);

    // Past the reminder (2 working days): reminded, not yet escalated.
    await stack.skipPast(addDuration(created, { workingDays: 2 }, calendar).getTime());
    const reminded = await eventually(async () => {
      const task = await taskAs(head, review.id);
      return task.remindedAt ? task : undefined;
    });
    expect(reminded.escalatedAt).toBeNull();
    expect(reminded.canAct).toBe(false);

    // Past the due time: escalated to the dept head.
    await stack.skipPast(review.dueAt);
    const escalated = await eventually(async () => {
      const task = await taskAs(head, review.id);
      return task.escalatedAt ? task : undefined;
    });
    expect(escalated.candidateRoles).toContain('dept_head');
    expect(escalated.canAct).toBe(true);
    const group = await stack.call('GET', '/api/tasks?view=group', head);
    expect(group.body.items.map((t: { id: string }) => t.id)).toContain(review.id);
    expect(await timeline(started.body.id, head)).toEqual(['instance.started', 'task.opened', 'task.reminded', 'task.escalated']);

    expect((await complete(stack, head, review.id, { outcome: 'approve', comment: '超期，由部门经理审批' })).status).toBe(200);
    expect((await finished(stack, mgr4, started.body.id)).status).toBe('completed');
  });

  it('a big change decided by the dept head after escalation needs no second head decision', async () => {
    const { started, review } = await proposeForReview(stack, mgr4, sup2, 12, 16);
    await stack.skipPast(review.dueAt);
    await eventually(async () => {
      const task = await taskAs(head, review.id);
      return task.canAct ? task : undefined;
    });
    expect((await complete(stack, head, review.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    const instance = await finished(stack, mgr4, started.body.id);
    expect(instance.status).toBe('completed');
    expect(instance.tasks.map((t: { stepKey: string }) => t.stepKey)).toEqual(['review']);
  });
});
