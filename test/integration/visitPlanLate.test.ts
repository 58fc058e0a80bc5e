import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../domain/chinaTime.js';
import { weekStart } from '../../domain/visitPlanRules.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { visitRecord } from '../support/serviceFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { complete, finished, openTask } from '../support/taskFlows.js';
import { customersAt, plannedRows, planWeek, serveOnly } from '../support/visitPlanFlows.js';

/*
 * Planned visits past their deadline, on the dev server in real time with short settings saved by the admin
 * (due 8 s after the plan, reminded 3 s before, recordable 6 s late): one recorded on time, one late after the
 * supervisor's 督办, one never — closed as missed; the plan, the ledger and the report count them as by hand.
 * And the visit bands refused at their paths when they overlap, leave a gap or run backwards, and a business type given two rules.
 */
let stack: TestStack;
let users: DemoUsers;
let admin: string;

beforeAll(async () => {
  stack = await startStack();
  users = await demoUsers(stack);
  admin = await users.token('admin');
});
afterAll(() => stack?.close());

const saveSettings = async (visitPlan: Record<string, unknown>, language = 'zh-CN') => {
  const { settings } = (await stack.call('GET', '/api/admin/settings', admin)).body;
  return stack.call('PUT', '/api/admin/settings', admin, { ...settings, visitPlan: { ...settings.visitPlan, ...visitPlan } }, { 'accept-language': language });
};

describe('the visit bands in the business settings', () => {
  it('start as the job standard\'s classes and refuse overlaps, gaps and backward bands at the band, in the user\'s language', async () => {
    const view = (await stack.call('GET', '/api/admin/settings', admin)).body;
    expect(view.settings.visitPlan).toEqual({
      bands: [{ fromTier: 25, toTier: 30, every: 'week' }, { fromTier: 15, toTier: 24, every: 'twoWeeks' }, { fromTier: 1, toTier: 14, every: 'month' }],
      byBusinessType: [], dueAfter: null, remindBefore: '1d', lateGrace: '7d',
    });
    const overlap = await saveSettings({ bands: [
      { fromTier: 25, toTier: 30, every: 'week' }, { fromTier: 20, toTier: 24, every: 'twoWeeks' }, { fromTier: 1, toTier: 20, every: 'month' },
    ] });
    expect(overlap.status).toBe(422);
    expect(overlap.body.errors).toEqual([{ path: '/visitPlan/bands/2/fromTier', message: '第 3 档与第 2 档重叠：每个档位只能属于一档' }]);
    const gapAndBackwards = await saveSettings({ bands: [
      { fromTier: 30, toTier: 25, every: 'week' }, { fromTier: 2, toTier: 24, every: 'month' },
    ] }, 'en');
    expect(gapAndBackwards.body.errors).toEqual([{ path: '/visitPlan/bands/0/toTier', message: 'band 1: the last tier D25 is below the first tier D30' }]);
    const gap = await saveSettings({ bands: [{ fromTier: 25, toTier: 30, every: 'week' }, { fromTier: 2, toTier: 23, every: 'month' }] });
    expect(gap.body.errors).toEqual([{ path: '/visitPlan/bands', message: '档位 D1, D24 不在任何一档中，D1–D30 须全部覆盖' }]);
    const shape = await saveSettings({ bands: [{ fromTier: 0, toTier: 30, every: 'daily' }], remindBefore: '1wd' });
    expect(shape.status).toBe(422);
    expect(shape.body.errors).toEqual(expect.arrayContaining([
      { path: '/visitPlan/bands/0/fromTier', message: '应为 1–30 的档位（D1–D30）' },
      { path: '/visitPlan/bands/0/every', message: '应为每周、每两周或每月' },
      { path: '/visitPlan/remindBefore', message: '应为自然时长，如 7d、24h、30m' },
    ]));
    // A business type has one rule: a second is refused at its own row.
    const rules = [
      { businessType: 'supermarket', every: 'week' }, { businessType: 'grocery', every: 'month' }, { businessType: 'supermarket', every: 'month' },
    ];
    const twice = await saveSettings({ byBusinessType: rules });
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toEqual([
      { path: '/visitPlan/byBusinessType/2/businessType', message: '第 3 条：业态 supermarket 已在第 1 条中设置，每个业态只能设置一次' },
    ]);
    expect((await saveSettings({ byBusinessType: rules }, 'en')).body.errors).toEqual([{
      path: '/visitPlan/byBusinessType/2/businessType',
      message: 'rule 3: business type supermarket is set in rule 1 already: each business type once only',
    }]);
    const badRule = await saveSettings({ byBusinessType: [{ businessType: ' ', every: 'daily' }] });
    expect(badRule.body.errors).toEqual(expect.arrayContaining([
      { path: '/visitPlan/byBusinessType/0/businessType', message: '应为 1–32 个字符的业态，如 supermarket，前后不留空格' },
      { path: '/visitPlan/byBusinessType/0/every', message: '应为每周、每两周或每月' },
    ]));
    expect((await stack.call('GET', '/api/admin/settings', admin)).body.updatedAt).toBeNull();
  });
});

