/**
 * The monthly allocation engine (月度货源投放): per product, a quantity per tier D30 … D1 that never
 * grows down the tiers, fits the availability, and leaves the smallest shortfall any such vector
 * can — found exactly, not greedily. Pure: no I/O, no clock, no randomness; the same input always
 * gives the same plan.
 *
 * How (see {@link solveTierVector}): a non-increasing vector is a sum of "top-k tiers +1" steps, so
 * its total is a non-negative integer combination of the suffix customer counts S_k = n_k + … + n_30.
 * The largest reachable total ≤ availability is a coin problem, solved over residues modulo the
 * smallest coin (no cap) or by dynamic programming over totals (cap: at most `cap` coins). Among
 * the vectors with that total, a bitset DP over tiers finds the one closest to the profile.
 */
import {
  AllocationInputError, MARKET_TYPES, requireInteger, requireProfile, requireTierCounts, resolveTierRule,
  splitAvailability, TIER_COUNT, validateStrategy,
  type AllocationStrategy, type MarketType, type PriceClass, type TierVector,
} from './allocationStrategies.js';

/** One tier vector to solve: a market's part of a product, or the whole product. */
export interface TierProblem {
  /** Cartons to allocate, integer ≥ 0. */
  availability: number;
  /** Customers per tier (index `t - 1` is D`t`) who receive by tier. */
  customers: TierVector;
  /** Profile weights (a `TierProfile`, possibly with low tiers zeroed); a tier of weight 0 gets nothing. */
  weights: TierVector;
  /** 投放上限: no tier quantity above it. */
  cap?: number;
}

/** The solved vector of a {@link TierProblem}. */
export interface TierSolution {
  /** Cartons per customer of each tier, index `t - 1` is D`t`; q30 ≥ q29 ≥ … ≥ q1 ≥ 0. */
  quantities: number[];
  /** Σ quantity × customers. */
  total: number;
  /** availability − total: the smallest any allowed vector leaves. */
  shortfall: number;
  /**
   * The profile scaled to `total`: min(cap, λ·weight) per tier with λ such that the populated tiers'
   * targets sum to `total` (0 where the weight is 0). What the tie-break measures against.
   */
  target: number[];
  /**
   * How far the chosen vector strays from the rounded target: the largest, over populated tiers,
   * of the distance from the quantity to [⌊target⌋, ⌈target⌉]. 0 means every tier got its target
   * rounded down or up.
   */
  deviation: number;
}

/** The search would need more memory or time than this engine allows itself; nothing is allocated. */
export class AllocationTooLargeError extends Error {
  override readonly name = 'AllocationTooLargeError';
  constructor(readonly what: string, readonly size: number, readonly limit: number) {
    super(`allocation search too large: ${what} needs ${size} steps or cells, the limit is ${limit}`);
  }
}

/** Cells one table may hold: 64 Mi bitset cells (tie-break) or capped totals; with level arrays ≤ 128 MiB. */
const MAX_BITS = 2 ** 26;
/** Residues (8 bytes each) the uncapped search may tabulate: 128 MiB. */
const MAX_RESIDUES = 2 ** 24;
/**
 * Elementary steps (word operations, table cells) one search may take, a few seconds: a realistic
 * product needs a few million at most; only contrived counts come near, and they fail clearly.
 */
const MAX_WORK = 2 ** 30;
/**
 * Targets are floats (λ·weight); this much slack keeps 2.9999999999999996 a 3 when rounding and
 * comparing, so rounding noise never decides a tie.
 */
const EPS = 1e-7;

function checkSize(what: string, cells: number, limit: number): void {
  if (cells > limit) throw new AllocationTooLargeError(what, cells, limit);
}

