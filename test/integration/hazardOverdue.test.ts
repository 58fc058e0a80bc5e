import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HazardSchema } from '../../db/entities/index.js';
import { endOfChinaDay } from '../../domain/chinaTime.js';
import { demoUsers } from '../support/demoUsers.js';
import { chinaDay, notice, reportHazard, uploadPhoto } from '../support/hazardFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { act, complete, finished, openTask } from '../support/taskFlows.js';

let stack: TestStack;

beforeAll(async () => {
  // The notice's own deadline (a week ahead) on a time-skipping Temporal server: the test skips the week.
  stack = await startStack({}, { timeSkipping: true });
});
afterAll(() => stack?.close());

describe('an overdue rectification', () => {
  it('is escalated: the ledger records it and every leader gets a 督办, which closes with the hazard', async () => {
    const users = await demoUsers(stack);
    const { mgr1, mgr2, safety, leader } = await users.tokens(['mgr1', 'mgr2', 'safety', 'leader']);
    const mgr2Id = users.ids.mgr2!;
    const { body: { id } } = await reportHazard(stack, mgr1);
    await act(stack, safety, id, 'assess', { data: { outcome: 'confirm', level: 'general' } });
    const issued = notice(mgr2Id);
    await act(stack, safety, id, 'notice', { data: issued });

    const opened = await openTask(stack, mgr2, id, 'rectify');
    expect(Date.parse(opened.dueAt)).toBe(Date.parse(endOfChinaDay(issued.deadline)));
    expect(opened.escalatedAt).toBeNull();
    await stack.skipPast(opened.dueAt);

    const supervise = await openTask(stack, leader, id, 'supervise');
    expect(supervise.candidateRoles).toEqual(['leader']);
    expect(supervise.canAct).toBe(true);
    const rectifyTask = await openTask(stack, mgr2, id, 'rectify');
    expect(rectifyTask.id).toBe(opened.id);
    expect(rectifyTask.escalatedAt).not.toBeNull();
    const row = await eventually(async () => {
      const hazard = await stack.orm.em.fork().findOneOrFail(HazardSchema, { instanceId: id });
      return hazard.escalatedAt ? hazard : undefined;
    });
    expect(row.status).toBe('rectifying');

    // The responsible person still reports; the unanswered 督办 is cancelled when the hazard closes.
    const photo = await uploadPhoto(stack, mgr2, rectifyTask.id);
    expect((await complete(stack, mgr2, rectifyTask.id, {
      data: { actions: '已更换灭火器并补张检查卡，逾期原因已说明', completedOn: chinaDay(), evidence: [photo] },
    })).status).toBe(200);
    await act(stack, safety, id, 'verify', { data: { outcome: 'pass' } });
    const done = await finished(stack, mgr1, id);
    expect(done.status).toBe('completed');
    expect(done.tasks.find((t: { stepKey: string }) => t.stepKey === 'supervise').status).toBe('cancelled');
    const types = done.timeline.map((e: { type: string }) => e.type);
    expect(types).toContain('task.escalated');
    // The reminder a day before the deadline came first.
    expect(types.indexOf('task.reminded')).toBeGreaterThan(-1);
    expect(types.indexOf('task.reminded')).toBeLessThan(types.indexOf('task.escalated'));
  });
});
