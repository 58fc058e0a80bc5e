import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextAllocationMonth } from '../../domain/chinaTime.js';
import { awaitReviews, DEMO_MANAGERS as MANAGERS, SHORT_ALLOCATION_DUES } from '../support/allocationFlows.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { act, complete, openTask } from '../support/taskFlows.js';

let stack: TestStack;
let users: DemoUsers;
let tokens: Record<string, string>;
let ids: Record<string, number>;
const month = nextAllocationMonth(new Date()).slice(0, 7);

beforeAll(async () => {
  stack = await startStack(SHORT_ALLOCATION_DUES);
  users = await demoUsers(stack);
  tokens = await users.tokens(['head', 'sup1', 'sup2', 'admin', ...MANAGERS]);
  ids = users.ids;
});
afterAll(() => stack?.close());

interface Line { customerId: number; managerId: number; tier: number; productCode: string; drafted: number; quantity: number }

async function lines(token: string, query: string): Promise<{ status: number; items: Line[]; total: number }> {
  const { status, body } = await stack.call('GET', `/api/allocation/cycles/${month}/lines?${query}`, token);
  return { status, items: body.items, total: body.total };
}

const cycleStart = (token: string, data: unknown = { month }) =>
  stack.call('POST', '/api/processes/allocation-cycle/instances', token, { data, requestId: randomUUID() });