function checkWork(what: string, steps: number): void {
  if (steps > MAX_WORK) throw new AllocationTooLargeError(what, steps, MAX_WORK);
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** The populated tiers that may receive (customers > 0 and weight > 0), bottom tier first. */
interface Populated {
  /** Tier index (0 = D1) of each populated tier. */
  index: number[];
  counts: number[];
  weights: number[];
  /** suffix[k] = counts[k] + … + counts[m-1]: the customers a "+1 from here up" step reaches. */
  suffix: number[];
  /** gcd of the counts: every reachable total is a multiple of it. */
  unit: number;
}

function populatedTiers(customers: readonly number[], weights: readonly number[]): Populated {
  const index: number[] = [];
  const counts: number[] = [];
  const w: number[] = [];
  for (let t = 0; t < TIER_COUNT; t++) {
    if (customers[t]! > 0 && weights[t]! > 0) {
      index.push(t);
      counts.push(customers[t]!);
      w.push(weights[t]!);
    }
  }
  const suffix = new Array<number>(counts.length);
  for (let k = counts.length - 1, s = 0; k >= 0; k--) suffix[k] = s += counts[k]!;
  return { index, counts, weights: w, suffix, unit: counts.reduce(gcd, 0) };
}

/**
 * The largest total ≤ `availability` that a non-increasing vector within `cap` reaches, i.e. the
 * largest Σ d_k·S_k ≤ availability with d_k ≥ 0 integers (and Σ d_k ≤ cap: q30 is the number of
 * steps).
 */
function bestReachableTotal(tiers: Populated, availability: number, cap: number | undefined): number {
  const { suffix, unit } = tiers;
  const everyone = suffix[0]!;
  const top = suffix[suffix.length - 1]!;
  if (cap !== undefined && cap * everyone <= availability) return cap * everyone;
  const coins = suffix.map((s) => s / unit);
  const limit = Math.floor(availability / unit);
  // q30 · n30 ≤ total, so a cap at or above ⌊availability / n30⌋ never binds.
  const capBinds = cap !== undefined && cap < Math.floor(availability / top);
  return unit * (capBinds ? bestCappedTotal(coins, limit, cap) : bestUncappedTotal(coins, limit));
}

/**
 * Round-robin shortest paths over residues modulo the smallest coin (Böcker & Lipták 2007):
 * `least[r]` is the smallest reachable total ≡ r; every total ≥ it in that class is reachable too.
 * O(coins × smallest coin) time, independent of the availability.
 */
function bestUncappedTotal(coins: readonly number[], limit: number): number {
  const modulus = coins[coins.length - 1]!;
  checkSize('residues of the top tier\'s customer count', modulus, MAX_RESIDUES);
  checkWork('residues of the top tier\'s customer count', coins.length * modulus);
  const least = new Float64Array(modulus).fill(Infinity);
  least[0] = 0;
  for (let c = coins.length - 2; c >= 0; c--) {
    const coin = coins[c]!;
    const cycles = gcd(modulus, coin);
    const cycleLength = modulus / cycles;
    for (let start = 0; start < cycles; start++) {
      let best = Infinity;
      for (let r = start; r < modulus; r += cycles) best = Math.min(best, least[r]!);
      if (best === Infinity) continue;
      for (let i = 1; i < cycleLength; i++) {
        best += coin;
        const r = best % modulus;
        best = Math.min(best, least[r]!);
        least[r] = best;
      }
    }
  }
  let reach = 0;
  for (let r = 0; r < modulus; r++) {
    if (least[r]! <= limit) reach = Math.max(reach, limit - ((limit - r) % modulus));
  }
  return reach;
}

/** Fewest coins per total, 0 … limit; the best total is the largest needing ≤ cap coins. */
function bestCappedTotal(coins: readonly number[], limit: number, cap: number): number {
  const everyone = coins[0]!;
  const top = Math.min(limit, cap * everyone);
  checkSize('totals under a cap', top + 1, MAX_BITS);
  checkWork('totals under a cap', coins.length * (top + 1));
  // Counts above cap + 1 are all "too many": cap + 1 is the ceiling, so the narrowest array does.
  const fewest = cap < 255 ? new Uint8Array(top + 1) : cap < 65535 ? new Uint16Array(top + 1) : new Uint32Array(top + 1);
  fewest.fill(cap + 1);
  fewest[0] = 0;
  for (const coin of coins) {
    for (let x = coin; x <= top; x++) {
      const via = fewest[x - coin]! + 1;
      if (via < fewest[x]!) fewest[x] = via;
    }
  }
  let x = top;
  while (fewest[x]! > cap) x--;
  return x;
}

/**
 * λ such that Σ counts·min(cap, λ·weight) = total. Weights grow up the tiers, so the cap clamps a
 * top run of tiers; the first run length that leaves λ consistent is the answer.
 */
function profileScale(tiers: Populated, total: number, cap: number | undefined): number {
  const { counts, weights } = tiers;
  if (total === 0) return 0;
  let clampedCustomers = 0;
  let freeDemand = counts.reduce((s, n, k) => s + n * weights[k]!, 0);
  for (let k = counts.length - 1; k >= 0; k--) {
    const lambda = (total - (cap ?? 0) * clampedCustomers) / freeDemand;
    if (cap === undefined || lambda * weights[k]! <= cap) return lambda;
    clampedCustomers += counts[k]!;
    freeDemand -= counts[k]! * weights[k]!;
  }
  // Every tier at the cap: total = cap × customers.
  return cap! / weights[0]!;
}

/** Quantity windows per populated tier for one deviation bound. */
interface Windows {
  low: number[];
  high: number[];
}

/** The tie-break search over one set of windows (see {@link closestVector}). */
interface WindowSearch {
  feasible: boolean;
  /** Offset (in units) the top tier must reach. */
  goal: number;
  /** Lowest offset each tier's bitset holds. */
  base: number[];
  /**
   * Per tier below the top, per offset: 1 + (the smallest quantity − low) with which tiers 0..k reach
   * that offset, 0 where unreachable. Only when recorded.
   */
  first: (Uint8Array | Uint16Array | Uint32Array)[];
}

/** ORs `src` shifted up by `shift` bits (down if negative) into `dst`, noting each new bit's level. */
function orShifted(dst: Uint32Array, dstBits: number, src: Uint32Array, srcBits: number, shift: number,
  first: Uint8Array | Uint16Array | Uint32Array | undefined, level: number): void {
  const from = Math.max(0, shift);
  const to = Math.min(dstBits - 1, srcBits - 1 + shift);
  if (from > to) return;
  const lastWord = (dstBits - 1) >>> 5;
  const lastMask = (dstBits & 31) === 0 ? -1 : (1 << (dstBits & 31)) - 1;
  for (let k = from >>> 5, end = to >>> 5; k <= end; k++) {
    const p = (k << 5) - shift;
    const ws = p >> 5;
    const bs = p & 31;
    // Out-of-range reads are undefined: `?? 0` makes them empty words.
    let word = bs === 0 ? (src[ws] ?? 0) : ((src[ws] ?? 0) >>> bs) | ((src[ws + 1] ?? 0) << (32 - bs));
    if (k === lastWord) word &= lastMask;
    let added = word & ~dst[k]!;
    if (added === 0) continue;
    dst[k] = dst[k]! | added;
    if (!first) continue;
    while (added !== 0) {
      const low = added & -added;
      first[(k << 5) + 31 - Math.clz32(low)] = level;
      added ^= low;
    }
  }
}

function levelArray(size: number, maxLevel: number): Uint8Array | Uint16Array | Uint32Array {
  return maxLevel < 256 ? new Uint8Array(size) : maxLevel < 65536 ? new Uint16Array(size) : new Uint32Array(size);
}

/**
 * Can tiers with quantities in `windows` (non-increasing downward) reach exactly `total`? Offsets
 * count Σ n_k·(q_k − low_k) in units of the counts' gcd. Levels (quantities) are swept upward and,
 * within a level, tiers bottom-up, so tier k's bitset at level v holds every offset reachable with
 * q_k ≤ v: tier k+1 at level v is that bitset shifted by n_{k+1}·(v − low_{k+1}).
 */
function searchWindows(tiers: Populated, total: number, windows: Windows, record: boolean): WindowSearch {
  const { counts, unit } = tiers;
  const m = counts.length;
  const { low, high } = windows;
  const units = counts.map((n) => n / unit);
  const floorTotal = counts.reduce((s, n, k) => s + n * low[k]!, 0);
  const goal = (total - floorTotal) / unit;
  const span: number[] = [];
  for (let k = 0, s = 0; k < m; k++) span.push(s += units[k]! * (high[k]! - low[k]!));
  const none: WindowSearch = { feasible: false, goal, base: [], first: [] };
  if (goal < 0 || goal > span[m - 1]!) return none;
  // Only offsets from which the goal is still reachable: at most `goal`, at least goal − what the
  // tiers above can still add.
  const base = span.map((s) => Math.max(0, goal - (span[m - 1]! - s)));
  const bits = span.map((s, k) => Math.min(goal, s) - base[k]! + 1);
  const totalBits = bits.reduce((s, b) => s + b, 0);
  checkSize('tie-break bitsets', totalBits, MAX_BITS);
  checkWork('tie-break search', bits.reduce((s, b, k) => s + (high[k]! - low[k]! + 1) * ((b + 31) >>> 5), 0));
  const reach = bits.map((b) => new Uint32Array((b + 31) >>> 5));
  const first = record ? bits.slice(0, m - 1).map((b, k) => levelArray(b, high[k]! - low[k]! + 1)) : [];
  const top = reach[m - 1]!;
  for (let v = low[0]!; v <= high[m - 1]! && (record || top[0] === 0); v++) {
    for (let k = 0; k < m && low[k]! <= v; k++) {
      if (v > high[k]!) continue;
      const level = v - low[k]! + 1;
      if (k === 0) {
        const at = units[0]! * (v - low[0]!) - base[0]!;
        if (at >= 0 && at < bits[0]! && !(reach[0]![at >>> 5]! & (1 << (at & 31)))) {
          reach[0]![at >>> 5] = reach[0]![at >>> 5]! | (1 << (at & 31));
          if (first[0]) first[0][at] = level;
        }
      } else {
        const shift = units[k]! * (v - low[k]!) + base[k - 1]! - base[k]!;
        orShifted(reach[k]!, bits[k]!, reach[k - 1]!, bits[k - 1]!, shift, first[k], level);
      }
    }
  }
  return { feasible: top[0] !== 0, goal, base, first };
}

/** Rounded targets and the largest quantity each populated tier can have at this total. */
interface Rounding {
  down: number[];
  up: number[];
  ceiling: number[];
}

function rounding(tiers: Populated, targets: readonly number[], total: number, cap: number | undefined): Rounding {
  // Everyone from tier k up gets at least q_k, so q_k ≤ total / S_k whatever the cap.
  const ceiling = tiers.suffix.map((s) => Math.min(cap ?? Infinity, Math.floor(total / s)));
  const down = targets.map((r, k) => Math.min(Math.floor(r + EPS), ceiling[k]!));
  const up = targets.map((r) => Math.ceil(r - EPS));
  return { down, up, ceiling };
}

function windowsAt(round: Rounding, j: number): Windows {
  return {
    low: round.down.map((d) => Math.max(0, d - j)),
    high: round.up.map((u, k) => Math.min(round.ceiling[k]!, u + j)),
  };
}

/**
 * Among the non-increasing vectors over the populated tiers with Σ n_k·q_k = `total`, the closest
 * to `targets`: first the smallest deviation j (every q_k within [⌊r_k⌋ − j, ⌈r_k⌉ + j]), then,
 * reading from the top tier down, the quantity nearest its target at the first tier where two
 * candidates differ, the larger one when equally near.
 */
function closestVector(tiers: Populated, targets: readonly number[], total: number, cap: number | undefined): { q: number[]; deviation: number } {
  const round = rounding(tiers, targets, total, cap);
  const feasible = (j: number) => searchWindows(tiers, total, windowsAt(round, j), false).feasible;
  // At jMax every window is [0, ceiling]: all vectors, one of which reaches `total`.
  const jMax = Math.max(0, ...round.down, ...round.up.map((u, k) => round.ceiling[k]! - u));
  let deviation = 0;
  if (!feasible(0)) {
    let lo = 0;
    let hi = 1;
    while (hi < jMax && !feasible(hi)) [lo, hi] = [hi, Math.min(jMax, hi * 2)];
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (feasible(mid)) hi = mid;
      else lo = mid;
    }
    deviation = hi;
  }
  const windows = windowsAt(round, deviation);
  const search = searchWindows(tiers, total, windows, true);
  return { q: pickTopDown(tiers, targets, windows, search), deviation };
}