describe('planned visits past their deadline', () => {
  it('remind, escalate to one 督办 for the supervisor, may still be recorded late, are closed as missed after the grace, and are counted', async () => {
    expect((await saveSettings({ dueAfter: '8s', remindBefore: '3s', lateGrace: '6s' })).status).toBe(200);
    const mgr1Id = users.ids.mgr1!;
    const [onTime, late] = await customersAt(stack, mgr1Id, 30);
    const [missed] = await customersAt(stack, mgr1Id, 29);
    await serveOnly(stack, [onTime!.id, late!.id, missed!.id]);
    const { mgr1, sup1 } = await users.tokens(['mgr1', 'sup1']);

    const period = weekStart(chinaDate(new Date()));
    expect(await planWeek(stack, period)).toMatchObject({ period, started: 1, visits: 3 });
    const instanceId = (await plannedRows(stack))[0]!.instance_id;
    const taskOf = (customerId: number) => openTask(stack, mgr1, instanceId, `visit-${customerId}`);
    expect((await complete(stack, mgr1, (await taskOf(onTime!.id)).id, { data: visitRecord() })).status).toBe(200);

    // Past the due time: the late one reminded, then escalated; sup1 has the plan's one 督办.
    const lateTask = await taskOf(late!.id);
    await eventually(async () => ((await stack.call('GET', `/api/tasks/${lateTask.id}`, mgr1)).body.escalatedAt ? true : undefined), 30_000);
    expect((await stack.call('GET', `/api/tasks/${lateTask.id}`, mgr1)).body.remindedAt).not.toBeNull();
    const supervise = await openTask(stack, sup1, instanceId, 'supervise');
    expect(supervise.assigneeId).toBe(users.ids.sup1);
    expect((await stack.call('GET', '/api/visit-plan/today', mgr1)).body.items.map((i: { overdue: boolean }) => i.overdue)).toEqual([true, true]);
    expect((await complete(stack, mgr1, lateTask.id, { data: visitRecord() })).status).toBe(200);

    // The third is never recorded: closed at the end of its grace, and the plan completes.
    const plan = await finished(stack, mgr1, instanceId);
    expect(plan).toMatchObject({ status: 'completed', summary: { visits: 3, done: 2, missed: 1, overdue: 2 } });
    expect(plan.tasks.filter((t: { stepKey: string }) => t.stepKey === 'supervise')).toEqual([expect.objectContaining({ status: 'cancelled' })]);
    expect(plan.tasks.find((t: { stepKey: string }) => t.stepKey === `visit-${missed!.id}`).status).toBe('cancelled');
    const types = plan.timeline.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t.startsWith('visitPlan.'))).toEqual(expect.arrayContaining(['visitPlan.visited', 'visitPlan.overdue', 'visitPlan.missed']));
    const rows = await plannedRows(stack);
    const byCustomer = (id: number) => rows.find((r) => r.customer_id === id)!;
    expect([byCustomer(onTime!.id).status, byCustomer(late!.id).status, byCustomer(missed!.id).status]).toEqual(['done', 'done', 'missed']);
    expect(byCustomer(onTime!.id).late_minutes).toBe(0);
    expect(byCustomer(late!.id).late_minutes).toBeGreaterThanOrEqual(1);

    // The ledger: both records as planned visits, the late one flagged; the csv names the source.
    expect((await stack.call('GET', '/api/visits?source=plan&late=true', sup1)).body.items.map((v: { customer: { id: number } }) => v.customer.id))
      .toEqual([late!.id]);
    const csv = await fetch(`${stack.baseUrl}/api/visits?source=plan&format=csv`, { headers: { authorization: `Bearer ${sup1}` } });
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toContain('来源');
    expect(lines.filter((l) => l.includes('计划拜访'))).toHaveLength(2);

    // The report, by hand: 3 due this month, all judged; 2 recorded, 1 on time, 2 overdue (one late, one missed).
    const month = chinaDate(new Date(byCustomer(missed!.id).dueAt)).slice(0, 7);
    const report = (await stack.call('GET', `/api/service-report?month=${month}`, sup1)).body;
    const expected = {
      plannedVisits: 3, plannedJudged: 3, plannedDone: 2, plannedOnTime: 1, plannedOverdue: 2, plannedCompletionRate: 0.6667, plannedOnTimeRate: 0.3333,
    };
    expect(report.people.find((p: { manager: { id: number } }) => p.manager.id === mgr1Id)).toMatchObject(expected);
    expect(report.people.find((p: { manager: { id: number } }) => p.manager.id === users.ids.mgr2)).toMatchObject({
      plannedVisits: 0, plannedCompletionRate: null,
    });
    expect(report.teams).toEqual([expect.objectContaining(expected)]);
    expect(report.total).toMatchObject(expected);
  });
});
