import { describe, expect, it } from 'vitest';
import {
  allocateProduct, AllocationTooLargeError, customerQuantities, solveTierVector, type ProductAllocationInput,
} from '../../domain/allocationEngine.js';
import {
  AllocationInputError, flatProfile, linearProfile, TIER_COUNT, type AllocationStrategy,
} from '../../domain/allocationStrategies.js';

/** A 30-tier vector from `{ tier: value }` (tiers 1–30), zero elsewhere. */
function tiers(values: Record<number, number>): number[] {
  const v = new Array<number>(TIER_COUNT).fill(0);
  for (const [t, n] of Object.entries(values)) v[Number(t) - 1] = n;
  return v;
}

/** `{ tier: quantity }` for the tiers given, to compare a solved vector with a hand-checked one. */
function at(quantities: readonly number[], ...ts: number[]): Record<number, number> {
  return Object.fromEntries(ts.map((t) => [t, quantities[t - 1]!]));
}

const byTier: AllocationStrategy = { profile: linearProfile() };
// D30: 2, D29: 3, D28: 5 customers; linear weights 30, 29, 28 (Σ n·w = 287).
const small = tiers({ 30: 2, 29: 3, 28: 5 });

describe('by tier only', () => {
  it('reaches the availability exactly and takes the candidate nearest the profile from D30 down', () => {
    // r = 100/287 × (30, 29, 28) = (10.45, 10.10, 9.76). Two vectors reach 100 within their
    // rounding: (10, 10, 10) and (11, 11, 9); D30 = 10 is nearer 10.45 than 11.
    const plan = allocateProduct({ availability: 100, customers: small, strategy: byTier });
    const [v] = plan.vectors;
    expect(at(v!.quantities, 30, 29, 28, 27, 1)).toEqual({ 30: 10, 29: 10, 28: 10, 27: 0, 1: 0 });
    expect(plan).toMatchObject({ total: 100, shortfall: 0, fixedTotal: 0 });
    expect(v!.deviation).toBe(0);
    expect(v!.target[29]).toBeCloseTo(3000 / 287, 10);
  });

  it('leaves the smallest shortfall when the availability cannot be reached', () => {
    // Counts 4 and 6 make every total even; 23 → 22 = 4·4 + 6·1 (D30 = 4, D29 = 1) is the only way.
    const s = solveTierVector({ availability: 23, customers: tiers({ 30: 4, 29: 6 }), weights: linearProfile() });
    expect(s).toMatchObject({ total: 22, shortfall: 1 });
    expect(at(s.quantities, 30, 29, 28)).toEqual({ 30: 4, 29: 1, 28: 0 });
  });

  it('gives a tier without customers the quantity of the nearest populated tier below it', () => {
    // D29 and D27 have 5 customers each; 30 cartons: (3, 3) and (4, 2) both round the targets
    // (3.11, 2.89); D29 = 3 is nearer. D30 and D28 are empty: they copy D29 and D27; D26 ↓ get 0.
    const s = solveTierVector({ availability: 30, customers: tiers({ 29: 5, 27: 5 }), weights: linearProfile() });
    expect(at(s.quantities, 30, 29, 28, 27, 26, 1)).toEqual({ 30: 3, 29: 3, 28: 3, 27: 3, 26: 0, 1: 0 });
    expect(s.total).toBe(30);
  });

  it('allocates nothing, and says so, when no tier has customers or the availability is 0', () => {
    expect(solveTierVector({ availability: 50, customers: tiers({}), weights: linearProfile() }))
      .toMatchObject({ total: 0, shortfall: 50, quantities: new Array(TIER_COUNT).fill(0) });
    expect(solveTierVector({ availability: 0, customers: small, weights: linearProfile() }))
      .toMatchObject({ total: 0, shortfall: 0, quantities: new Array(TIER_COUNT).fill(0) });
  });
});

