import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateProduct, customerQuantities, solveTierVector, type DraftCustomer, type TierSolution } from '../../domain/allocationEngine.js';
import {
  flatProfile, geometricProfile, linearProfile, MARKET_TYPES, TIER_COUNT, type MarketType,
} from '../../domain/allocationStrategies.js';

const EPS = 1e-7;

/** A profile: a preset or random non-negative steps summed from D1 up, with tiers below `minTier` at 0. */
const profileArb = fc.tuple(
  fc.oneof(
    fc.constant(linearProfile()),
    fc.constant(flatProfile()),
    fc.double({ min: 1, max: 1.3, noNaN: true }).map(geometricProfile),
    fc.array(fc.integer({ min: 0, max: 5 }), { minLength: TIER_COUNT, maxLength: TIER_COUNT })
      .map((steps) => steps.map((_, t) => 1 + steps.slice(0, t + 1).reduce((a, b) => a + b, 0))),
  ),
  fc.integer({ min: 1, max: TIER_COUNT }),
).map(([profile, minTier]) => profile.map((w, t) => (t + 1 < minTier ? 0 : w)));

/** Realistic sizes: many tiers, hundreds to thousands of customers each, some tiers empty. */
const largeProblemArb = fc.record({
  customers: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2000 })), { minLength: TIER_COUNT, maxLength: TIER_COUNT }),
  weights: profileArb,
  availability: fc.integer({ min: 0, max: 300_000 }),
  cap: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
});

/** Tiny problems brute force can enumerate: up to five populated tiers anywhere in D1…D30. */
const smallProblemArb = fc.record({
  populated: fc.uniqueArray(fc.integer({ min: 0, max: TIER_COUNT - 1 }), { minLength: 1, maxLength: 5 }),
  counts: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 5, maxLength: 5 }),
  weights: profileArb,
  availability: fc.integer({ min: 0, max: 70 }),
  cap: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
}).map(({ populated, counts, ...rest }) => {
  const customers = new Array<number>(TIER_COUNT).fill(0);
  populated.forEach((t, i) => { customers[t] = counts[i]!; });
  return { customers, ...rest };
});

interface Problem {
  customers: number[];
  weights: number[];
  availability: number;
  cap: number | undefined;
}

const totalOf = (q: readonly number[], customers: readonly number[]) => q.reduce((s, v, t) => s + v * customers[t]!, 0);

/**
 * The engine's contract written out plainly, by enumeration: every non-increasing vector over the
 * populated tiers of positive weight; the largest total within availability; the profile scaled to
 * it by bisection; the smallest deviation; then, from the top tier down, nearest the target, the
 * larger on a tie.
 */
function bruteForce({ customers, weights, availability, cap }: Problem) {
  const tiers = customers.map((_, t) => t).filter((t) => customers[t]! > 0 && weights[t]! > 0);
  const n = tiers.map((t) => customers[t]!);
  const m = tiers.length;
  const vectors: number[][] = [];
  const walk = (k: number, upper: number, q: number[], total: number) => {
    if (k < 0) return void vectors.push([...q]);
    for (let v = 0; v <= upper && total + v * n[k]! <= availability; v++) {
      q[k] = v;
      walk(k - 1, v, q, total + v * n[k]!);
    }
  };
  walk(m - 1, cap ?? availability, new Array<number>(m).fill(0), 0);
  const sum = (q: number[]) => q.reduce((s, v, k) => s + v * n[k]!, 0);
  const best = vectors.reduce((b, q) => Math.max(b, sum(q)), 0);
  const scaled = (lambda: number) => n.reduce((s, c, k) => s + c * Math.min(cap ?? Infinity, lambda * weights[tiers[k]!]!), 0);
  let [lo, hi] = [0, 1];
  while (scaled(hi) < best) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (scaled(mid) < best) lo = mid;
    else hi = mid;
  }
  const r = tiers.map((t) => (best === 0 ? 0 : Math.min(cap ?? Infinity, hi * weights[t]!)));
  const deviation = (q: number[]) =>
    Math.max(0, ...q.map((v, k) => Math.max(Math.floor(r[k]! + EPS) - v, v - Math.ceil(r[k]! - EPS))));
  const exact = vectors.filter((q) => sum(q) === best);
  const least = Math.min(...exact.map(deviation));
  const preferred = (a: number[], b: number[]) => {
    for (let k = m - 1; k >= 0; k--) {
      if (a[k] === b[k]) continue;
      const [da, db] = [Math.abs(a[k]! - r[k]!), Math.abs(b[k]! - r[k]!)];
      return da < db - EPS || (da <= db + EPS && a[k]! > b[k]!);
    }
    return false;
  };
  const pick = exact.filter((q) => deviation(q) === least).reduce((p, q) => (preferred(q, p) ? q : p));
  return { total: best, deviation: least, tiers, pick, candidates: exact.length };
}