/** Walks the recorded search from the top tier down, taking the preferred feasible quantity each time. */
function pickTopDown(tiers: Populated, targets: readonly number[], windows: Windows, search: WindowSearch): number[] {
  const m = tiers.counts.length;
  const units = tiers.counts.map((n) => n / tiers.unit);
  const { low, high } = windows;
  const { base, first } = search;
  const q = new Array<number>(m).fill(0);
  let offset = search.goal;
  let upper = Infinity;
  for (let k = m - 1; k >= 1; k--) {
    let chosen = -1;
    for (let v = low[k]!; v <= Math.min(high[k]!, upper); v++) {
      const below = offset - units[k]! * (v - low[k]!) - base[k - 1]!;
      const level = below >= 0 ? (first[k - 1]![below] ?? 0) : 0;
      // Tiers below reach that offset with q_{k-1} ≤ v?
      if (level === 0 || low[k - 1]! + level - 1 > v) continue;
      if (chosen < 0 || prefer(v, chosen, targets[k]!)) chosen = v;
    }
    if (chosen < 0) throw new Error('allocation engine: recorded search has no path (bug)');
    q[k] = chosen;
    offset -= units[k]! * (chosen - low[k]!);
    upper = chosen;
  }
  q[0] = low[0]! + offset / units[0]!;
  return q;
}