describe('tier × market type', () => {
  const customers = { urban: tiers({ 30: 2, 29: 3 }), rural: tiers({ 30: 1, 28: 4 }) };

  it('splits by a fixed share and solves a non-increasing vector per market', () => {
    const plan = allocateProduct({ availability: 50, customers, strategy: { market: { by: 'share', shares: { urban: 60, rural: 40 } } } });
    const [urban, rural] = plan.vectors;
    // Urban 30: r = (6.12, 5.92) → (6, 6). Rural 20: r = (4.23, —, 3.94) → D30 4, D28 4, and the
    // empty D29 copies D28.
    expect(urban).toMatchObject({ market: 'urban', availability: 30, total: 30, shortfall: 0 });
    expect(at(urban!.quantities, 30, 29, 28)).toEqual({ 30: 6, 29: 6, 28: 0 });
    expect(rural).toMatchObject({ market: 'rural', availability: 20, total: 20, shortfall: 0 });
    expect(at(rural!.quantities, 30, 29, 28, 27)).toEqual({ 30: 4, 29: 4, 28: 4, 27: 0 });
    expect(plan).toMatchObject({ total: 50, shortfall: 0 });
  });

  it('splits by demand (customers × profile weight) with the odd carton to the larger remainder', () => {
    // Demand: urban 2·30 + 3·29 = 147, rural 1·30 + 4·28 = 142 → quotas 25.43 and 24.57 → 25 / 25.
    const plan = allocateProduct({ availability: 50, customers, strategy: { market: { by: 'demand' } } });
    const [urban, rural] = plan.vectors;
    expect(urban!.availability).toBe(25);
    expect(rural!.availability).toBe(25);
    expect(at(urban!.quantities, 30, 29)).toEqual({ 30: 5, 29: 5 });
    expect(at(rural!.quantities, 30, 29, 28)).toEqual({ 30: 5, 29: 5, 28: 5 });
    expect(plan.shortfall).toBe(0);
  });

  it('each customer gets the quantity of their own market and tier', () => {
    const plan = allocateProduct({ availability: 50, customers, strategy: { market: { by: 'share', shares: { urban: 60, rural: 40 } } } });
    const out = customerQuantities(plan, [
      { id: 'u1', tier: 30, market: 'urban' }, { id: 'r1', tier: 30, market: 'rural' }, { id: 'r2', tier: 28, market: 'rural' },
    ]);
    expect([...out]).toEqual([6, 4, 4]);
  });
});

describe('price-class rules', () => {
  const strategy: AllocationStrategy = { profile: linearProfile(), priceClasses: { 1: { minTier: 29 }, 5: { profile: flatProfile() } } };
  const input = (priceClass: 1 | 3 | 5): ProductAllocationInput => ({ availability: 100, customers: small, strategy, priceClass });

  it('gives nothing to tiers below the class minimum and shares the rest among the others', () => {
    // Only D30 (2) and D29 (3): r = 100/147 × (30, 29) = (20.41, 19.73) → (20, 20).
    const [v] = allocateProduct(input(1)).vectors;
    expect(at(v!.quantities, 30, 29, 28)).toEqual({ 30: 20, 29: 20, 28: 0 });
    expect(v!.total).toBe(100);
    expect(v!.target[27]).toBe(0);
  });

  it("follows the class's own profile, and the strategy's where the class has no rule", () => {
    expect(at(allocateProduct(input(5)).vectors[0]!.quantities, 30, 29, 28)).toEqual({ 30: 10, 29: 10, 28: 10 });
    expect(at(allocateProduct(input(3)).vectors[0]!.quantities, 30, 29, 28)).toEqual({ 30: 10, 29: 10, 28: 10 });
  });
});