/** The invariants every solved vector keeps. */
function expectInvariants(s: TierSolution, { customers, weights, availability, cap }: Problem): void {
  const q = s.quantities;
  expect(q).toHaveLength(TIER_COUNT);
  for (let t = 0; t < TIER_COUNT; t++) {
    expect(Number.isInteger(q[t])).toBe(true);
    expect(q[t]).toBeGreaterThanOrEqual(0);
    if (t > 0) expect(q[t]).toBeGreaterThanOrEqual(q[t - 1]!);
    if (cap !== undefined) expect(q[t]).toBeLessThanOrEqual(cap);
    if (weights[t] === 0) expect(q[t]).toBe(0);
  }
  expect(s.total).toBe(totalOf(q, customers));
  expect(s.total).toBeLessThanOrEqual(availability);
  expect(s.shortfall).toBe(availability - s.total);
  // Tiers without customers copy the nearest populated tier below (0 if none).
  for (let t = 0, below = 0; t < TIER_COUNT; t++) {
    if (weights[t] === 0) continue;
    if (customers[t] === 0) expect(q[t]).toBe(below);
    else below = q[t]!;
  }
}

describe('allocation engine properties', () => {
  it('keeps every invariant on realistic sizes: integer, non-increasing, within availability and cap', () => {
    fc.assert(fc.property(largeProblemArb, (p) => expectInvariants(solveTierVector(p), p)), { numRuns: 150 });
  });

  it('leaves less than one more step: no "top-k +1" fits into the shortfall unless the cap stops D30', () => {
    fc.assert(fc.property(largeProblemArb, (p) => {
      const s = solveTierVector(p);
      const top = p.customers.findLastIndex((n, t) => n > 0 && p.weights[t]! > 0);
      const topQ = top < 0 ? 0 : s.quantities[top]!;
      if (top >= 0 && (p.cap === undefined || topQ < p.cap)) expect(s.shortfall).toBeLessThan(p.customers[top]!);
    }), { numRuns: 150 });
  });

  it('is deterministic and leaves its input alone', () => {
    fc.assert(fc.property(largeProblemArb, (p) => {
      const copy = structuredClone(p);
      expect(solveTierVector(p)).toEqual(solveTierVector(copy));
      expect(p).toEqual(copy);
    }), { numRuns: 60 });
  });

  it('matches brute force on small cases: the same smallest shortfall, deviation and vector', () => {
    let ties = 0;
    fc.assert(fc.property(smallProblemArb, (p) => {
      const s = solveTierVector(p);
      const b = bruteForce(p);
      expect(s.total).toBe(b.total);
      expect(s.deviation).toBe(b.deviation);
      expect(b.tiers.map((t) => s.quantities[t])).toEqual(b.pick);
      expectInvariants(s, p);
      if (b.candidates > 1) ties += 1;
    }), { numRuns: 600 });
    // The tie-break was exercised, not just the shortfall.
    expect(ties).toBeGreaterThan(20);
  });
});

/**
 * The usual greedy: passes from D30 down, +1 to each tier that has customers and weight, still
 * fits, and stays within the tier above (or the cap), until a pass changes nothing.
 */
function greedyTopDownFill({ customers, weights, availability, cap }: Problem): number {
  const q = new Array<number>(TIER_COUNT).fill(0);
  let total = 0;
  for (let changed = true; changed;) {
    changed = false;
    for (let t = TIER_COUNT - 1; t >= 0; t--) {
      const room = t === TIER_COUNT - 1 ? (cap ?? Infinity) : q[t + 1]!;
      if (customers[t] === 0 || weights[t] === 0 || q[t]! + 1 > room || total + customers[t]! > availability) continue;
      q[t]! += 1;
      total += customers[t]!;
      changed = true;
    }
  }
  return total;
}

