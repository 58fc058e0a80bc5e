import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextAllocationMonth } from '../../domain/chinaTime.js';
import { awaitReviews, SHORT_ALLOCATION_DUES } from '../support/allocationFlows.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { startStack, type TestStack } from '../support/stack.js';
import { act } from '../support/taskFlows.js';

/*
 * 投放策略 (issue 18) through the API into the cycle's draft: each product's strategy decides its
 * lines, the preview shows the same numbers, a changed strategy is drafted again until review starts.
 */

let stack: TestStack;
let users: DemoUsers;
let tokens: Record<string, string>;
const month = nextAllocationMonth(new Date()).slice(0, 7);
const base = `/api/allocation/months/${month}/strategies`;

interface Item { productId: number; code: string; name: string; availability: number; priceClass: number; source: string; strategy: Record<string, unknown> }
interface Line { customerId: number; customerCode: string; tier: number; marketType: 'urban' | 'rural'; productCode: string; drafted: number; quantity: number }
interface Vector { market: 'all' | 'urban' | 'rural'; quantities: number[]; customers: number[] }

beforeAll(async () => {
  stack = await startStack(SHORT_ALLOCATION_DUES);
  users = await demoUsers(stack);
  tokens = await users.tokens(['head', 'sup1', 'mgr1', 'admin', 'leader', 'safety']);
});
afterAll(() => stack?.close());

