import { pathToFileURL } from 'node:url';
import { draftProduct, monthCustomers } from '../../activities/allocationPlans.js';
import type { CustomerMonthTier } from '../../activities/allocationTiers.js';
import type { ProductStrategy } from '../../domain/allocationStrategyRules.js';

/**
 * `npx tsx scripts/bench/strategyThreeWays.ts`: one product of the demo month (360 customers, 12 per
 * tier, a third of them 农网) drafted three ways by the draft's own code (draftProduct): by tier, by
 * tier × market with rural customers at 60 %, and 选点定量 (20 named customers, the rest by tier).
 * Prints each way's per-tier vectors D30 … D1, total and shortfall.
 */
const AVAILABILITY = 6000;

function demoMonth(): CustomerMonthTier[] {
  return Array.from({ length: 360 }, (_, i) => ({
    customerId: i + 1, managerId: 1 + (i % 6), tier: 1 + Math.floor(i / 12), marketType: i % 3 === 0 ? 'rural' : 'urban',
  }));
}

function main(): void {
  const customers = monthCustomers(demoMonth());
  const product = { id: 1, code: 'DEMO01', name: '云峰(软珍品)', price_class: 3, cartons: AVAILABILITY };
  const base: ProductStrategy = { method: 'tier', profile: { kind: 'linear' }, minTier: 6, cap: null, ruralShare: 100, fixed: [], fixedOnly: false };
  const named = Array.from({ length: 20 }, (_, i) => ({ customerId: 300 + i + 1, quantity: 15 }));
  const ways: [string, ProductStrategy][] = [
    ['by tier (linear, from D6)', base],
    ['tier × market (rural 60 %)', { ...base, method: 'tier-market', ruralShare: 60 }],
    ['选点定量 (20 named × 15, rest by tier)', { ...base, fixed: named }],
  ];
  console.log(`product ${product.code} ${product.name}, availability ${AVAILABILITY} cartons, 360 customers (12 per tier, 4 of them rural)`);
  for (const [label, strategy] of ways) {
    const draft = draftProduct(strategy, product, customers, null);
    if (!draft.allocation) throw new Error(JSON.stringify(draft.issues));
    const a = draft.allocation;
    console.log(`\n${label}: total ${a.total}, shortfall ${a.shortfall}${a.fixedTotal ? `, named ${a.fixedTotal}` : ''}`);
    for (const v of a.vectors) console.log(`  ${(v.market ?? 'all').padEnd(5)} D30…D1: ${[...v.quantities].reverse().join(' ')}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