/** Is quantity `a` preferred to `b` for target `r`: nearer, or as near and larger. */
function prefer(a: number, b: number, r: number): boolean {
  const da = Math.abs(a - r);
  const db = Math.abs(b - r);
  return da < db - EPS || (da <= db + EPS && a > b);
}

/**
 * Solves one tier vector exactly.
 *
 * 1. **Shortfall**: the vector's total is the largest any non-increasing integer vector within the
 *    cap reaches without exceeding the availability (tiers of weight 0 get 0).
 * 2. **Tie-break, "closest to the profile"**: let r be the profile scaled to that total
 *    ({@link TierSolution.target}). Among vectors with that total, the engine takes the smallest
 *    {@link TierSolution.deviation} j, i.e. every populated tier within [⌊r_t⌋ − j, ⌈r_t⌉ + j]
 *    (so no tier of customers pays for another's rounding with more than j cartons each); among
 *    those, it compares tier by tier from D30 down: at the highest tier where two candidates differ,
 *    the quantity nearer r_t wins, and the larger one if both are equally near.
 * 3. **Tiers without customers** take the quantity of the nearest populated tier below them (0 if
 *    there is none): the least the non-increasing chain allows, so they never constrain anything.
 *
 * @throws AllocationInputError for negative or non-integer numbers or a malformed profile.
 * @throws AllocationTooLargeError when the search would exceed its memory limits.
 */
