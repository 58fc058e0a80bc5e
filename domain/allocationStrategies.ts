/**
 * What a monthly allocation strategy (投放策略) says, apart from the solver that follows it: tier
 * profiles, market split, price-class rules and the cap, and how they combine for one product.
 * Pure: no I/O, no clock, no randomness.
 */

/** Tiers are D1 … D30; D30 is the highest. */
export const TIER_COUNT = 30;

/**
 * One number per tier, 30 of them: index `t - 1` holds tier D`t` (index 0 is D1, index 29 is D30).
 * Used for customer counts, profile weights and quantities alike.
 */
export type TierVector = readonly number[];

/** 城网 / 农网, spelled as in the customer table. */
export type MarketType = 'urban' | 'rural';
/** The market types in the order every split and every tie uses. */
export const MARKET_TYPES: readonly MarketType[] = ['urban', 'rural'];

/** 一类 … 五类 (1 is the dearest). */
export type PriceClass = 1 | 2 | 3 | 4 | 5;

/**
 * Relative weight per tier: the shape the plan should have. Weights are finite and ≥ 0 and may not
 * grow from a tier to the one below it (D30 ≥ D29 ≥ … ≥ D1). A weight of 0 means the tier gets
 * nothing; such tiers are necessarily the lowest ones.
 */
export type TierProfile = TierVector;

/** How the availability is split between 城网 and 农网 before each part is allocated by tier. */
export type MarketSplit =
  /** Fixed shares, any non-negative numbers (e.g. `{ urban: 60, rural: 40 }`). */
  | { by: 'share'; shares: Readonly<Record<MarketType, number>> }
  /** In proportion to each market's demand: Σ customers × profile weight over its tiers. */
  | { by: 'demand' };

/** What a price class changes for products of that class. */
export interface PriceClassRule {
  /** Lowest tier that may receive the product at all; every tier below gets 0. */
  minTier?: number;
  /** The class's own profile, instead of the strategy's. */
  profile?: TierProfile;
  /** The class's own cap, instead of the strategy's. */
  cap?: number;
}

/**
 * One allocation strategy. The parts combine: by tier always; `market` makes it tier × market;
 * `priceClasses` makes the rule depend on the product's class; `cap` is 投放上限. 选点定量 (named
 * customers with fixed quantities) comes with each product's input, not with the strategy.
 */
export interface AllocationStrategy {
  /** Default: {@link linearProfile} (D`t` weighs `t`). */
  profile?: TierProfile;
  /** Per-customer cap in cartons: no tier quantity exceeds it. */
  cap?: number;
  market?: MarketSplit;
  /** Rules per price class; a product of a class without a rule follows the strategy's defaults. */
  priceClasses?: Readonly<Partial<Record<PriceClass, PriceClassRule>>>;
}

/** The rule one tier vector is solved under, once the strategy met the product. */
export interface TierRule {
  /** Profile weights with every tier below the class's minimum set to 0. */
  weights: number[];
  cap: number | undefined;
}

/** What was wrong with an allocation input; nothing is allocated. */
export class AllocationInputError extends Error {
  override readonly name = 'AllocationInputError';
  constructor(readonly field: string, message: string, readonly value?: unknown) {
    super(`${field}: ${message}`);
  }
}

/** D`t` weighs `t`: each tier one step above the one below. */
export function linearProfile(): number[] {
  return Array.from({ length: TIER_COUNT }, (_, i) => i + 1);
}

/** Every tier weighs the same. */
export function flatProfile(): number[] {
  return new Array<number>(TIER_COUNT).fill(1);
}

/** Each tier weighs `ratio` times the one below it (D1 weighs 1); `ratio` ≥ 1. */
export function geometricProfile(ratio: number): number[] {
  if (!Number.isFinite(ratio) || ratio < 1) throw new AllocationInputError('profile', 'a geometric ratio must be a finite number ≥ 1', ratio);
  return Array.from({ length: TIER_COUNT }, (_, i) => ratio ** i);
}

/**
 * A price-class table as many companies use it: dearer classes go only to higher tiers, with
 * steeper shapes; 五类 goes to everyone. A starting point an admin edits, not a rule.
 */
export function standardPriceClassRules(): Record<PriceClass, PriceClassRule> {
  return {
    1: { minTier: 16, profile: geometricProfile(1.12) },
    2: { minTier: 11, profile: geometricProfile(1.08) },
    3: { minTier: 6 },
    4: { minTier: 1 },
    5: { minTier: 1, profile: flatProfile() },
  };
}