describe('选点定量 (named customers, fixed quantities)', () => {
  it('takes fixed quantities off first and allocates the rest by tier to everyone else', () => {
    // C2 (D30) gets 3, C1 (D28) gets 7: 90 left for D30: 1, D29: 3, D28: 4 customers. Targets
    // (11.79, 11.40, 11.00): no vector within the rounding reaches 90; within one carton only
    // (13, 11, 11) does.
    const fixed = [{ customerId: 'C1', tier: 28, quantity: 7 }, { customerId: 'C2', tier: 30, quantity: 3 }];
    const plan = allocateProduct({ availability: 100, customers: small, strategy: byTier, fixed });
    const [v] = plan.vectors;
    expect(v!.customers.slice(27)).toEqual([4, 3, 1]);
    expect(at(v!.quantities, 30, 29, 28)).toEqual({ 30: 13, 29: 11, 28: 11 });
    expect(v!.deviation).toBe(1);
    expect(plan).toMatchObject({ fixedTotal: 10, total: 100, shortfall: 0 });
    const out = customerQuantities(plan, [
      { id: 'C2', tier: 30 }, { id: 'A', tier: 30 }, { id: 'C1', tier: 28 }, { id: 'B', tier: 28 }, { id: 'C', tier: 29 },
    ]);
    expect([...out]).toEqual([3, 13, 7, 11, 11]);
  });

  it('takes a named customer out of their own market', () => {
    const plan = allocateProduct({
      availability: 40, customers: { urban: tiers({ 30: 2 }), rural: tiers({ 30: 2 }) },
      strategy: { market: { by: 'share', shares: { urban: 1, rural: 1 } } },
      fixed: [{ customerId: 'R', tier: 30, market: 'rural', quantity: 10 }],
    });
    expect(plan.vectors.map((v) => [v.market, v.customers[29], v.availability, v.quantities[29]]))
      .toEqual([['urban', 2, 15, 7], ['rural', 1, 15, 15]]);
    expect(plan.shortfall).toBe(1);
  });
});

describe('per-customer cap (投放上限)', () => {
  // A steep profile: D30 weighs 4, D29 2, D28 and below 1 (Σ n·w = 19 for 2, 3, 5 customers).
  const steep = tiers({ 30: 4, 29: 2 }).map((w) => Math.max(w, 1));

  it('clamps the target at the cap and finds the best total the cap allows', () => {
    // Uncapped, 76 = 2·16 + 3·8 + 5·4 exactly.
    expect(at(solveTierVector({ availability: 76, customers: small, weights: steep }).quantities, 30, 29, 28))
      .toEqual({ 30: 16, 29: 8, 28: 4 });
    // Cap 8: 2·q30 + 3·q29 is at most 40 and at least 40 once D28 = 8, so 76 − 5·q28 fits for no
    // D28 (8 → 36, 7 → 41, less → more); 75 = (8, 8, 7) is the best. The profile scaled to 75
    // clamps D30 and D29 at 8 and leaves D28 (75 − 16 − 24) / 5 = 7.
    const s = solveTierVector({ availability: 76, customers: small, weights: steep, cap: 8 });
    expect(s).toMatchObject({ total: 75, shortfall: 1, deviation: 0 });
    expect(at(s.quantities, 30, 29, 28)).toEqual({ 30: 8, 29: 8, 28: 7 });
    expect(s.target.slice(27)).toEqual([7, 8, 8]);
  });

  it('gives everyone the cap when the availability covers it', () => {
    const plan = allocateProduct({ availability: 100, customers: small, strategy: { cap: 8 } });
    expect(at(plan.vectors[0]!.quantities, 30, 29, 28)).toEqual({ 30: 8, 29: 8, 28: 8 });
    expect(plan).toMatchObject({ total: 80, shortfall: 20 });
  });

  it('a price class may bring its own cap', () => {
    const strategy: AllocationStrategy = { cap: 100, priceClasses: { 2: { cap: 3 } } };
    const plan = allocateProduct({ availability: 100, customers: small, strategy, priceClass: 2 });
    expect(plan.total).toBe(30);
  });
});