describe('月度货源投放: draft → managers review → supervisors approve → the dept head publishes', () => {
  it('a whole cycle for next month on the demo data', async () => {
    expect((await cycleStart(tokens.mgr1!)).status).toBe(403);
    expect((await cycleStart(tokens.head!, { month: '2031-13' })).status).toBe(422);
    expect((await cycleStart(tokens.head!, { month: '2040-01' })).status).toBe(422); // no availability imported
    const started = await cycleStart(tokens.head!);
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    const second = await cycleStart(tokens.admin!);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ message: `${month} 已有进行中的月度货源投放`, details: { instanceId: id } });

    // Drafted: every manager's review task opens.
    await awaitReviews(stack, users, id);
    const cycle = (await stack.call('GET', `/api/allocation/cycles/${month}`, tokens.head)).body;
    expect(cycle).toMatchObject({ month, version: 1, status: 'reviewing', instanceId: id });
    expect(cycle.products).toHaveLength(30);
    expect(cycle.parts.map((p: { managerId: number }) => p.managerId)).toEqual(MANAGERS.map((m) => ids[m]));
    expect(cycle.parts.every((p: { customers: number; status: string }) => p.customers === 60 && p.status === 'reviewing')).toBe(true);
    for (const p of cycle.products) {
      expect(p.drafted).toBeLessThanOrEqual(p.availability);
      expect(p.allocated).toBe(p.drafted);
      for (let t = 1; t < 30; t++) expect(p.tiers[t]).toBeGreaterThanOrEqual(p.tiers[t - 1]);
    }
    expect(cycle.totals.drafted).toBeGreaterThan(cycle.totals.availability * 0.95);
    // The audit event counts the lines the draft stored.
    const [drafted] = await stack.orm.em.fork().getConnection().execute<{ lines: number; stored: string }[]>(`
select (a.data->>'lines')::int as lines, (select count(*) from allocation_lines l where l.plan_id = (a.data->>'planId')::int) as stored
from audit_log a where a.instance_id = ? and a.type = 'allocation.drafted'`, [id]);
    expect(drafted!.lines).toBeGreaterThan(0);
    expect(drafted!.lines).toBe(Number(drafted!.stored));
    expect((await stack.call('GET', '/api/allocation/cycles', tokens.sup1)).body.items[0]).toMatchObject({ month, status: 'reviewing', parts: 6 });
    expect((await stack.call('GET', `/api/allocation/cycles/${month}`, tokens.mgr1)).status).toBe(403);

    // One product's lines: the same quantity within a tier, never more for a lower tier.
    const product = cycle.products.at(-1);
    const all: Line[] = [];
    for (let page = 1; ; page++) {
      const { items } = await lines(tokens.head!, `product=${product.code}&size=100&page=${page}`);
      all.push(...items);
      if (items.length < 100) break;
    }
    expect(all.reduce((s, l) => s + l.drafted, 0)).toBe(product.drafted);
    const byTier = new Map<number, Set<number>>();
    for (const l of all) byTier.set(l.tier, (byTier.get(l.tier) ?? new Set()).add(l.drafted));
    const tiers = [...byTier.keys()].sort((a, b) => a - b);
    for (const t of tiers) expect(byTier.get(t)!.size).toBe(1);
    for (let i = 1; i < tiers.length; i++) expect([...byTier.get(tiers[i]!)!][0]).toBeGreaterThanOrEqual([...byTier.get(tiers[i - 1]!)!][0]!);

    // A manager sees only their own customers.
    const own = await lines(tokens.mgr1!, 'size=100');
    expect(own.items.every((l) => l.managerId === ids.mgr1)).toBe(true);
    expect((await lines(tokens.mgr1!, `managerId=${ids.mgr2}`)).status).toBe(403);
    const other = (await lines(tokens.head!, `managerId=${ids.mgr2}&size=1`)).items[0]!;

    // mgr1: a line out of the ±20 % bound and another manager's customer → 422 naming the rows.
    const big = (await lines(tokens.mgr1!, `product=${product.code}&size=100`)).items.filter((l) => l.drafted >= 10);
    const [a, b] = [big[0]!, big[1]!];
    const review = await openTask(stack, tokens.mgr1!, id, `review-${ids.mgr1}`);
    const bad = await complete(stack, tokens.mgr1!, review.id, {
      data: { adjustments: [
        { customerId: a.customerId, productCode: a.productCode, quantity: a.drafted * 2 },
        { customerId: other.customerId, productCode: other.productCode, quantity: other.drafted },
      ] },
    });
    expect(bad.status).toBe(422);
    const paths = bad.body.error.details.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(['/adjustments/0/quantity', '/adjustments/1/customerId']);
    // The path names the line; the message what is wrong with it (the grid names the customer and product, no 第 n 行).
    const { min, max } = { min: Math.ceil(a.drafted * 0.8 - 1e-9), max: Math.floor(a.drafted * 1.2 + 1e-9) };
    expect(bad.body.error.details.errors[0].message).toBe(`调整后应在 ${min}–${max} 条之间（测算 ${a.drafted} 条，允许 ±20%）`);
    // Raising one line without lowering another exceeds the manager's drafted total.
    const over = await complete(stack, tokens.mgr1!, review.id, {
      data: { adjustments: [{ customerId: a.customerId, productCode: a.productCode, quantity: a.drafted + 1 }] },
    });
    expect(over.status).toBe(422);
    expect(over.body.error.details.errors).toEqual([{ path: '/adjustments/0/quantity', message: expect.stringMatching(/^该规格调整后合计 \d+ 条，超过您的测算合计 \d+ 条$/) }]);

    // A valid adjustment: one customer down 2, another up 1.
    const valid = [
      { customerId: a.customerId, productCode: a.productCode, quantity: a.drafted - 2 },
      { customerId: b.customerId, productCode: b.productCode, quantity: b.drafted + 1 },
    ];
    expect((await complete(stack, tokens.mgr1!, review.id, { data: { adjustments: valid } })).status).toBe(200);
    const stored = await eventually(async () => {
      const { items } = await lines(tokens.mgr1!, `customerId=${a.customerId}&product=${a.productCode}`);
      return items[0]?.quantity === a.drafted - 2 ? items[0] : undefined;
    });
    expect(stored.drafted).toBe(a.drafted);

    // Everyone else submits as drafted; sup1 returns mgr1's part, which comes back with its adjustments.
    for (const m of MANAGERS.slice(1)) await act(stack, tokens[m]!, id, `review-${ids[m]}`, { data: { adjustments: [] } });
    await act(stack, tokens.sup1!, id, `approve-${ids.mgr1}`, { outcome: 'return', comment: '请保留一点余量给新开户' });
    const again = await openTask(stack, tokens.mgr1!, id, `review-${ids.mgr1}#2`);
    expect(again.prefill.adjustments).toEqual(valid);
    await act(stack, tokens.mgr1!, id, `review-${ids.mgr1}#2`, { data: { adjustments: valid.slice(0, 1), comment: '已按要求调整' } });
    await act(stack, tokens.sup1!, id, `approve-${ids.mgr1}#2`, { outcome: 'approve' });
    for (const m of ['mgr2', 'mgr3']) await act(stack, tokens.sup1!, id, `approve-${ids[m]}`, { outcome: 'approve' });
    for (const m of ['mgr4', 'mgr5', 'mgr6']) await act(stack, tokens.sup2!, id, `approve-${ids[m]}`, { outcome: 'approve' });
    await act(stack, tokens.head!, id, 'publish', { outcome: 'approve', comment: '同意发布' });
    // Published, the cycle runs on through its month (allocationCycleMonth.test.ts): no longer under review.
    const published = await eventually(async () => {
      const { body } = await stack.call('GET', `/api/allocation/cycles/${month}`, tokens.head);
      return body.status === 'published' ? body : undefined;
    });
    expect(published).toMatchObject({ status: 'published', version: 1, publishedBy: ids.head });
    expect(published.parts.every((p: { status: string }) => p.status === 'approved')).toBe(true);
    const mgr1Part = published.parts.find((p: { managerId: number }) => p.managerId === ids.mgr1);
    expect(mgr1Part).toMatchObject({ round: 2, adjustments: 1, decidedBy: ids.sup1 });
    const after = published.products.find((p: { code: string }) => p.code === product.code);
    expect(after.allocated).toBe(product.drafted - 2);
    // Read-only: the reviews are closed, and a late adjustment is refused.
    const late = await complete(stack, tokens.mgr1!, again.id, { data: { adjustments: [] } });
    expect(late.status).toBe(409);
    const line = (await lines(tokens.mgr1!, `customerId=${b.customerId}&product=${b.productCode}`)).items[0]!;
    expect(line.quantity).toBe(b.drafted);
  });
});
