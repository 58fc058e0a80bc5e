import { describe, expect, it } from 'vitest';
import { MARKET_TYPES, TIER_COUNT, type MarketType } from '../../domain/allocationStrategies.js';
import {
  customersServed, defaultStrategy, describeStrategy, draftProductStrategy, strategyIssues, type MonthCustomer, type ProductStrategy,
} from '../../domain/allocationStrategyRules.js';

/** 12 customers per tier, every third rural (the demo month). */
const counts: Record<MarketType, number[]> = { urban: new Array<number>(TIER_COUNT).fill(8), rural: new Array<number>(TIER_COUNT).fill(4) };
const named = new Map<number, MonthCustomer>([[1, { tier: 30, marketType: 'urban' }], [2, { tier: 3, marketType: 'rural' }], [3, { tier: 12, marketType: 'urban' }]]);
const input = (availability: number, priceClass = 3) => ({ availability, priceClass, counts, named, cycleCap: null });
const tier: ProductStrategy = { method: 'tier', profile: { kind: 'linear' }, minTier: 1, cap: null, ruralShare: 100, fixed: [], fixedOnly: false };

describe('投放策略 rules (issue 18)', () => {
  it('defaults per price class: dearer classes from higher tiers with steeper shapes, each call a fresh object', () => {
    expect(defaultStrategy(1)).toMatchObject({ method: 'tier', profile: { kind: 'geometric', ratio: 1.12 }, minTier: 16, cap: null, fixed: [] });
    expect(defaultStrategy(5)).toMatchObject({ profile: { kind: 'geometric', ratio: 1 }, minTier: 1 });
    expect(defaultStrategy(9)).toEqual(defaultStrategy(4));
    const a = defaultStrategy(2);
    a.fixed.push({ customerId: 1, quantity: 1 });
    expect(defaultStrategy(2).fixed).toEqual([]);
  });

  it('finds every problem at its path', () => {
    expect(strategyIssues({ ...tier, profile: { kind: 'geometric', ratio: 0 } }, 100, null).map((i) => i.path)).toEqual(['/profile/ratio']);
    expect(strategyIssues({ ...tier, profile: { kind: 'geometric', ratio: 0.9 } }, 100, null).map((i) => i.path)).toEqual(['/profile/ratio']);
    expect(strategyIssues({ ...tier, profile: { kind: 'custom', weights: [1, 2] } }, 100, null)[0]).toMatchObject({ path: '/profile/weights', params: { given: 2 } });
    expect(strategyIssues({ ...tier, profile: { kind: 'custom', weights: [...new Array(29).fill(1), 0] } }, 100, null)[0]!.path).toBe('/profile/weights/28');
    expect(strategyIssues({ ...tier, profile: { kind: 'custom', weights: new Array(30).fill(0) } }, 100, null)[0]!.key).toBe('strategyWeightsZero');
    const fixed = [{ customerId: 1, quantity: 60 }, { customerId: 1, quantity: 50 }, { customerId: 9, quantity: 1 }];
    expect(strategyIssues({ ...tier, cap: 55, fixed }, 100, null, new Set([1])).map((i) => i.path))
      .toEqual(['/fixed/0/quantity', '/fixed/1/customerId', '/fixed/2/customerId', '/fixed']);
    // The cycle's cap counts when the strategy has none.
    expect(strategyIssues({ ...tier, fixed: [{ customerId: 1, quantity: 6 }] }, 100, 5).map((i) => i.path)).toEqual(['/fixed/0/quantity']);
    expect(strategyIssues({ ...tier, fixedOnly: true }, 100, null).map((i) => i.path)).toEqual(['/fixed']);
  });

  it('by tier from a lowest tier: nothing below it, never above the availability', () => {
    const a = draftProductStrategy({ ...tier, minTier: 10 }, input(3000));
    expect(a.vectors).toHaveLength(1);
    expect(a.vectors[0]!.quantities.slice(0, 9).every((q) => q === 0)).toBe(true);
    expect(a.vectors[0]!.quantities[9]).toBeGreaterThan(0);
    expect(a.total).toBeLessThanOrEqual(3000);
    expect(customersServed(a)).toBe(21 * 12);
  });

  it('tier × market: a rural customer gets about the share of an urban one, per tier never more', () => {
    const a = draftProductStrategy({ ...tier, method: 'tier-market', ruralShare: 50 }, input(9000));
    const [urban, rural] = a.vectors;
    expect(a.vectors.map((v) => v.market)).toEqual([...MARKET_TYPES]);
    for (let t = 0; t < TIER_COUNT; t++) expect(rural!.quantities[t]!).toBeLessThanOrEqual(urban!.quantities[t]!);
    expect(rural!.total / 4 / (urban!.total / 8)).toBeCloseTo(0.5, 1);
  });

  it('选点定量: named customers get exactly their cartons; with "only" nobody else gets any', () => {
    const fixed = [{ customerId: 1, quantity: 9 }, { customerId: 2, quantity: 4 }];
    const only = draftProductStrategy({ ...tier, fixed, fixedOnly: true }, input(500));
    expect(only.total).toBe(13);
    expect(only.shortfall).toBe(487);
    expect(only.vectors[0]!.quantities.every((q) => q === 0)).toBe(true);
    expect(customersServed(only)).toBe(2);
    const withRest = draftProductStrategy({ ...tier, fixed }, input(500));
    expect(withRest.fixedTotal).toBe(13);
    expect(withRest.vectors[0]!.customers[29]).toBe(11);
    expect(withRest.total).toBeLessThanOrEqual(500);
  });

  it('price class with a cap: the class\'s lowest tier, no tier above the cap', () => {
    const a = draftProductStrategy({ ...tier, method: 'price-class', cap: 2 }, input(100_000, 1));
    expect(a.vectors[0]!.quantities.slice(0, 15).every((q) => q === 0)).toBe(true);
    expect(Math.max(...a.vectors[0]!.quantities)).toBe(2);
  });

  it('describes a strategy in both languages', () => {
    expect(describeStrategy({ ...tier, method: 'tier-market', ruralShare: 60, cap: 3, fixed: [{ customerId: 1, quantity: 2 }] }, 'zh-CN'))
      .toBe('按档位×市场（农网 60%），线性，D1 起，上限 3 条，选点 1 户');
    expect(describeStrategy({ ...defaultStrategy(1) }, 'en')).toBe('by tier, geometric 1.12, from D16');
  });
});
