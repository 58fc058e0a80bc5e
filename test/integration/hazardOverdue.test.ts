import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HazardSchema } from '../../db/entities/index.js';
import { act, chinaDay, notice, reportHazard, uploadPhoto } from '../support/hazardFlows.js';
import { complete, finished, openTask } from '../support/regradeFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';

let stack: TestStack;

beforeAll(async () => {
  // A rectification deadline of 3 s instead of the notice's date: the same durable timer.
  stack = await startStack({ DUTYFLOW_HAZARD_RECTIFY_DUE: '3s' });
});
afterAll(() => stack?.close());

describe('an overdue rectification', () => {
  it('is escalated: the ledger records it and every leader gets a 督办, which closes with the hazard', async () => {
    const [mgr1, mgr2, safety, leader] = await Promise.all([stack.login('mgr1'), stack.login('mgr2'), stack.login('safety'), stack.login('leader')]);
    const mgr2Id = (await stack.call('GET', '/api/me', mgr2)).body.id as number;
    const { body: { id } } = await reportHazard(stack, mgr1);
    await act(stack, safety, id, 'assess', { data: { outcome: 'confirm', level: 'general' } });
    await act(stack, safety, id, 'notice', { data: notice(mgr2Id) });

    const supervise = await openTask(stack, leader, id, 'supervise');
    expect(supervise.candidateRoles).toEqual(['leader']);
    expect(supervise.canAct).toBe(true);
    const rectifyTask = await openTask(stack, mgr2, id, 'rectify');
    expect(rectifyTask.overdue).toBe(true);
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
    expect(done.timeline.map((e: { type: string }) => e.type)).toContain('task.escalated');
  });
});