export function solveTierVector(problem: TierProblem): TierSolution {
  const availability = requireInteger('availability', problem.availability);
  const customers = requireTierCounts('customers', problem.customers);
  const weights = requireProfile('weights', problem.weights);
  const cap = problem.cap === undefined ? undefined : requireInteger('cap', problem.cap);
  const tiers = populatedTiers(customers, weights);
  const quantities = new Array<number>(TIER_COUNT).fill(0);
  const target = new Array<number>(TIER_COUNT).fill(0);
  let deviation = 0;
  if (tiers.counts.length > 0 && cap !== 0) {
    const total = bestReachableTotal(tiers, availability, cap);
    const lambda = profileScale(tiers, total, cap);
    for (let t = 0; t < TIER_COUNT; t++) target[t] = Math.min(cap ?? Infinity, lambda * weights[t]!);
    const solved = closestVector(tiers, tiers.index.map((t) => target[t]!), total, cap);
    solved.q.forEach((v, k) => { quantities[tiers.index[k]!] = v; });
    deviation = solved.deviation;
  }
  for (let t = 0, below = 0; t < TIER_COUNT; t++) {
    if (weights[t] === 0) continue;
    if (customers[t] === 0) quantities[t] = below;
    else below = quantities[t]!;
  }
  const total = quantities.reduce((s, v, t) => s + v * customers[t]!, 0);
  return { quantities, total, shortfall: availability - total, target, deviation };
}