describe('against the greedy top-down +1 fill', () => {
  it('beats it by more than a whole tier of customers where it gets stuck', () => {
    // D30: 10 customers, D29: 3. Greedy: 10, 13, 23, 26, then D30 + 1 = 36 > 30 and D29 may not
    // pass D30: it stops at 26, 4 short, more than D29's 3 customers. Exact: D30 = 3 → 30.
    const customers = new Array<number>(TIER_COUNT).fill(0);
    [customers[29], customers[28]] = [10, 3];
    const p = { customers, weights: linearProfile(), availability: 30, cap: undefined };
    expect(greedyTopDownFill(p)).toBe(26);
    const s = solveTierVector(p);
    expect(s).toMatchObject({ total: 30, shortfall: 0 });
    expect(s.quantities.slice(28)).toEqual([0, 3]);
    // r = (2.25, 2.33) for D29, D30: D29 = 0 is 2 below ⌊2.25⌋, the least any exact vector strays.
    expect(s.deviation).toBe(2);
  });

  it('never leaves more than it', () => {
    fc.assert(fc.property(largeProblemArb, (p) => {
      expect(solveTierVector(p).total).toBeGreaterThanOrEqual(greedyTopDownFill(p));
    }), { numRuns: 100 });
  });
});

describe('product allocation properties', () => {
  const marketCountsArb = fc.record({
    urban: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: TIER_COUNT, maxLength: TIER_COUNT }),
    rural: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: TIER_COUNT, maxLength: TIER_COUNT }),
  });
  const productArb = fc.record({
    counts: marketCountsArb,
    weights: profileArb,
    split: fc.option(fc.oneof(
      fc.constant({ by: 'demand' as const }),
      fc.record({ urban: fc.integer({ min: 0, max: 10 }), rural: fc.integer({ min: 1, max: 10 }) }).map((shares) => ({ by: 'share' as const, shares })),
    ), { nil: undefined }),
    cap: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    named: fc.array(fc.nat(), { maxLength: 12 }),
    extra: fc.integer({ min: 0, max: 20_000 }),
  });

  it('honours fixed quantities, stays within availability, and the customers add up to the total', () => {
    fc.assert(fc.property(productArb, ({ counts, weights, split, cap, named, extra }) => {
      const customers: DraftCustomer[] = [];
      for (const market of MARKET_TYPES) {
        counts[market].forEach((n, t) => {
          for (let i = 0; i < n; i++) customers.push({ id: `${market}-${t + 1}-${i}`, tier: t + 1, market });
        });
      }
      fc.pre(customers.length > 0);
      // Named customers: picked by index, each with a fixed quantity within the cap.
      const picked = [...new Set(named.map((i) => i % customers.length))];
      const fixed = picked.map((i, k) => {
        const c = customers[i]!;
        return { customerId: c.id, tier: c.tier, market: c.market as MarketType, quantity: Math.min(cap ?? Infinity, k % 7) };
      });
      const availability = fixed.reduce((s, f) => s + f.quantity, 0) + extra;
      const plan = allocateProduct({ availability, customers: counts, strategy: { profile: weights, cap, market: split }, fixed });
      const out = customerQuantities(plan, customers);
      for (const f of fixed) expect(out[customers.findIndex((c) => c.id === f.customerId)]).toBe(f.quantity);
      expect(out.reduce((s, v) => s + v, 0)).toBe(plan.total);
      expect(plan.total).toBeLessThanOrEqual(availability);
      expect(plan.shortfall).toBe(availability - plan.total);
      expect(plan.fixedTotal + plan.vectors.reduce((s, v) => s + v.availability, 0)).toBe(availability);
      for (const v of plan.vectors) {
        expectInvariants(v, { customers: v.customers, weights, availability: v.availability, cap });
      }
      if (cap !== undefined) expect(Math.max(...out)).toBeLessThanOrEqual(cap);
      expect(plan.vectors).toHaveLength(split ? 2 : 1);
    }), { numRuns: 120 });
  });
});
