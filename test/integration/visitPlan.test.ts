import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekStart, isPlanWeek, DEFAULT_VISIT_BANDS, bandOf } from '../../domain/visitPlanRules.js';
import { chinaDate } from '../../domain/chinaTime.js';
import { ensureVisitPlanSchedule } from '../../worker/visitPlanSchedule.js';
import type { VisitPlanWeekResult } from '../../workflows/visitPlan.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { visitRecord } from '../support/serviceFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { complete } from '../support/taskFlows.js';
import { customersAt, plannedRows, planWeek, serveOnly } from '../support/visitPlanFlows.js';

/*
 * 差异化服务 (issue 16): a month of weekly plans for customers across the default tier bands (D25–D30 every
 * week, D15–D24 every other week, D1–D14 in the month's first week), counted by hand; a re-run of a week
 * plans nobody twice; a visit record completes a planned visit; the weekly Schedule plans the week it runs in;
 * an admin's business-type rules override the bands.
 */
let stack: TestStack;
let users: DemoUsers;
let scheduleId: string | null = null;
/** mgr1's customers at the bands' edges, and one of mgr4's: every other customer is suspended. */
const c: Record<string, { id: number; name: string; code: string }> = {};

beforeAll(async () => {
  stack = await startStack();
  users = await demoUsers(stack);
  const mgr1 = users.ids.mgr1!;
  for (const tier of [30, 25, 24, 15, 14, 1]) c[`D${tier}`] = (await customersAt(stack, mgr1, tier))[0]!;
  c.mgr4D27 = (await customersAt(stack, users.ids.mgr4!, 27))[0]!;
  await serveOnly(stack, Object.values(c).map((x) => x.id));
  // 拜访线路顺序 from the customer master: D1 first, then D14; the rest by address.
  await stack.orm.em.fork().execute('update customers set route_order = case id when ? then 1 when ? then 2 end', [c.D1!.id, c.D14!.id]);
});
afterAll(async () => {
  if (scheduleId) await stack.temporal.schedule.getHandle(scheduleId).delete().catch(() => undefined);
  await stack?.close();
});

/** March 2027: five Mondays; counted from Monday 2001-01-01 the 8th and the 22nd are the even weeks. */
const MARCH = ['2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22', '2027-03-29'];

