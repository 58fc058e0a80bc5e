import os from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  allocateProduct, customerQuantities, type DraftCustomer, type FixedAllocation, type ProductAllocationInput,
} from '../../domain/allocationEngine.js';
import {
  linearProfile, MARKET_TYPES, standardPriceClassRules, TIER_COUNT, type AllocationStrategy, type MarketType, type PriceClass,
} from '../../domain/allocationStrategies.js';
import { round } from './benchStats.js';

/** How big a month to draft. */
export interface AllocationBenchOptions {
  customers?: number;
  products?: number;
  /** Seed of the generated month; the same seed drafts the same plan. */
  seed?: number;
}

/** What one draft of a whole month cost and produced. */
export interface AllocationBenchResult {
  customers: number;
  products: number;
  /** Tier vectors solved (a product split by market has two). */
  vectors: number;
  /** The whole draft: customer counts, every product's vectors, every customer's quantity. */
  ms: number;
  /** Of which the engine's exact solves. */
  solveMs: number;
  /** Of which writing each customer's quantity. */
  expandMs: number;
  slowestProductMs: number;
  /** Peak resident set size of the process so far, MiB. */
  peakRssMiB: number;
  heapUsedMiB: number;
  availability: number;
  allocated: number;
  shortfall: number;
  productsShort: number;
  maxDeviation: number;
}

/** mulberry32: a small seeded generator, so every run drafts the same month. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Many customers in the lower-middle tiers, few at the top, as graded retail customers are. */
function makeCustomers(count: number, random: () => number): DraftCustomer[] {
  const weight = Array.from({ length: TIER_COUNT }, (_, t) => 0.08 + Math.exp(-(((t + 1 - 11) / 8) ** 2)));
  const cumulative = weight.map((_, t) => weight.slice(0, t + 1).reduce((a, b) => a + b, 0));
  const sum = cumulative[TIER_COUNT - 1]!;
  return Array.from({ length: count }, (_, i) => {
    const x = random() * sum;
    const tier = cumulative.findIndex((c) => x < c) + 1 || TIER_COUNT;
    return { id: `C${String(i + 1).padStart(6, '0')}`, tier, market: (random() < 0.35 ? 'rural' : 'urban') as MarketType };
  });
}

interface BenchProduct {
  code: string;
  priceClass: PriceClass;
  availability: number;
  strategy: AllocationStrategy;
  /** 选点定量 for new or scarce products: which customers and how many cartons. */
  named: number;
}

/**
 * 150 products as a month has them: availability log-uniform 2,000–200,000 cartons (dearer
 * classes scarcer); a quarter split by market by demand, some by share; a fifth capped; every
 * tenth a new product for named customers first.
 */
function makeProducts(count: number, random: () => number): BenchProduct[] {
  const priceClasses = standardPriceClassRules();
  return Array.from({ length: count }, (_, i) => {
    const priceClass = ((i % 5) + 1) as PriceClass;
    const scarcity = [0.35, 0.55, 1, 1, 0.8][priceClass - 1]!;
    const availability = Math.round(2000 * 100 ** random() * scarcity);
    const strategy: AllocationStrategy = { profile: linearProfile(), priceClasses };
    if (i % 4 === 1) strategy.market = { by: 'demand' };
    if (i % 12 === 7) strategy.market = { by: 'share', shares: { urban: 65, rural: 35 } };
    if (i % 5 === 3) strategy.cap = 3 + Math.floor(random() * 18);
    return { code: `P${String(i + 1).padStart(3, '0')}`, priceClass, availability, strategy, named: i % 10 === 9 ? 300 : 0 };
  });
}

type Counts = Record<MarketType, number[]>;

function countByMarketAndTier(customers: readonly DraftCustomer[]): Counts {
  const counts = Object.fromEntries(MARKET_TYPES.map((m) => [m, new Array<number>(TIER_COUNT).fill(0)])) as Counts;
  for (const c of customers) counts[c.market!][c.tier - 1]! += 1;
  return counts;
}

/** The highest-tier customers, a few cartons each (within the cap and the availability). */
function namedCustomers(product: BenchProduct, byTierDesc: readonly DraftCustomer[]): FixedAllocation[] {
  const cap = product.strategy.cap ?? Infinity;
  const fixed: FixedAllocation[] = [];
  let left = product.availability;
  for (const c of byTierDesc.slice(0, product.named)) {
    const quantity = Math.min(cap, left, 1 + (c.tier % 3));
    left -= quantity;
    fixed.push({ customerId: c.id, tier: c.tier, market: c.market, quantity });
  }
  return fixed;
}