async function upload(path: string, csv: string) {
  const response = await fetch(stack.baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${tokens.head}`, 'content-type': 'text/csv' }, body: csv });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function allLines(code: string): Promise<Line[]> {
  const lines: Line[] = [];
  for (let page = 1; ; page++) {
    const { status, body } = await stack.call('GET', `/api/allocation/cycles/${month}/lines?product=${code}&size=100&page=${page}`, tokens.head);
    expect(status).toBe(200);
    lines.push(...(body.items as Line[]));
    if (lines.length >= body.total || body.items.length === 0) return lines;
  }
}

/** The quantity a customer of `tier` in `market` gets by the preview's vectors. */
function byVector(vectors: Vector[], tier: number, market: string): number {
  return (vectors.find((v) => v.market === market) ?? vectors[0]!).quantities[tier - 1]!;
}

describe('投放策略 per product: saved through the API, previewed, drafted', () => {
  let items: Item[];
  let customers: { id: number; code: string; tier: number }[];
  const byTier = { method: 'tier', profile: { kind: 'geometric', ratio: 1.1 }, minTier: 10 };
  const byMarket = { method: 'tier-market', profile: { kind: 'linear' }, minTier: 1, ruralShare: 60 };
  const priceCapped = { method: 'price-class', profile: { kind: 'linear' }, minTier: 1, cap: 2 };
  // 选点定量 beside the rest by tier: three named customers (set in the first test) and everyone else by tier from D5.
  let withRest: Record<string, unknown>;
  const previews = new Map<string, { vectors: Vector[]; total: number; shortfall: number; customersServed: number; fixed: unknown[] }>();

  it('lists the month\'s products with their strategies: defaults per price class until saved; the dept head and admins write, supervisors read', async () => {
    const listed = await stack.call('GET', base, tokens.sup1);
    expect(listed.status).toBe(200);
    items = listed.body.items;
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items.every((i) => i.source === 'default')).toBe(true);
    const first = items.find((i) => i.priceClass === 1);
    if (first) expect(first.strategy).toMatchObject({ method: 'tier', profile: { kind: 'geometric', ratio: 1.12 }, minTier: 16 });
    expect((await stack.call('GET', base, tokens.mgr1)).status).toBe(403);
    expect((await stack.call('GET', base, tokens.safety)).status).toBe(403);
    expect((await stack.call('PUT', `${base}/${items[0]!.productId}`, tokens.sup1, byTier)).status).toBe(403);
    const page = await stack.call('GET', '/api/customers?size=100', tokens.head);
    customers = page.body.items.map((c: { id: number; code: string; tier: number }) => ({ id: c.id, code: c.code, tier: c.tier }));
    expect(customers.length).toBeGreaterThanOrEqual(6);
    withRest = { method: 'tier', profile: { kind: 'linear' }, minTier: 5, fixed: customers.slice(3, 6).map((n, i) => ({ customerId: n.id, quantity: 9 - i })) };
  });

  it('refuses what cannot be allocated with 422 at each field', async () => {
    const [a] = items;
    const put = (body: unknown) => stack.call('PUT', `${base}/${a!.productId}`, tokens.head, body);
    const paths = async (body: unknown) => {
      const answer = await put(body);
      expect(answer.status).toBe(422);
      return answer.body.error.details.errors.map((e: { path: string }) => e.path);
    };
    expect(await paths({ ...byTier, profile: { kind: 'geometric', ratio: 0 } })).toEqual(['/profile/ratio']);
    expect(await paths({ ...byTier, profile: { kind: 'geometric', ratio: 0.8 } })).toEqual(['/profile/ratio']);
    expect(await paths({ ...byTier, profile: { kind: 'custom', weights: new Array(29).fill(1) } })).toEqual(['/profile/weights']);
    expect(await paths({ ...byTier, profile: { kind: 'custom', weights: [2, ...new Array(29).fill(1)] } })).toEqual(['/profile/weights/0']);
    expect(await paths({ ...byTier, fixed: [{ customerId: customers[0]!.id, quantity: a!.availability + 1 }] })).toEqual(['/fixed']);
    expect(await paths({ ...byTier, cap: 3, fixed: [{ customerId: customers[0]!.id, quantity: 4 }] })).toEqual(['/fixed/0/quantity']);
    expect(await paths({ ...byTier, fixed: [{ customerId: 99_999_999, quantity: 1 }, { customerId: customers[0]!.id, quantity: 1 }, { customerId: customers[0]!.id, quantity: 1 }] }))
      .toEqual(['/fixed/0/customerId', '/fixed/2/customerId']);
    expect(await paths({ ...byTier, method: 'by-magic', minTier: 31 })).toEqual(expect.arrayContaining(['/method', '/minTier']));
    const english = await stack.call('PUT', `${base}/${a!.productId}`, tokens.head, { ...byTier, profile: { kind: 'geometric', ratio: 0 } }, { 'Accept-Language': 'en' });
    expect(english.body.error.details.errors[0].message).toMatch(/must be from 1 to/);
    const preview = await stack.call('POST', '/api/allocation/preview', tokens.head, { month, productId: a!.productId, strategy: { ...byTier, profile: { kind: 'custom', weights: [1] } } });
    expect(preview.status).toBe(422);
    expect(preview.body.error.details.errors[0].path).toBe('/strategy/profile/weights');
    // Nothing was stored.
    expect((await stack.call('GET', `${base}/${a!.productId}`, tokens.head)).body.source).toBe('default');
  });

  it('saves five strategies (by tier, tier × market, 选点定量 alone and with the rest by tier, price class with a cap) and previews each', async () => {
    const [a, b, c, d, e] = items;
    const named = customers.slice(0, 3);
    const fixed = { method: 'tier', profile: { kind: 'linear' }, minTier: 1, fixedOnly: true, fixed: named.map((n, i) => ({ customerId: n.id, quantity: 7 - 2 * i })) };
    const strategies: [Item, Record<string, unknown>][] = [[a!, byTier], [b!, byMarket], [c!, fixed], [d!, priceCapped], [e!, withRest]];
    for (const [item, strategy] of strategies) {
      const saved = await stack.call('PUT', `${base}/${item.productId}`, tokens.head, strategy);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ source: 'saved', strategy });
      const preview = await stack.call('POST', '/api/allocation/preview', tokens.sup1, { month, productId: item.productId, strategy });
      expect(preview.status).toBe(200);
      expect(preview.body.total).toBeLessThanOrEqual(item.availability);
      expect(preview.body.total + preview.body.shortfall).toBe(item.availability);
      previews.set(item.code, preview.body);
    }
    expect(previews.get(b!.code)!.vectors.map((v) => v.market)).toEqual(['urban', 'rural']);
    expect(previews.get(c!.code)!.total).toBe(7 + 5 + 3);
    expect(previews.get(c!.code)!.customersServed).toBe(3);
    // A strategy saved for the month is read back, the rest still default.
    const listed = (await stack.call('GET', base, tokens.head)).body.items as Item[];
    expect(listed.filter((i) => i.source === 'saved').map((i) => i.code).sort()).toEqual([a!.code, b!.code, c!.code, d!.code, e!.code].sort());
  });

  it('the cycle drafts each product by its strategy, with the preview\'s numbers', async () => {
    const [a, b, c, d] = items;
    const started = await stack.call('POST', '/api/processes/allocation-cycle/instances', tokens.head, { data: { month }, requestId: randomUUID() });
    expect(started.status).toBe(201);
    await awaitReviews(stack, users, started.body.id);

    // By tier from D10: nothing below D10; each customer has the preview's quantity of their tier.
    const aLines = await allLines(a!.code);
    expect(aLines.length).toBeGreaterThan(0);
    expect(Math.min(...aLines.map((l) => l.tier))).toBeGreaterThanOrEqual(10);
    for (const l of aLines) expect(l.drafted).toBe(byVector(previews.get(a!.code)!.vectors, l.tier, 'all'));
    expect(aLines.reduce((s, l) => s + l.drafted, 0)).toBe(previews.get(a!.code)!.total);

    // Tier × market, rural at 60 %: per tier, a rural customer gets about 60 % of an urban one.
    const bLines = await allLines(b!.code);
    const bPreview = previews.get(b!.code)!;
    for (const l of bLines) expect(l.drafted).toBe(byVector(bPreview.vectors, l.tier, l.marketType));
    // Per tier a rural customer never gets more than an urban one; on average 60 % as much.
    const [urban, rural] = bPreview.vectors;
    for (let t = 0; t < 30; t++) expect(rural!.quantities[t]!).toBeLessThanOrEqual(urban!.quantities[t]!);
    const perCustomer = (v: Vector) => v.quantities.reduce((s, q, t) => s + q * v.customers[t]!, 0) / v.customers.reduce((s, n) => s + n, 0);
    expect(perCustomer(rural!) / perCustomer(urban!)).toBeCloseTo(0.6, 1);
    const bUrban = bLines.filter((l) => l.marketType === 'urban').reduce((s, l) => s + l.drafted, 0);
    const bRural = bLines.filter((l) => l.marketType === 'rural').reduce((s, l) => s + l.drafted, 0);
    expect(bUrban + bRural).toBe(bPreview.total);
    expect(bUrban + bRural).toBeLessThanOrEqual(b!.availability);

    // 选点定量 only: exactly the named customers, with exactly their cartons.
    const cLines = await allLines(c!.code);
    expect(cLines.map((l) => [l.customerId, l.drafted]).sort((x, y) => x[0]! - y[0]!))
      .toEqual(customers.slice(0, 3).map((n, i) => [n.id, 7 - 2 * i]).sort((x, y) => x[0]! - y[0]!));

    // 选点定量 with the rest by tier: the named customers get exactly their cartons, everyone else their tier's quantity.
    const eLines = await allLines(items[4]!.code);
    const ePreview = previews.get(items[4]!.code)!;
    const namedCartons = new Map(customers.slice(3, 6).map((n, i) => [n.id, 9 - i]));
    for (const [id, cartons] of namedCartons) expect(eLines.find((l) => l.customerId === id)?.drafted).toBe(cartons);
    for (const l of eLines.filter((l) => !namedCartons.has(l.customerId))) {
      expect(l.tier).toBeGreaterThanOrEqual(5);
      expect(l.drafted).toBe(byVector(ePreview.vectors, l.tier, 'all'));
    }
    expect(eLines.reduce((s, l) => s + l.drafted, 0)).toBe(ePreview.total);
    expect(ePreview.total).toBeLessThanOrEqual(items[4]!.availability);

    // Price class with a cap of 2: nobody above 2, nothing below the class's lowest tier.
    const dLines = await allLines(d!.code);
    expect(Math.max(...dLines.map((l) => l.drafted))).toBeLessThanOrEqual(2);
    expect(dLines.reduce((s, l) => s + l.drafted, 0)).toBe(previews.get(d!.code)!.total);

    // The overview's tiers and the strategies list say which strategy drafted each product.
    const cycle = (await stack.call('GET', `/api/allocation/cycles/${month}`, tokens.head)).body;
    for (const p of cycle.products) expect(p.drafted).toBeLessThanOrEqual(p.availability);
    expect(cycle.products.find((p: { code: string }) => p.code === a!.code).tiers).toEqual(previews.get(a!.code)!.vectors[0]!.quantities);
    // Split by market, the overview's tiers are 城网's 30 then 农网's 30.
    expect(cycle.products.find((p: { code: string }) => p.code === b!.code).tiers).toEqual([...urban!.quantities, ...rural!.quantities]);
    const listed = (await stack.call('GET', base, tokens.head)).body;
    const drafted = new Map(listed.items.map((i: { code: string; drafted: unknown }) => [i.code, i.drafted]));
    expect(drafted.get(a!.code)).toMatchObject({ text: '按档位，等比 1.1，D10 起', changed: false, canRedraft: false });
    expect(drafted.get(c!.code)).toMatchObject({ drafted: 15, changed: false });
    expect(listed.plan).toMatchObject({ status: 'reviewing', reviewStarted: false });
  });

  it('a strategy changed after the draft is drafted again on request, until review starts (then 409)', async () => {
    const [a] = items;
    const changed = { ...byTier, minTier: 20, cap: 4 };
    expect((await stack.call('PUT', `${base}/${a!.productId}`, tokens.head, changed)).status).toBe(200);
    const item = (await stack.call('GET', base, tokens.head)).body.items.find((i: { code: string }) => i.code === a!.code);
    expect(item.drafted).toMatchObject({ changed: true, canRedraft: true });
    expect((await stack.call('POST', `${base}/${a!.productId}/redraft`, tokens.sup1)).status).toBe(403);
    const preview = (await stack.call('POST', '/api/allocation/preview', tokens.head, { month, productId: a!.productId, strategy: changed })).body;
    const redrafted = await stack.call('POST', `${base}/${a!.productId}/redraft`, tokens.head);
    expect(redrafted.status).toBe(200);
    expect(redrafted.body).toMatchObject({ drafted: preview.total, vectors: [{ market: 'all', quantities: preview.vectors[0].quantities }] });
    const lines = await allLines(a!.code);
    expect(Math.min(...lines.map((l) => l.tier))).toBeGreaterThanOrEqual(20);
    expect(Math.max(...lines.map((l) => l.drafted))).toBeLessThanOrEqual(4);
    expect(lines.reduce((s, l) => s + l.drafted, 0)).toBe(preview.total);
    const after = (await stack.call('GET', base, tokens.head)).body.items.find((i: { code: string }) => i.code === a!.code);
    expect(after.drafted).toMatchObject({ changed: false, drafted: preview.total });

    // mgr1 submits: review has started.
    const { ids } = users;
    await act(stack, tokens.mgr1!, (await stack.call('GET', `/api/allocation/cycles/${month}`, tokens.head)).body.instanceId, `review-${ids.mgr1}`, { data: { adjustments: [] } });
    expect((await stack.call('PUT', `${base}/${a!.productId}`, tokens.head, byTier)).status).toBe(200);
    const refused = await stack.call('POST', `${base}/${a!.productId}/redraft`, tokens.head);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('客户经理已开始提交调整，不能再按新策略重新测算');
  });

  it('the preview sees a customer\'s market change at once (the month\'s customers are read again)', async () => {
    const [, b] = items;
    const preview = async () => (await stack.call('POST', '/api/allocation/preview', tokens.head, { month, productId: b!.productId, strategy: byMarket })).body;
    const before = await preview();
    const page = await stack.call('GET', '/api/customers?size=100&tier=30', tokens.admin);
    const urban = (page.body.items as { id: number; tier: number; marketType: string }[]).find((c) => c.tier === 30 && c.marketType === 'urban');
    expect(urban).toBeTruthy();
    expect((await stack.call('PATCH', `/api/admin/customers/${urban!.id}`, tokens.admin, { marketType: 'rural' })).status).toBe(200);
    const after = await preview();
    expect(after.vectors[0].customers[29]).toBe(before.vectors[0].customers[29] - 1);
    expect(after.vectors[1].customers[29]).toBe(before.vectors[1].customers[29] + 1);
  });

  it('copies last month\'s strategies forward, and reads a 选点定量 file', async () => {
    const next = nextAllocationMonth(new Date(`${month}-15T00:00:00Z`)).slice(0, 7);
    // The next month without availability lists nothing; with it, this month's strategies carry forward.
    expect((await stack.call('GET', `/api/allocation/months/${next}/strategies`, tokens.head)).body.items).toEqual([]);
    const availability = `code,cartons\r\n${items.slice(0, 6).map((i) => `${i.code},${i.availability}`).join('\r\n')}\r\n`;
    expect((await upload(`/api/allocation/availability/import?month=${next}`, availability)).status).toBe(200);
    const carried = (await stack.call('GET', `/api/allocation/months/${next}/strategies`, tokens.head)).body.items as (Item & { from: string })[];
    expect(carried.map((i) => [i.code, i.source, i.from])).toEqual(items.slice(0, 6).map((i, k) => [i.code, k < 5 ? 'copied' : 'default', k < 5 ? month : null]));
    expect(carried[0]!.strategy).toMatchObject({ minTier: 10 }); // the 409 test left a's strategy at byTier
    const copied = await stack.call('POST', `/api/allocation/months/${next}/strategies/copy`, tokens.head, {});
    expect(copied.status).toBe(200);
    expect(copied.body.copied).toBe(5);
    expect(copied.body.items.slice(0, 5).every((i: Item) => i.source === 'saved')).toBe(true);

    const csv = `客户编码,定量\r\n${customers[0]!.code},6\r\n${customers[1]!.code},2\r\n`;
    const imported = await upload(`${base}/fixed/import`, csv);
    expect(imported.status).toBe(200);
    expect(imported.body.items).toEqual([
      { customerId: customers[0]!.id, code: customers[0]!.code, name: expect.any(String), quantity: 6 },
      { customerId: customers[1]!.id, code: customers[1]!.code, name: expect.any(String), quantity: 2 },
    ]);
    const bad = await upload(`${base}/fixed/import`, '客户编码,定量\r\nNOPE,1\r\n');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.errors[0].path).toBe('/rows/2/code');
  });
});