describe('a month of weekly visit plans', () => {
  it('plans each customer as often as their band says, in their manager\'s plan, due at the end of the band\'s period', async () => {
    const results: VisitPlanWeekResult[] = [];
    for (const period of MARCH) results.push(await planWeek(stack, period));
    // By hand: mgr1 has 2 weekly (D30, D25), 2 two-weekly (D24, D15) and 2 monthly (D14, D1) customers, mgr4 one weekly (D27).
    expect(results.map((r) => [r.period, r.started, r.visits])).toEqual([
      ['2027-03-01', 2, 5], // weekly 2 + monthly 2, mgr4 1
      ['2027-03-08', 2, 5], // weekly 2 + two-weekly 2, mgr4 1
      ['2027-03-15', 2, 3],
      ['2027-03-22', 2, 5],
      ['2027-03-29', 2, 3], // the 29th is not the month's first Monday
    ]);
    const rows = await plannedRows(stack);
    const perCustomer = (id: number) => rows.filter((r) => r.customer_id === id).length;
    expect(Object.fromEntries(Object.entries(c).map(([name, customer]) => [name, perCustomer(customer.id)]))).toEqual({
      D30: 5, D25: 5, D24: 2, D15: 2, D14: 1, D1: 1, mgr4D27: 5,
    });
    const dueOf = (id: number, period: string) => rows.find((r) => r.customer_id === id && r.period_start === period)!.dueAt;
    expect(dueOf(c.D30!.id, '2027-03-29')).toBe(new Date('2027-04-04T23:59:59.999+08:00').toISOString());
    expect(dueOf(c.D24!.id, '2027-03-08')).toBe(new Date('2027-03-21T23:59:59.999+08:00').toISOString());
    expect(dueOf(c.D1!.id, '2027-03-01')).toBe(new Date('2027-03-31T23:59:59.999+08:00').toISOString());

    // Each planned visit is an open task of the manager's plan of that week, for the manager.
    const { mgr1, sup1 } = await users.tokens(['mgr1', 'sup1']);
    const tasks = await eventually(async () => {
      const open = await stack.orm.em.fork().execute<{ assignee_id: number; step_key: string; form_key: string }[]>(
        `select assignee_id, step_key, form_key from tasks where process_key = 'visit-plan' and status = 'open'`);
      return open.length === 21 ? open : undefined;
    }, 60_000);
    expect(tasks.filter((t) => t.assignee_id === users.ids.mgr1)).toHaveLength(16);
    expect(new Set(tasks.map((t) => t.form_key))).toEqual(new Set(['service-visit']));
    const plan = (await stack.call('GET', `/api/instances/${rows[0]!.instance_id}`, sup1)).body;
    expect(plan).toMatchObject({ processKey: 'visit-plan', status: 'running', businessKey: `visit-plan:2027-03-01:${users.ids.mgr1}` });
    expect(plan.tasks.map((t: { stepKey: string }) => t.stepKey).sort()).toEqual(
      [c.D30, c.D25, c.D14, c.D1].map((x) => `visit-${x!.id}`).sort());
    expect((await stack.call('GET', `/api/instances/${rows[0]!.instance_id}`, await users.token('mgr4'))).status).toBe(404);

    // The day view: every open planned visit, by route order (D1, D14), then address and code.
    const day = (await stack.call('GET', '/api/visit-plan/today', mgr1)).body;
    expect(day.items).toHaveLength(16);
    expect(day.items.slice(0, 2).map((i: { customer: { id: number } }) => i.customer.id)).toEqual([c.D1!.id, c.D14!.id]);
    expect(day.items[2].customer.routeOrder).toBeNull();
    expect((await stack.call('GET', `/api/visit-plan/today?managerId=${users.ids.mgr4}`, sup1)).status).toBe(403);
  });

  it('a re-run of a planned week plans nobody twice', async () => {
    expect(await planWeek(stack, '2027-03-08')).toEqual({ period: '2027-03-08', started: 0, visits: 0, existing: 2 });
    expect(await plannedRows(stack)).toHaveLength(21);
    const tasks = await stack.orm.em.fork().execute(`select count(*)::int as n from tasks where process_key = 'visit-plan'`);
    expect(tasks[0]).toEqual({ n: 21 });
  });

  it('a visit record, checked by the visit form\'s schema, completes a planned visit: in the ledger as planned, counted in the report', async () => {
    const { mgr1, sup1 } = await users.tokens(['mgr1', 'sup1']);
    const day = (await stack.call('GET', '/api/visit-plan/today', mgr1)).body;
    const visit = day.items.find((i: { customer: { id: number }; period: string }) => i.customer.id === c.D30!.id && i.period === '2027-03-01');
    const refused = await complete(stack, mgr1, visit.taskId, { data: { ...visitRecord(), checked: '短' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['/checked']);
    expect((await complete(stack, mgr1, visit.taskId, { data: visitRecord() })).status).toBe(200);

    const done = await eventually(async () => {
      const row = (await plannedRows(stack)).find((r) => r.customer_id === c.D30!.id && r.period_start === '2027-03-01')!;
      return row.status === 'done' ? row : undefined;
    });
    expect(done.late_minutes).toBe(0);
    const ledger = (await stack.call('GET', '/api/visits?source=plan', mgr1)).body;
    expect(ledger.items).toEqual([expect.objectContaining({ source: 'plan', requestCode: null, customer: expect.objectContaining({ id: c.D30!.id }), lateMinutes: 0 })]);
    expect((await stack.call('GET', '/api/visits?source=request', mgr1)).body.total).toBe(0);
    expect((await stack.call('GET', '/api/visits?source=walk', mgr1)).body.errors.map((e: { path: string }) => e.path)).toEqual(['/source']);
    expect((await stack.call('GET', '/api/visit-plan/today', mgr1)).body.items).toHaveLength(15);

    // March 2027, by hand: mgr1's visits due in March are 4 + 4 + 2 + 2 (those planned on the 22nd for two weeks and all of
    // the 29th's fall due in April), mgr4's 4; none is past due yet, so only the one recorded is judged: 1 of 1 done, on time.
    const report = (await stack.call('GET', '/api/service-report?month=2027-03', sup1)).body;
    const mgr1Line = report.people.find((p: { manager: { id: number } }) => p.manager.id === users.ids.mgr1);
    expect(mgr1Line).toMatchObject({
      plannedVisits: 12, plannedJudged: 1, plannedDone: 1, plannedOnTime: 1, plannedOverdue: 0, plannedCompletionRate: 1, plannedOnTimeRate: 1,
    });
    const headReport = (await stack.call('GET', '/api/service-report?month=2027-03', await users.token('head'))).body;
    expect(headReport.total).toMatchObject({ plannedVisits: 16, plannedJudged: 1, plannedDone: 1 });
  });
});

describe('the route order (拜访顺序) of the customer master', () => {
  it('is imported, edited and exported by the admin, and the day view walks it', async () => {
    const { admin, mgr1 } = await users.tokens(['admin', 'mgr1']);
    const upload = (lines: string[]) => fetch(`${stack.baseUrl}/api/admin/customers/import`, {
      method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' }, body: `\uFEFF${lines.join('\r\n')}\r\n`,
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const row = (customer: { code: string; name: string }, tier: number, order: string) => `${customer.code},${customer.name},${tier},城网,convenience,mgr1,${order}`;
    const header = '客户编码,客户名称,档位,市场类型,业态,客户经理,拜访顺序';
    const refused = await upload([header, row(c.D25!, 25, '0'), row(c.D24!, 24, '第一')]);
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['/rows/2/routeOrder', '/rows/3/routeOrder']);
    expect((await upload([header, row(c.D25!, 25, '1'), row(c.D24!, 24, '2'), row(c.D1!, 1, '')])).body).toMatchObject({ updated: 3 });
    const patched = await stack.call('PATCH', `/api/admin/customers/${c.D14!.id}`, admin, { routeOrder: 3 });
    expect(patched.body.routeOrder).toBe(3);

    const order = (await stack.call('GET', '/api/visit-plan/today', mgr1)).body.items
      .map((i: { customer: { id: number; routeOrder: number | null } }) => i.customer.routeOrder);
    expect(order.slice(0, order.indexOf(null))).toEqual([...order.slice(0, order.indexOf(null))].sort((x: number, y: number) => x - y));
    expect(new Set(order.slice(0, order.indexOf(null)))).toEqual(new Set([1, 2, 3]));
    expect(order.slice(order.indexOf(null)).every((o: number | null) => o === null)).toBe(true);
  });
});

describe('the weekly visit-plan Schedule', () => {
  it('is created idempotently for Monday 07:00 Asia/Shanghai and plans the week it runs in, once', async () => {
    const on = { ...stack.config, visitPlan: { ...stack.config.visitPlan, schedule: true } };
    expect(await ensureVisitPlanSchedule(stack.temporal, stack.config)).toBeNull();
    scheduleId = await ensureVisitPlanSchedule(stack.temporal, on);
    expect(await ensureVisitPlanSchedule(stack.temporal, on)).toBe(scheduleId);
    const handle = stack.temporal.schedule.getHandle(scheduleId!);
    const described = await handle.describe();
    expect(described.spec.timezone).toBe('Asia/Shanghai');
    expect(described.spec.calendars).toEqual([expect.objectContaining({
      dayOfWeek: [{ start: 'MONDAY', end: 'MONDAY', step: 1 }], hour: [{ start: 7, end: 7, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }],
    })]);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'visitPlanWeek' });

    const run = async (count: number) => {
      await handle.trigger();
      const action = await eventually(async () => {
        const { info } = await handle.describe();
        return info.recentActions.length >= count ? info.recentActions.at(-1) : undefined;
      });
      return stack.temporal.workflow.getHandle(action.action.workflow.workflowId).result() as Promise<VisitPlanWeekResult>;
    };
    const period = weekStart(chinaDate(new Date()));
    const tiers = [30, 25, 24, 15, 14, 1, 27];
    const due = tiers.filter((tier) => isPlanWeek(bandOf(DEFAULT_VISIT_BANDS, tier)!.every, period)).length;
    expect(await run(1)).toEqual({ period, started: 2, visits: due, existing: 0 });
    expect(await run(2)).toEqual({ period, started: 0, visits: 0, existing: 2 });
    expect(await planWeek(stack, period)).toEqual({ period, started: 0, visits: 0, existing: 2 });
    expect((await plannedRows(stack)).filter((r) => r.period_start === period)).toHaveLength(due);
  });
});

describe('visit frequencies by business type', () => {
  it('take precedence over the tier band once an admin saves them', async () => {
    const admin = await users.token('admin');
    const business = (type: string, ...customers: { id: number }[]) => stack.orm.em.fork().execute(
      'update customers set business_type = ? where id = any(?::int[])', [type, `{${customers.map((x) => x.id).join(',')}}`]);
    await business('convenience', c.D30!, c.D24!, c.D15!, c.mgr4D27!);
    await business('supermarket', c.D14!, c.D1!);
    await business('grocery', c.D25!);
    const { settings } = (await stack.call('GET', '/api/admin/settings', admin)).body;
    const byBusinessType = [{ businessType: 'supermarket', every: 'week' }, { businessType: 'grocery', every: 'month' }];
    const saved = await stack.call('PUT', '/api/admin/settings', admin, { ...settings, visitPlan: { ...settings.visitPlan, byBusinessType } });
    expect(saved.status).toBe(200);

    // By hand, 2027-04-12 is an odd week and not April's first Monday: by band only the weekly D30, D25 and mgr4's D27 would be
    // planned. With the rules the supermarkets D14 and D1 are weekly, the grocery D25 monthly; the convenience stores keep their band.
    const period = '2027-04-12';
    expect(await planWeek(stack, period)).toMatchObject({ period, started: 2, visits: 4 });
    const rows = (await plannedRows(stack)).filter((r) => r.period_start === period);
    expect(new Set(rows.map((r) => r.customer_id))).toEqual(new Set([c.D30!.id, c.D14!.id, c.D1!.id, c.mgr4D27!.id]));
    const d1 = rows.find((r) => r.customer_id === c.D1!.id)!;
    expect([d1.every, d1.dueAt]).toEqual(['week', new Date('2027-04-18T23:59:59.999+08:00').toISOString()]);
  });
});