/**
 * Drafts a whole month — every product's tier vectors and every customer's quantity — for a
 * generated set of customers and products, and says how long it took. The caller's process is
 * measured as it is: run it in a fresh process for a cold number.
 */
export async function benchAllocationDraft(options: AllocationBenchOptions = {}): Promise<AllocationBenchResult> {
  const random = seeded(options.seed ?? 20261201);
  const customers = makeCustomers(options.customers ?? 30_000, random);
  const products = makeProducts(options.products ?? 150, random);
  const byTierDesc = [...customers].sort((a, b) => b.tier - a.tier);
  const named = products.map((p) => namedCustomers(p, byTierDesc));
  const quantities = new Int32Array(customers.length * products.length);

  let solveMs = 0;
  let expandMs = 0;
  let slowestProductMs = 0;
  let vectors = 0;
  let [availability, allocated, productsShort, maxDeviation] = [0, 0, 0, 0];
  const started = performance.now();
  const counts = countByMarketAndTier(customers);
  products.forEach((product, p) => {
    const input: ProductAllocationInput = {
      availability: product.availability, customers: counts, strategy: product.strategy, priceClass: product.priceClass, fixed: named[p],
    };
    const t0 = performance.now();
    const plan = allocateProduct(input);
    const t1 = performance.now();
    const row = customerQuantities(plan, customers, quantities.subarray(p * customers.length, (p + 1) * customers.length));
    const t2 = performance.now();
    solveMs += t1 - t0;
    expandMs += t2 - t1;
    slowestProductMs = Math.max(slowestProductMs, t2 - t0);
    let sum = 0;
    for (const q of row) sum += q;
    if (sum !== plan.total) throw new Error(`${product.code}: customers add up to ${sum}, the plan says ${plan.total}`);
    vectors += plan.vectors.length;
    availability += plan.availability;
    allocated += plan.total;
    if (plan.shortfall > 0) productsShort += 1;
    maxDeviation = Math.max(maxDeviation, ...plan.vectors.map((v) => v.deviation));
  });
  const ms = performance.now() - started;
  const memory = process.memoryUsage();
  return {
    customers: customers.length, products: products.length, vectors,
    ms: round(ms), solveMs: round(solveMs), expandMs: round(expandMs), slowestProductMs: round(slowestProductMs),
    peakRssMiB: round(process.resourceUsage().maxRSS / 1024), heapUsedMiB: round(memory.heapUsed / 2 ** 20),
    availability, allocated, shortfall: availability - allocated, productsShort, maxDeviation,
  };
}

const TARGET_MS = 2000;

function print(label: string, r: AllocationBenchResult): void {
  console.log(`${label.padEnd(6)} draft ${String(r.ms).padStart(7)} ms  (solve ${r.solveMs} ms, per-customer ${r.expandMs} ms, slowest product ${r.slowestProductMs} ms)  `
    + `peak RSS ${r.peakRssMiB} MiB, heap ${r.heapUsedMiB} MiB`);
}

/** `npx tsx scripts/bench/benchAllocation.ts`: one cold draft, then a few warm ones, in this process. */
async function main(): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  console.log(`allocation draft: ${os.cpus().length} cores (${cpu}), node ${process.version}`);
  const cold = await benchAllocationDraft();
  console.log(`${cold.customers.toLocaleString('en')} customers × ${cold.products} products (${cold.vectors} tier vectors): `
    + `${cold.availability.toLocaleString('en')} cartons available, ${cold.allocated.toLocaleString('en')} allocated, `
    + `shortfall ${cold.shortfall} over ${cold.productsShort} products, largest deviation from the profile ${cold.maxDeviation}`);
  print('cold', cold);
  const warm: AllocationBenchResult[] = [];
  for (let i = 0; i < 3; i++) warm.push(await benchAllocationDraft());
  warm.forEach((r, i) => print(`warm ${i + 1}`, r));
  const verdict = cold.ms < TARGET_MS ? 'met' : 'NOT met';
  console.log(`target: whole draft < ${TARGET_MS} ms cold — ${verdict}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
