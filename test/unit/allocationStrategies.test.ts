import { describe, expect, it } from 'vitest';
import {
  AllocationInputError, flatProfile, geometricProfile, linearProfile, resolveTierRule, splitAvailability,
  standardPriceClassRules, validateStrategy, type PriceClass,
} from '../../domain/allocationStrategies.js';

describe('market split', () => {
  it('gives each market the whole part of its quota and the odd carton to the larger remainder', () => {
    expect(splitAvailability(10, { urban: 2, rural: 1 })).toEqual({ urban: 7, rural: 3 }); // 6.67 / 3.33
    expect(splitAvailability(10, { urban: 1, rural: 2 })).toEqual({ urban: 3, rural: 7 });
  });

  it('breaks an even remainder in market order (城网 first)', () => {
    expect(splitAvailability(5, { urban: 1, rural: 1 })).toEqual({ urban: 3, rural: 2 });
  });

  it('is not thrown off by decimal shares', () => {
    // 0.6 × 100 is 60.00000000000001 in floating point, 0.7 × 10 is 7.000000000000001.
    expect(splitAvailability(100, { urban: 0.6, rural: 0.4 })).toEqual({ urban: 60, rural: 40 });
    expect(splitAvailability(10, { urban: 0.7, rural: 0.3 })).toEqual({ urban: 7, rural: 3 });
  });

  it('gives everything to the only market with weight, and splits evenly when neither has any', () => {
    expect(splitAvailability(9, { urban: 0, rural: 4 })).toEqual({ urban: 0, rural: 9 });
    expect(splitAvailability(9, { urban: 0, rural: 0 })).toEqual({ urban: 5, rural: 4 });
  });
});

describe('profiles and price-class rules', () => {
  it('builds the preset profiles D1 first, never growing down the tiers', () => {
    expect(linearProfile().slice(0, 3)).toEqual([1, 2, 3]);
    expect(linearProfile()[29]).toBe(30);
    expect(new Set(flatProfile())).toEqual(new Set([1]));
    const geo = geometricProfile(1.1);
    expect(geo[0]).toBe(1);
    expect(geo[29]).toBeCloseTo(1.1 ** 29, 10);
    expect(() => geometricProfile(0.9)).toThrow(AllocationInputError);
  });

  it("zeroes tiers below the class's minimum and takes the class's profile and cap over the strategy's", () => {
    const strategy = { profile: flatProfile(), cap: 50, priceClasses: { 1: { minTier: 25, profile: linearProfile(), cap: 4 }, 2: { minTier: 3 } } };
    const one = resolveTierRule(strategy, 1);
    expect(one.weights.slice(22, 26)).toEqual([0, 0, 25, 26]);
    expect(one.cap).toBe(4);
    const two = resolveTierRule(strategy, 2);
    expect(two.weights.slice(0, 4)).toEqual([0, 0, 1, 1]);
    expect(two.cap).toBe(50);
    // A class without a rule follows the strategy.
    expect(resolveTierRule(strategy, 4)).toEqual({ weights: flatProfile(), cap: 50 });
  });

  it('defaults to the linear profile and no cap', () => {
    expect(resolveTierRule({})).toEqual({ weights: linearProfile(), cap: undefined });
  });

  it('ships a standard price-class table that validates and narrows the tiers for dearer classes', () => {
    const strategy = { priceClasses: standardPriceClassRules() };
    expect(() => validateStrategy(strategy)).not.toThrow();
    const eligible = (c: PriceClass) => resolveTierRule(strategy, c).weights.filter((w) => w > 0).length;
    expect([1, 2, 3, 4, 5].map((c) => eligible(c as PriceClass))).toEqual([15, 20, 25, 30, 30]);
  });

  it('refuses malformed strategies with the field named', () => {
    expect(() => validateStrategy({ market: { by: 'share', shares: { urban: 0, rural: 0 } } })).toThrow(/strategy\.market\.shares: at least one/);
    expect(() => validateStrategy({ market: { by: 'share', shares: { urban: -1, rural: 1 } } })).toThrow(/strategy\.market\.shares\.urban/);
    expect(() => validateStrategy({ priceClasses: { 3: { minTier: 31 } } })).toThrow(/strategy\.priceClasses\.3\.minTier: must be an integer in 1…30/);
    expect(() => validateStrategy({ profile: new Array<number>(30).fill(0) })).toThrow(/gives no tier any weight/);
    expect(() => validateStrategy({ cap: 2.5 })).toThrow(/strategy\.cap: must be an integer/);
  });
});