/** Checks that `value` is an integer in [min, max]; `field` names it in the error. */
export function requireInteger(field: string, value: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in ${min}…${max}`;
    throw new AllocationInputError(field, `must be an integer ${range}`, value);
  }
  return value;
}

/** Checks a 30-tier vector of integers ≥ 0 (customer counts). */
export function requireTierCounts(field: string, counts: unknown): number[] {
  if (!Array.isArray(counts) || counts.length !== TIER_COUNT) {
    throw new AllocationInputError(field, `must have ${TIER_COUNT} entries, D1 first`, counts);
  }
  return counts.map((n: unknown, i) => requireInteger(`${field}[D${i + 1}]`, n));
}

/** Checks a profile: 30 finite weights ≥ 0, non-increasing from D30 down to D1. */
export function requireProfile(field: string, profile: unknown): number[] {
  if (!Array.isArray(profile) || profile.length !== TIER_COUNT) {
    throw new AllocationInputError(field, `must have ${TIER_COUNT} weights, D1 first`, profile);
  }
  const weights = profile.map((w: unknown, i) => {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new AllocationInputError(`${field}[D${i + 1}]`, 'must be a finite number ≥ 0', w);
    }
    return w;
  });
  for (let t = 1; t < TIER_COUNT; t++) {
    if (weights[t - 1]! > weights[t]!) {
      throw new AllocationInputError(field, `D${t} weighs more than D${t + 1}: a profile may not grow down the tiers`, profile);
    }
  }
  if (weights[TIER_COUNT - 1] === 0) throw new AllocationInputError(field, 'gives no tier any weight', profile);
  return weights;
}

function requireCap(field: string, cap: unknown): number | undefined {
  return cap === undefined ? undefined : requireInteger(field, cap);
}

/** Checks the strategy's own fields (not the product's). */
export function validateStrategy(strategy: AllocationStrategy): void {
  if (strategy.profile !== undefined) requireProfile('strategy.profile', strategy.profile);
  requireCap('strategy.cap', strategy.cap);
  const market = strategy.market;
  if (market !== undefined) {
    if (market.by === 'share') {
      for (const m of MARKET_TYPES) {
        const share = market.shares[m];
        if (typeof share !== 'number' || !Number.isFinite(share) || share < 0) {
          throw new AllocationInputError(`strategy.market.shares.${m}`, 'must be a finite number ≥ 0', share);
        }
      }
      if (MARKET_TYPES.every((m) => market.shares[m] === 0)) {
        throw new AllocationInputError('strategy.market.shares', 'at least one share must be above 0', market.shares);
      }
    } else if (market.by !== 'demand') {
      throw new AllocationInputError('strategy.market.by', "must be 'share' or 'demand'", (market as { by: unknown }).by);
    }
  }
  for (const [key, rule] of Object.entries(strategy.priceClasses ?? {})) {
    const field = `strategy.priceClasses.${key}`;
    requireInteger(`${field} (class)`, Number(key), 1, 5);
    if (rule.minTier !== undefined) requireInteger(`${field}.minTier`, rule.minTier, 1, TIER_COUNT);
    if (rule.profile !== undefined) requireProfile(`${field}.profile`, rule.profile);
    requireCap(`${field}.cap`, rule.cap);
  }
}

/**
 * The rule a product of `priceClass` is allocated under: the class's profile (else the strategy's,
 * else linear) with tiers below the class's `minTier` weighing 0, and the class's cap (else the
 * strategy's). A strategy with price-class rules needs the product's class.
 */
export function resolveTierRule(strategy: AllocationStrategy, priceClass?: PriceClass): TierRule {
  let rule: PriceClassRule = {};
  if (strategy.priceClasses !== undefined) {
    if (priceClass === undefined) throw new AllocationInputError('priceClass', 'the strategy has price-class rules: the product needs its class');
    requireInteger('priceClass', priceClass, 1, 5);
    rule = strategy.priceClasses[priceClass] ?? {};
  }
  const weights = requireProfile('profile', rule.profile ?? strategy.profile ?? linearProfile());
  const minTier = rule.minTier ?? 1;
  for (let t = 1; t < minTier; t++) weights[t - 1] = 0;
  return { weights, cap: rule.cap ?? strategy.cap };
}

/**
 * Splits `availability` cartons between the markets in proportion to `weights` by largest
 * remainder: each market gets the whole part of its quota, and the cartons left go one each to the
 * largest fractional parts (ties in {@link MARKET_TYPES} order). All-zero weights split evenly.
 */
export function splitAvailability(availability: number, weights: Readonly<Record<MarketType, number>>): Record<MarketType, number> {
  const sum = MARKET_TYPES.reduce((s, m) => s + weights[m], 0);
  const quota = (m: MarketType) => (sum > 0 ? (availability * weights[m]) / sum : availability / MARKET_TYPES.length);
  // The tolerance keeps 0.6 × 100 = 60.000000000000007 from turning into 59 + a remainder.
  const parts = MARKET_TYPES.map((m) => ({ m, whole: Math.floor(quota(m) + 1e-9) }));
  for (const p of parts) p.whole = Math.min(p.whole, availability);
  let left = availability - parts.reduce((s, p) => s + p.whole, 0);
  const byRemainder = [...parts].sort((a, b) => (quota(b.m) - b.whole) - (quota(a.m) - a.whole));
  for (const p of byRemainder) {
    if (left <= 0) break;
    p.whole += 1;
    left -= 1;
  }
  return Object.fromEntries(parts.map((p) => [p.m, p.whole])) as Record<MarketType, number>;
}