describe('infeasible or malformed input', () => {
  const base: ProductAllocationInput = { availability: 100, customers: small, strategy: byTier };
  const cases: [string, Partial<ProductAllocationInput>, RegExp][] = [
    ['a negative availability', { availability: -1 }, /^availability: must be an integer ≥ 0/],
    ['a fractional availability', { availability: 10.5 }, /^availability: must be an integer/],
    ['a fractional customer count', { customers: tiers({ 30: 1.5 }) }, /^customers\[D30\]: must be an integer/],
    ['a negative customer count', { customers: tiers({ 3: -2 }) }, /^customers\[D3\]: must be an integer ≥ 0/],
    ['a vector of the wrong length', { customers: [1, 2, 3] }, /^customers: must have 30 entries/],
    ['fixed quantities above the availability', { availability: 10, fixed: [{ customerId: 'a', tier: 30, quantity: 11 }] },
      /^fixed: fixed quantities \(11\) exceed the availability \(10\)/],
    ['a negative fixed quantity', { fixed: [{ customerId: 'a', tier: 30, quantity: -1 }] }, /^fixed\[0\]\.quantity: must be an integer ≥ 0/],
    ['a fixed quantity above the cap', { strategy: { cap: 5 }, fixed: [{ customerId: 'a', tier: 30, quantity: 6 }] },
      /^fixed\[0\]\.quantity: 6 is above the cap of 5/],
    ['a customer named twice', { fixed: [{ customerId: 'a', tier: 30, quantity: 1 }, { customerId: 'a', tier: 29, quantity: 1 }] },
      /names a customer twice/],
    ['more named customers than the tier has', { fixed: [{ customerId: 'a', tier: 1, quantity: 1 }] }, /more named customers in D1 than customers/],
    ['a profile that grows down the tiers', { strategy: { profile: [2, ...new Array<number>(29).fill(1)] } }, /D1 weighs more than D2/],
    ['a price-class strategy without the class', { strategy: { priceClasses: { 1: { minTier: 20 } } } }, /^priceClass: .*needs its class/],
    ['a market split without counts per market', { strategy: { market: { by: 'demand' } } }, /count customers per market type/],
    ['a negative cap', { strategy: { cap: -3 } }, /^strategy\.cap: must be an integer ≥ 0/],
  ];
  it.each(cases)('refuses %s with a named error', (_, change, message) => {
    const run = () => allocateProduct({ ...base, ...change });
    expect(run).toThrow(AllocationInputError);
    expect(run).toThrow(message);
  });

  it('refuses to draft a customer whose tier or market the plan does not have', () => {
    const plan = allocateProduct({ ...base, customers: { urban: small, rural: small }, strategy: { market: { by: 'demand' } } });
    expect(() => customerQuantities(plan, [{ id: 'x', tier: 31, market: 'urban' }])).toThrow(/^customers\[0\]\.tier: must be an integer in 1…30/);
    expect(() => customerQuantities(plan, [{ id: 'x', tier: 30 }])).toThrow(/^customers\[0\]\.market: the product is split by market type/);
  });

  it('names the market a named customer must come from when counts are per market', () => {
    const run = () => allocateProduct({
      availability: 10, customers: { urban: small, rural: small }, strategy: byTier,
      fixed: [{ customerId: 'a', tier: 30, quantity: 1 }],
    });
    expect(run).toThrow(/^fixed\[0\]\.market: customers are counted per market type/);
  });

  it('refuses a search beyond its memory limits with a named error instead of exhausting the machine', () => {
    // A cap that binds over 200 million totals: the capped table would need 200 M cells.
    const run = () => solveTierVector({ availability: 200_000_000, customers: tiers({ 30: 1, 29: 1 }), weights: linearProfile(), cap: 150_000_000 });
    expect(run).toThrow(AllocationTooLargeError);
    expect(run).toThrow(/totals under a cap needs 200000001 steps or cells, the limit is 67108864/);
  });
});
