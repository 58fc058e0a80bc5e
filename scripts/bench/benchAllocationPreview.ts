import os from 'node:os';
import { pathToFileURL } from 'node:url';
import type { ProductStrategyBody } from '../../api/allocation/allocationStrategyContract.js';
import { createAllocationStrategyService } from '../../api/allocation/allocationStrategyService.js';
import type { SessionUser } from '../../api/http/auth.js';
import { summarize, type LatencySummary } from './benchStats.js';
import { withSeededDatabase } from './benchAllocationStore.js';

/**
 * `npx tsx scripts/bench/benchAllocationPreview.ts`: the 投放策略 preview (issue 18) as the dept head's
 * typing calls it, against a throwaway embedded PostgreSQL seeded with 30,000 customers × 150
 * products (benchAllocationStore's month 2031-01): the month's tiers read, the product drafted by the
 * draft's own code, the previous month compared. The service itself, without HTTP (a local request
 * adds about a millisecond). Strategies rotate through by tier, tier × market, price class with a
 * cap and 选点定量 with 40 named customers.
 */
const PG_PORT = Number(process.env.BENCH_PREVIEW_PG_PORT ?? 54379);
const REQUESTS = 200;
const WARMUP = 10;
export const TARGET_PREVIEW_P95_MS = 200;

const HEAD: SessionUser = { id: 0, username: 'bench-head', displayName: 'Bench head', roles: ['dept_head'], supervisorId: null, locale: 'zh-CN' };

export interface PreviewBenchResult {
  customers: number;
  requests: number;
  latency: LatencySummary;
  /** The month's first preview, which reads its 30,000 customers (later ones reuse them until a customer or tier changes). */
  coldMs: number;
  byMethod: Record<string, LatencySummary>;
  targetP95Ms: number;
}

function strategies(named: number[]): [string, ProductStrategyBody][] {
  return [
    ['tier', { method: 'tier', profile: { kind: 'geometric', ratio: 1.08 }, minTier: 6 }],
    ['tier-market', { method: 'tier-market', profile: { kind: 'linear' }, minTier: 1, ruralShare: 60 }],
    ['price-class', { method: 'price-class', profile: { kind: 'linear' }, minTier: 1, cap: 3 }],
    ['选点定量', { method: 'tier', profile: { kind: 'linear' }, minTier: 10, fixed: named.map((customerId) => ({ customerId, quantity: 2 })) }],
  ];
}

/** p50/p95 of {@link REQUESTS} previews at 30,000 customers. */
export async function benchAllocationPreview(): Promise<PreviewBenchResult> {
  return withSeededDatabase('dutyflow-bench-preview-', PG_PORT, async (orm) => {
    const em = orm.em.fork();
    const [{ n }] = await em.execute<[{ n: string }]>('select count(*) as n from customers');
    const named = (await em.execute<{ id: number }[]>('select id from customers order by id limit 40')).map((r) => Number(r.id));
    const products = (await em.execute<{ product_id: number }[]>(
      `select product_id from product_availability where month = '2031-01-01' order by product_id`)).map((r) => Number(r.product_id));
    const service = createAllocationStrategyService(orm, async () => null);
    const choices = strategies(named);
    const samples: number[] = [];
    let coldMs = 0;
    const byMethod: Record<string, number[]> = {};
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      const [method, strategy] = choices[i % choices.length]!;
      const productId = products[(i * 7) % products.length]!;
      const started = performance.now();
      await service.preview(HEAD, { month: '2031-01', productId, strategy }, 'zh-CN');
      const ms = performance.now() - started;
      if (i === 0) coldMs = Math.round(ms);
      if (i < WARMUP) continue;
      samples.push(ms);
      (byMethod[method] ??= []).push(ms);
    }
    return {
      customers: Number(n), requests: REQUESTS, latency: summarize(samples), coldMs,
      byMethod: Object.fromEntries(Object.entries(byMethod).map(([k, v]) => [k, summarize(v)])), targetP95Ms: TARGET_PREVIEW_P95_MS,
    };
  });
}

async function main(): Promise<void> {
  console.log(`allocation preview: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);
  const r = await benchAllocationPreview();
  console.log(`${r.customers.toLocaleString('en')} customers, ${r.requests} previews: p50 ${r.latency.p50} ms, p95 ${r.latency.p95} ms, max ${r.latency.max} ms `
    + `(the month's first, reading its customers: ${r.coldMs} ms)`);
  for (const [method, s] of Object.entries(r.byMethod)) console.log(`  ${method.padEnd(12)} p50 ${s.p50} ms, p95 ${s.p95} ms`);
  console.log(`target: p95 < ${r.targetP95Ms} ms — ${r.latency.p95 < r.targetP95Ms ? 'met' : 'NOT met'}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
