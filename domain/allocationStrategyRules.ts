/**
 * A product's 投放策略 as the dept head chooses it for one month (issue 18), and how it becomes the
 * engine's input. The draft (activities/allocationPlans.ts) and the preview (the API) both call
 * {@link draftProductStrategy}, so what the preview shows is what the draft stores.
 * Pure: no I/O, no clock, no randomness.
 */
import { allocateProduct, type FixedAllocation, type ProductAllocation } from './allocationEngine.js';
import {
  geometricProfile, linearProfile, MARKET_TYPES, standardPriceClassRules, TIER_COUNT,
  type AllocationStrategy, type MarketType, type PriceClass, type PriceClassRule,
} from './allocationStrategies.js';

export const STRATEGY_METHODS = ['tier', 'tier-market', 'price-class'] as const;
/** 按档位 | 按档位 × 市场类型 (城网/农网) | 按价类规则. */
export type StrategyMethod = (typeof STRATEGY_METHODS)[number];

export const PROFILE_KINDS = ['linear', 'geometric', 'custom'] as const;
/** The shape of the per-tier quantities: D`t` weighs `t`; each tier `ratio` × the one below; or one weight per tier. */
export type ProfileChoice =
  | { kind: 'linear' }
  | { kind: 'geometric'; ratio: number }
  /** 30 weights, D1 first, non-increasing from D30 down. */
  | { kind: 'custom'; weights: number[] };

/** 选点定量: one named customer and their fixed cartons. */
export interface FixedQuantity {
  customerId: number;
  quantity: number;
}

/** One product's strategy for one month. */
export interface ProductStrategy {
  method: StrategyMethod;
  profile: ProfileChoice;
  /** The lowest tier served (1–30): every tier below gets nothing. */
  minTier: number;
  /** 投放上限 per customer (cartons); null: the cycle's cap (if any). */
  cap: number | null;
  /** `tier-market`: a rural (农网) customer gets this percentage of what an urban (城网) customer of the same tier gets (0–200). */
  ruralShare: number;
  /** 选点定量: named customers with fixed cartons, taken off the availability first. */
  fixed: FixedQuantity[];
  /** Only the named customers get the product (new or scarce products): nothing is allocated by tier. */
  fixedOnly: boolean;
}

export const RURAL_SHARE_MAX = 200;
/** A geometric ratio above this makes D30 weigh more than 10^40 × D1: a typo. */
export const GEOMETRIC_RATIO_MAX = 25;
export const FIXED_MAX = 5000;

/**
 * The rules the `price-class` method follows: per 价类, the lowest tier served and the profile.
 * A constant for now; the admin settings page may overlay it.
 */
export const PRICE_CLASS_RULES: Readonly<Record<PriceClass, PriceClassRule>> = standardPriceClassRules();

/**
 * What a product of each price class starts from when neither this month nor the last has a
 * strategy for it: dearer classes go only to higher tiers, with steeper shapes; 五类 to everyone alike.
 */
const DEFAULTS: Readonly<Record<PriceClass, Pick<ProductStrategy, 'method' | 'profile' | 'minTier'>>> = {
  1: { method: 'tier', profile: { kind: 'geometric', ratio: 1.12 }, minTier: 16 },
  2: { method: 'tier', profile: { kind: 'geometric', ratio: 1.08 }, minTier: 11 },
  3: { method: 'tier', profile: { kind: 'linear' }, minTier: 6 },
  4: { method: 'tier', profile: { kind: 'linear' }, minTier: 1 },
  5: { method: 'tier', profile: { kind: 'geometric', ratio: 1 }, minTier: 1 },
};

/**
 * The default strategy of a price class (1–5; anything else: 四类's). A fresh object each call, so a
 * caller (the admin settings overlay) may change it.
 */
export function defaultStrategy(priceClass: number): ProductStrategy {
  const base = DEFAULTS[(priceClass >= 1 && priceClass <= 5 ? priceClass : 4) as PriceClass];
  return { ...base, profile: { ...base.profile }, cap: null, ruralShare: 100, fixed: [], fixedOnly: false };
}

/** A problem with a strategy: where (a JSON pointer into the strategy), a message key and its params. */
export interface StrategyIssue {
  path: string;
  key: 'strategyRatio' | 'strategyWeightsLength' | 'strategyWeightsOrder' | 'strategyWeightsZero' | 'strategyFixedTwice'
    | 'strategyFixedUnknown' | 'strategyFixedAboveCap' | 'strategyFixedOverAvailability' | 'strategyFixedOnlyEmpty';
  params?: Record<string, string | number>;
}

