import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssignedTrackSchema, AuditEventSchema } from '../../db/entities/index.js';
import { demoUsers } from '../support/demoUsers.js';
import { chinaDay } from '../support/hazardFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { act, finished, openTask } from '../support/taskFlows.js';
import { settledAfterTimer } from '../support/timeSkipping.js';

/*
 * 定期反馈 with the product's day on a time-skipping Temporal server: `feedbackEveryDays: 2` asks
 * for feedback every 2 days of work, which the test skips in milliseconds.
 */
let stack: TestStack;
let leader: string;
let mgr1: string;
let mgr2: string;
let ids: Record<string, number>;

beforeAll(async () => {
  stack = await startStack({}, { timeSkipping: true });
  const users = await demoUsers(stack);
  ({ leader, mgr1, mgr2 } = await users.tokens(['leader', 'mgr1', 'mgr2']));
  ids = users.ids;
});
afterAll(() => stack?.close());

async function assign(assignee: string, feedbackEveryDays: number): Promise<string> {
  const started = await stack.call('POST', '/api/processes/assigned-task/instances', leader, {
    requestId: randomUUID(),
    data: {
      title: '卷烟市场秩序专项检查', requirement: '每周检查辖区零售户明码标价与进货渠道，汇总问题清单', assigneeIds: [ids[assignee]],
      mode: 'separate', deadline: chinaDay(30), priority: 'normal', feedbackEveryDays,
    },
  });
  expect(started.status).toBe(201);
  return started.body.id as string;
}

async function tasksOf(instanceId: string, stepKey: string): Promise<{ id: string; status: string; assigneeId: number; name: string; formKey: string }[]> {
  const { body } = await stack.call('GET', `/api/instances/${instanceId}`, leader);
  return body.tasks.filter((t: { stepKey: string }) => t.stepKey.split('#')[0] === stepKey);
}

async function workflowIdOf(instanceId: string): Promise<string> {
  return (await stack.call('GET', `/api/instances/${instanceId}`, leader)).body.workflowId as string;
}

async function row(instanceId: string, assignee: string) {
  return stack.orm.em.fork().findOneOrFail(AssignedTrackSchema, { instanceId, assigneeId: ids[assignee]! });
}

const progress = (instanceId: string, assignee: string, token: string) =>
  stack.call('POST', `/api/assigned-tasks/${instanceId}/tracks/${ids[assignee]}/progress`, token, {
    requestId: randomUUID(), data: { percent: 30, content: '已检查 18 户，发现 2 户未明码标价' },
  });

describe('定期反馈 (mandatory periodic feedback)', () => {
  it('a period without feedback opens a feedback task for the assignee; completing it counts; a report makes the next one moot', async () => {
    const id = await assign('mgr1', 2);
    const key = `feedback-${ids.mgr1}`;
    await act(stack, mgr1, id, `accept-${ids.mgr1}`, { outcome: 'accept' });
    await stack.skipTime('2 days');
    const asked = await openTask(stack, mgr1, id, key);
    expect(asked).toMatchObject({ assigneeId: ids.mgr1, name: 'assignment.feedback', formKey: 'progress-feedback' });
    // Due in one working day: at least a natural day away.
    expect(new Date(asked.dueAt).getTime() - Date.now()).toBeGreaterThan(20 * 3600_000);
    expect((await row(id, 'mgr1')).feedbackCount).toBe(0);

    await act(stack, mgr1, id, key, { data: { percent: 50, content: '检查过半，问题清单已整理' } });
    const counted = await row(id, 'mgr1');
    expect(counted.feedbackCount).toBe(1);
    expect(counted.lastFeedbackAt).toBeInstanceOf(Date);
    const events = await stack.orm.em.fork().find(AuditEventSchema, { instanceId: id, type: 'assignment.progress' });
    expect(events).toHaveLength(1);
    expect(events[0]!.taskId).toBe(asked.id);

    // The completion was this period's feedback; the period after that again has none: a second request.
    await stack.skipTime('4 days');
    const again = await openTask(stack, mgr1, id, `${key}#2`);
    await act(stack, mgr1, id, `report-${ids.mgr1}`, { data: { summary: '专项检查完成，问题清单已报送市场部', completedOn: chinaDay() } });
    await expect.poll(async () => (await tasksOf(id, key)).find((t) => t.id === again.id)?.status).toBe('cancelled');
    expect((await tasksOf(id, key)).filter((t) => t.status === 'open')).toEqual([]);
    await act(stack, leader, id, `review-${ids.mgr1}`, { outcome: 'accept', data: { rating: 4 } });
    expect((await finished(stack, leader, id)).status).toBe('completed');
    expect(await row(id, 'mgr1')).toMatchObject({ status: 'closed', feedbackCount: 1 });
  });

  it('feedback sent in time means no request; feedback sent while one is open answers it', async () => {
    const id = await assign('mgr2', 4);
    const key = `feedback-${ids.mgr2}`;
    await act(stack, mgr2, id, `accept-${ids.mgr2}`, { outcome: 'accept' });
    expect((await progress(id, 'mgr2', mgr2)).status).toBe(200);
    // Past the end of the first 4-day period, which had its feedback: nothing asked.
    await stack.skipTime('5 days');
    await settledAfterTimer(stack.temporal, await workflowIdOf(id));
    expect(await tasksOf(id, key)).toEqual([]);

    // The second period has none: a request, which feedback sent the usual way answers (and closes).
    await stack.skipTime('3 days');
    const asked = await openTask(stack, mgr2, id, key);
    expect((await progress(id, 'mgr2', mgr2)).status).toBe(200);
    await expect.poll(async () => (await tasksOf(id, key)).find((t) => t.id === asked.id)?.status).toBe('cancelled');
    expect((await row(id, 'mgr2')).feedbackCount).toBe(2);
    // Closing the track ends the periods: the instance completes with nothing left open.
    await act(stack, mgr2, id, `report-${ids.mgr2}`, { data: { summary: '专项检查完成，问题清单已报送市场部', completedOn: chinaDay() } });
    await act(stack, leader, id, `review-${ids.mgr2}`, { outcome: 'accept', data: { rating: 5 } });
    expect((await finished(stack, leader, id)).status).toBe('completed');
    expect((await tasksOf(id, key)).filter((t) => t.status === 'open')).toEqual([]);
  });
});