/** 选点定量: one named customer with a fixed quantity, taken off the availability first. */
export interface FixedAllocation {
  customerId: string;
  /** The customer's tier this month, 1–30: they no longer count among that tier's customers. */
  tier: number;
  /** Needed when customers are counted per market type. */
  market?: MarketType;
  /** Cartons, integer ≥ 0, not above the cap. */
  quantity: number;
}

/** Customers per tier: one vector, or one per market type. */
export type CustomerCounts = TierVector | Readonly<Record<MarketType, TierVector>>;

/** Everything the engine needs for one product. */
export interface ProductAllocationInput {
  /** 可供量 in cartons (条), integer ≥ 0. */
  availability: number;
  /** Customers per tier this month, named customers included. Per market type when the strategy splits by market. */
  customers: CustomerCounts;
  strategy: AllocationStrategy;
  /** Needed when the strategy has price-class rules. */
  priceClass?: PriceClass;
  fixed?: readonly FixedAllocation[];
}

/** One solved vector of a product: the whole product, or one market type's part. */
export interface TierAllocation extends TierSolution {
  /** Undefined when the strategy does not split by market. */
  market: MarketType | undefined;
  /** The cartons this vector was solved for. */
  availability: number;
  /** Customers per tier who receive by tier (named customers taken out). */
  customers: number[];
}

/** A product's drafted plan. */
export interface ProductAllocation {
  availability: number;
  fixed: readonly FixedAllocation[];
  fixedTotal: number;
  /** One vector, or one per market type in {@link MARKET_TYPES} order. */
  vectors: TierAllocation[];
  /** Fixed quantities plus every vector's total; never above the availability. */
  total: number;
  shortfall: number;
}

function isPerMarket(customers: CustomerCounts): customers is Readonly<Record<MarketType, TierVector>> {
  return !Array.isArray(customers);
}

/** Validated counts per market (or one vector under the key `all`), named customers not yet taken out. */
function countCustomers(customers: CustomerCounts): Map<MarketType | 'all', number[]> {
  if (!isPerMarket(customers)) return new Map([['all', requireTierCounts('customers', customers)]]);
  if (typeof customers !== 'object' || customers === null) throw new AllocationInputError('customers', 'must be 30 tier counts or one such vector per market type', customers);
  return new Map(MARKET_TYPES.map((m) => [m, requireTierCounts(`customers.${m}`, customers[m])]));
}

/** Checks the named customers and takes them out of the counts; returns the cartons they take. */
function takeOutFixed(fixed: readonly FixedAllocation[], counts: Map<MarketType | 'all', number[]>,
  availability: number, cap: number | undefined): number {
  const seen = new Set<string>();
  let sum = 0;
  fixed.forEach((f, i) => {
    const field = `fixed[${i}]`;
    if (typeof f.customerId !== 'string' || f.customerId === '') throw new AllocationInputError(`${field}.customerId`, 'must be a non-empty string', f.customerId);
    if (seen.has(f.customerId)) throw new AllocationInputError(`${field}.customerId`, 'names a customer twice', f.customerId);
    seen.add(f.customerId);
    const tier = requireInteger(`${field}.tier`, f.tier, 1, TIER_COUNT);
    const quantity = requireInteger(`${field}.quantity`, f.quantity);
    if (cap !== undefined && quantity > cap) throw new AllocationInputError(`${field}.quantity`, `${quantity} is above the cap of ${cap}`, quantity);
    const key = counts.has('all') ? 'all' : f.market;
    const tierCounts = key === undefined ? undefined : counts.get(key);
    if (!tierCounts) throw new AllocationInputError(`${field}.market`, 'customers are counted per market type: name the market', f.market);
    if (tierCounts[tier - 1]! === 0) throw new AllocationInputError(field, `more named customers in D${tier}${key === 'all' ? '' : ` (${key})`} than customers`, f.customerId);
    tierCounts[tier - 1]! -= 1;
    sum += quantity;
  });
  if (sum > availability) throw new AllocationInputError('fixed', `fixed quantities (${sum}) exceed the availability (${availability})`, sum);
  return sum;
}