/** The profile's 30 weights, D1 first (unchecked: see {@link strategyIssues}). */
export function profileWeights(profile: ProfileChoice): number[] {
  if (profile.kind === 'geometric') return geometricProfile(profile.ratio);
  if (profile.kind === 'custom') return [...profile.weights];
  return linearProfile();
}

/** The cap a strategy allocates under: its own, else the cycle's. */
export function effectiveCap(strategy: ProductStrategy, cycleCap: number | null): number | null {
  return strategy.cap ?? cycleCap;
}

/**
 * Everything wrong with `strategy` for a product with `availability` cartons, each at its path:
 * a geometric ratio below 1 (the profile would grow down the tiers), custom weights that are not 30,
 * grow down the tiers or are all 0, a named customer twice or unknown (`known`), a fixed quantity
 * above the cap, fixed quantities above the availability. Shapes and ranges are the body schema's.
 */
export function strategyIssues(strategy: ProductStrategy, availability: number, cycleCap: number | null, known?: ReadonlySet<number>): StrategyIssue[] {
  const issues: StrategyIssue[] = [];
  const profile = strategy.profile;
  if (profile.kind === 'geometric' && !(profile.ratio >= 1 && profile.ratio <= GEOMETRIC_RATIO_MAX)) {
    issues.push({ path: '/profile/ratio', key: 'strategyRatio', params: { max: GEOMETRIC_RATIO_MAX } });
  }
  if (profile.kind === 'custom') {
    const w = profile.weights;
    if (w.length !== TIER_COUNT) issues.push({ path: '/profile/weights', key: 'strategyWeightsLength', params: { count: TIER_COUNT, given: w.length } });
    else {
      const grows = w.findIndex((x, i) => i < TIER_COUNT - 1 && x > w[i + 1]!);
      if (grows >= 0) issues.push({ path: `/profile/weights/${grows}`, key: 'strategyWeightsOrder', params: { tier: grows + 1, above: grows + 2 } });
      else if (w[TIER_COUNT - 1] === 0) issues.push({ path: '/profile/weights', key: 'strategyWeightsZero' });
    }
  }
  const cap = effectiveCap(strategy, cycleCap);
  const seen = new Map<number, number>();
  let sum = 0;
  strategy.fixed.forEach((f, i) => {
    if (seen.has(f.customerId)) issues.push({ path: `/fixed/${i}/customerId`, key: 'strategyFixedTwice', params: { row: seen.get(f.customerId)! + 1 } });
    else seen.set(f.customerId, i);
    if (known && !known.has(f.customerId)) issues.push({ path: `/fixed/${i}/customerId`, key: 'strategyFixedUnknown' });
    if (cap !== null && f.quantity > cap) issues.push({ path: `/fixed/${i}/quantity`, key: 'strategyFixedAboveCap', params: { cap } });
    sum += f.quantity;
  });
  if (sum > availability) issues.push({ path: '/fixed', key: 'strategyFixedOverAvailability', params: { sum, availability } });
  if (strategy.fixedOnly && strategy.fixed.length === 0) issues.push({ path: '/fixed', key: 'strategyFixedOnlyEmpty' });
  return issues;
}

/** A customer as a month counts them. */
export interface MonthCustomer {
  tier: number;
  marketType: MarketType;
}

/** Everything one product's draft needs besides the strategy. */
export interface StrategyDraftInput {
  availability: number;
  priceClass: number;
  /** Customers per tier and market this month (named customers included). */
  counts: Readonly<Record<MarketType, readonly number[]>>;
  /** The named customers' tier and market this month, by customer id. */
  named: ReadonlyMap<number, MonthCustomer>;
  /** The cycle's cap (null: none). */
  cycleCap: number | null;
}

