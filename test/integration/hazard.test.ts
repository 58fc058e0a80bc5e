import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HazardSchema } from '../../db/entities/index.js';
import { demoUsers } from '../support/demoUsers.js';
import { chinaDay, hazardReport, notice, reportHazard, uploadPhoto } from '../support/hazardFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { act, complete, finished, openTask } from '../support/taskFlows.js';

let stack: TestStack;
let mgr1: string;
let mgr2: string;
let safety: string;
let leader: string;
let mgr2Id: number;

beforeAll(async () => {
  stack = await startStack();
  const users = await demoUsers(stack);
  ({ mgr1, mgr2, safety, leader } = await users.tokens(['mgr1', 'mgr2', 'safety', 'leader']));
  mgr2Id = users.ids.mgr2!;
});
afterAll(() => stack?.close());

async function ledgerRow(instanceId: string) {
  return stack.orm.em.fork().findOneOrFail(HazardSchema, { instanceId });
}

/** The responsible person reports the rectification with a photo of the result. */
async function rectify(instanceId: string, stepKey = 'rectify') {
  const task = await openTask(stack, mgr2, instanceId, stepKey);
  const photo = await uploadPhoto(stack, mgr2, task.id);
  const answer = await complete(stack, mgr2, task.id, {
    data: { actions: '已更换两具灭火器并张贴检查卡，库管员签字确认', completedOn: chinaDay(), evidence: [photo] },
  });
  expect(answer.status).toBe(200);
}

describe('hazard rectification', () => {
  it('a general hazard: report with a photo, assess, notice, rectify, verify, closed', async () => {
    const photo = await uploadPhoto(stack, mgr1);
    const reported = await reportHazard(stack, mgr1, hazardReport({ photos: [photo] }));
    expect(reported.status).toBe(201);
    const id = reported.body.id;
    expect((await ledgerRow(id)).code).toMatch(/^YH\d{6}-\d{4}$/);

    await act(stack, safety, id, 'assess', { data: { outcome: 'confirm', level: 'general' } });
    await act(stack, safety, id, 'notice', { data: notice(mgr2Id) });
    expect((await ledgerRow(id)).status).toBe('rectifying');
    await rectify(id);
    await act(stack, safety, id, 'verify', { data: { outcome: 'pass' } });

    const done = await finished(stack, mgr1, id);
    expect(done.status).toBe('completed');
    const row = await ledgerRow(id);
    expect(row).toMatchObject({ status: 'closed', level: 'general', rounds: 1, responsibleId: mgr2Id, overdueDays: 0 });
    expect(row.closedAt).not.toBeNull();
    // The reporter's photo is now the hazard's: a safety officer may see it.
    const download = await fetch(`${stack.baseUrl}/api/attachments/${photo}`, { headers: { authorization: `Bearer ${safety}` } });
    expect(download.status).toBe(200);
  });

  it('a major hazard: funds and plan required, the leader returns the plan once, a failed verification means a second round', async () => {
    const { body: { id } } = await reportHazard(stack, mgr1, hazardReport({ suspectedLevel: 'major' }));
    await act(stack, safety, id, 'assess', { data: { outcome: 'confirm', level: 'major' } });
    const noticeTask = await openTask(stack, safety, id, 'notice');
    expect(noticeTask.prefill).toEqual({ level: 'major' });
    const missing = await complete(stack, safety, noticeTask.id, { data: notice(mgr2Id, { level: 'major' }) });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/emergencyPlan', '/funds']);
    const major = notice(mgr2Id, { level: 'major', funds: 20000, emergencyPlan: '发现险情立即断电、疏散并报告值班领导，启用备用库房' });
    expect((await complete(stack, safety, noticeTask.id, { data: major })).status).toBe(200);
    expect((await ledgerRow(id)).status).toBe('sign_off');

    await act(stack, leader, id, 'sign-off', { outcome: 'return', comment: '资金预算需细化到项' });
    await act(stack, safety, id, 'notice#2', { data: { ...major, funds: 18500 } });
    await act(stack, leader, id, 'sign-off#2', { outcome: 'approve' });
    await rectify(id);
    await act(stack, safety, id, 'verify', { data: { outcome: 'fail', comment: '检查卡未张贴' } });
    expect((await ledgerRow(id)).status).toBe('rectifying');
    await rectify(id, 'rectify#2');
    await act(stack, safety, id, 'verify#2', { data: { outcome: 'pass' } });

    expect((await finished(stack, mgr1, id)).status).toBe('completed');
    expect(await ledgerRow(id)).toMatchObject({ status: 'closed', level: 'major', rounds: 2, funds: '18500.00' });
  });

  it('a dismissed report ends with the reason and no further task', async () => {
    const { body: { id } } = await reportHazard(stack, mgr1);
    await act(stack, safety, id, 'assess', { data: { outcome: 'dismiss', comment: '系消防演练用空瓶，非在用设备' } });
    const done = await finished(stack, mgr1, id);
    expect(done.status).toBe('rejected');
    expect(done.tasks).toHaveLength(1);
    expect(await ledgerRow(id)).toMatchObject({ status: 'dismissed', level: null, result: '系消防演练用空瓶，非在用设备' });
  });

  it('the responsible person cannot verify their own rectification, and an uninvolved manager cannot read the hazard', async () => {
    const { body: { id } } = await reportHazard(stack, mgr1);
    const mgr3 = await stack.login('mgr3');
    expect((await stack.call('GET', `/api/instances/${id}`, mgr3)).status).toBe(404);
    expect((await stack.call('GET', `/api/instances/${id}`, safety)).status).toBe(200);
    await act(stack, safety, id, 'assess', { data: { outcome: 'confirm', level: 'general' } });
    // A past deadline is refused.
    const task = await openTask(stack, safety, id, 'notice');
    const late = await complete(stack, safety, task.id, { data: notice(mgr2Id, { deadline: chinaDay(-1) }) });
    expect(late.status).toBe(422);
    expect(late.body.errors[0].path).toBe('/deadline');
    await act(stack, safety, id, 'notice', { data: notice(mgr2Id) });
    await rectify(id);
    const verify = await openTask(stack, safety, id, 'verify');
    expect((await complete(stack, mgr2, verify.id, { data: { outcome: 'pass' } })).status).toBe(403);
  });
});