/**
 * Drafts one product: named customers' fixed quantities come off the availability first; the rest
 * is allocated by tier ({@link solveTierVector}) to everyone else, under the strategy's rule for the
 * product's price class. A market split divides the rest by share or by demand (largest remainder,
 * see {@link splitAvailability}) and solves each market's vector within its part: the shortfall is
 * the smallest the split allows.
 *
 * @throws AllocationInputError for infeasible or malformed input (nothing is allocated).
 */
export function allocateProduct(input: ProductAllocationInput): ProductAllocation {
  const { strategy } = input;
  validateStrategy(strategy);
  const availability = requireInteger('availability', input.availability);
  const rule = resolveTierRule(strategy, input.priceClass);
  const counts = countCustomers(input.customers);
  const fixed = input.fixed ?? [];
  const fixedTotal = takeOutFixed(fixed, counts, availability, rule.cap);
  const rest = availability - fixedTotal;
  const solve = (market: MarketType | undefined, part: number, customers: number[]): TierAllocation =>
    ({ market, availability: part, customers, ...solveTierVector({ availability: part, customers, weights: rule.weights, cap: rule.cap }) });

  let vectors: TierAllocation[];
  if (strategy.market) {
    if (counts.has('all')) throw new AllocationInputError('customers', 'the strategy splits by market type: count customers per market type', input.customers);
    const byMarket = (m: MarketType) => counts.get(m)!;
    const split = strategy.market;
    const weights = split.by === 'share' ? split.shares
      : Object.fromEntries(MARKET_TYPES.map((m) => [m, byMarket(m).reduce((s, n, t) => s + n * rule.weights[t]!, 0)])) as Record<MarketType, number>;
    const parts = splitAvailability(rest, weights);
    vectors = MARKET_TYPES.map((m) => solve(m, parts[m], byMarket(m)));
  } else {
    const all = counts.get('all') ?? MARKET_TYPES.map((m) => counts.get(m)!).reduce((a, b) => a.map((n, t) => n + b[t]!));
    vectors = [solve(undefined, rest, all)];
  }
  const total = fixedTotal + vectors.reduce((s, v) => s + v.total, 0);
  return { availability, fixed, fixedTotal, vectors, total, shortfall: availability - total };
}

/** A customer as the draft needs them. */
export interface DraftCustomer {
  id: string;
  tier: number;
  market?: MarketType;
}

/**
 * Each customer's cartons for one product, in `customers` order: a named customer gets their fixed
 * quantity, everyone else their tier's quantity (in their market's vector when the product is
 * split by market). Writes into `out` when given (so a caller can reuse one buffer).
 */
export function customerQuantities(allocation: ProductAllocation, customers: readonly DraftCustomer[],
  out: Int32Array = new Int32Array(customers.length)): Int32Array {
  const fixed = new Map(allocation.fixed.map((f) => [f.customerId, f.quantity]));
  const single = allocation.vectors.length === 1 ? allocation.vectors[0]!.quantities : undefined;
  const byMarket = new Map(allocation.vectors.map((v) => [v.market, v.quantities]));
  for (let i = 0; i < customers.length; i++) {
    const c = customers[i]!;
    const named = fixed.size > 0 ? fixed.get(c.id) : undefined;
    if (named !== undefined) {
      out[i] = named;
      continue;
    }
    const quantities = single ?? byMarket.get(c.market);
    if (!quantities) throw new AllocationInputError(`customers[${i}].market`, 'the product is split by market type: each customer needs one', c.market);
    const quantity = quantities[c.tier - 1];
    if (quantity === undefined || !Number.isInteger(c.tier)) throw new AllocationInputError(`customers[${i}].tier`, 'must be an integer in 1…30', c.tier);
    out[i] = quantity;
  }
  return out;
}