/** The engine's strategy for one product, as {@link draftProductStrategy} hands it over. */
export function engineStrategy(strategy: ProductStrategy, input: Pick<StrategyDraftInput, 'counts' | 'priceClass' | 'cycleCap'>): AllocationStrategy {
  const cap = effectiveCap(strategy, input.cycleCap);
  const zeroBelow = (weights: number[], minTier: number) => weights.map((w, i) => (i + 1 < minTier ? 0 : w));
  const profile = zeroBelow(profileWeights(strategy.profile), strategy.minTier);
  const engine: AllocationStrategy = { profile, ...(cap === null ? {} : { cap }) };
  if (strategy.method === 'price-class') {
    const pc = input.priceClass as PriceClass;
    const rule = PRICE_CLASS_RULES[pc] ?? {};
    const minTier = Math.max(rule.minTier ?? 1, strategy.minTier);
    engine.priceClasses = { [pc]: { ...rule, minTier, ...(rule.profile ? { profile: zeroBelow([...rule.profile], minTier) } : {}) } };
  }
  if (strategy.method === 'tier-market') {
    // Each market's part in proportion to its demand, the rural one scaled by the share: a rural
    // customer ends up with about `ruralShare` % of an urban one's quantity in the same tier.
    const demand = (m: MarketType) => input.counts[m].reduce((s, n, t) => s + n * profile[t]!, 0);
    const shares = { urban: demand('urban'), rural: (demand('rural') * strategy.ruralShare) / 100 };
    engine.market = shares.urban + shares.rural > 0 ? { by: 'share', shares } : { by: 'demand' };
  }
  return engine;
}

/**
 * Drafts one product under its strategy: the engine ({@link allocateProduct}) with the profile cut
 * below the lowest tier, the price class's rule, the market split, the cap and the named customers.
 * With `fixedOnly` only the named customers receive; the shortfall is what they leave.
 *
 * @throws AllocationInputError when the engine refuses the input (check {@link strategyIssues} first).
 */
export function draftProductStrategy(strategy: ProductStrategy, input: StrategyDraftInput): ProductAllocation {
  const split = strategy.method === 'tier-market';
  const fixed: FixedAllocation[] = strategy.fixed.map((f) => {
    const c = input.named.get(f.customerId);
    return { customerId: String(f.customerId), tier: c?.tier ?? 0, market: c?.marketType, quantity: f.quantity };
  });
  const customers = split ? input.counts : MARKET_TYPES.map((m) => input.counts[m]).reduce((a, b) => a.map((n, t) => n + b[t]!));
  const fixedTotal = fixed.reduce((s, f) => s + f.quantity, 0);
  const availability = strategy.fixedOnly ? Math.min(fixedTotal, input.availability) : input.availability;
  const allocation = allocateProduct({
    availability, customers, strategy: engineStrategy(strategy, input), priceClass: input.priceClass as PriceClass, fixed,
  });
  if (!strategy.fixedOnly) return allocation;
  return { ...allocation, availability: input.availability, shortfall: input.availability - allocation.total };
}

/** Customers who get something of the product: the populated tiers with a quantity, and the named customers above 0. */
export function customersServed(allocation: ProductAllocation): number {
  const byTier = allocation.vectors.reduce((s, v) => s + v.customers.reduce((n, c, t) => n + (v.quantities[t]! > 0 ? c : 0), 0), 0);
  return byTier + allocation.fixed.filter((f) => f.quantity > 0).length;
}

/** A one-line description of a strategy (for exports and the overview), in zh-CN or English. */
export function describeStrategy(strategy: ProductStrategy, locale: 'zh-CN' | 'en'): string {
  const zh = locale === 'zh-CN';
  const method = { tier: zh ? '按档位' : 'by tier', 'tier-market': zh ? `按档位×市场（农网 ${strategy.ruralShare}%）` : `tier × market (rural ${strategy.ruralShare}%)`,
    'price-class': zh ? '按价类规则' : 'price-class rules' }[strategy.method];
  const p = strategy.profile;
  const profile = p.kind === 'linear' ? (zh ? '线性' : 'linear') : p.kind === 'geometric' ? (zh ? `等比 ${p.ratio}` : `geometric ${p.ratio}`) : (zh ? '自定义权重' : 'custom weights');
  const parts = [method, profile, zh ? `D${strategy.minTier} 起` : `from D${strategy.minTier}`];
  if (strategy.cap !== null) parts.push(zh ? `上限 ${strategy.cap} 条` : `cap ${strategy.cap}`);
  if (strategy.fixed.length) parts.push(zh ? `选点 ${strategy.fixed.length} 户${strategy.fixedOnly ? '（仅选点）' : ''}` : `${strategy.fixed.length} named${strategy.fixedOnly ? ' only' : ''}`);
  return parts.join(zh ? '，' : ', ');
}
