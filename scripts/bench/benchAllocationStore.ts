import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MikroORM } from '@mikro-orm/postgresql';
import { draftPlan, type DraftedPlan } from '../../activities/allocationPlans.js';
import { openDatabase } from '../../db/database.js';
import { startEmbeddedPostgres } from '../../runtime/embeddedPostgres.js';

/**
 * `npx tsx scripts/bench/benchAllocationStore.ts`: the draft activity of the allocation cycle against a
 * throwaway embedded PostgreSQL (its own temp dir and port, removed afterwards): 30,000 customers
 * under 100 managers × 150 products, read + drafted by the exact engine + stored (plan, lines, parts)
 * in one transaction. Two months: availability as a month has it (low tiers get nothing of scarce
 * products, and lines at 0 are not stored), and a plentiful one where every customer gets every
 * product, i.e. all 4,500,000 lines are written (twice: the second is a new version of that month).
 */
const CUSTOMERS = 30_000;
const PRODUCTS = 150;
const MANAGERS = 100;
const TARGET_STORE_MS = 10_000;
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54369);

/** Deterministic fractions in [0, 1) from an integer (Knuth's multiplicative hash), in SQL. */
const fraction = (expr: string, salt: number) => `((((${expr})::bigint * 2654435761 + ${salt}) % 4294967296)::float8 / 4294967296)`;

/** 30,000 customers under 100 managers, 150 products, and their availability in 2031-01 (realistic) and 2031-02 (plentiful). */
export async function seed(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  await em.execute(`insert into users (username, display_name, roles, password_hash)
    select 'bench-mgr' || g, 'Manager ' || g, '{customer_manager}', 'x' from generate_series(1, ${MANAGERS}) g`);
  // Many customers in the lower-middle tiers, few at the top.
  await em.execute(`insert into customers (code, name, manager_id, tier, market_type, business_type)
    select 'C' || lpad(g::text, 6, '0'), 'Customer ' || g, (select min(id) from users) + (g % ${MANAGERS}),
      least(30, 1 + floor(30 * power(${fraction('g', 17)}, 1.7)))::int,
      case when ${fraction('g', 91)} < 0.35 then 'rural' else 'urban' end, 'convenience'
    from generate_series(1, ${CUSTOMERS}) g`);
  await em.execute(`insert into products (code, name, brand, price_class, price)
    select 'B' || lpad(g::text, 4, '0'), 'Product ' || g, 'Brand ' || (g % 12), 1 + g % 5, 50 + g
    from generate_series(1, ${PRODUCTS}) g`);
  // Realistic: log-uniform 2,000–200,000 cartons. Plentiful: 20–40 cartons a customer on average, so even D1 gets some.
  await em.execute(`insert into product_availability (month, product_id, cartons)
    select '2031-01-01', id, round(2000 * power(100, ${fraction('id', 5)})) from products`);
  await em.execute(`insert into product_availability (month, product_id, cartons)
    select '2031-02-01', id, round(${CUSTOMERS} * (20 + 20 * ${fraction('id', 7)})) from products`);
}

/** A process instance for a plan of `month` to belong to; its id. */
export async function instance(orm: MikroORM, month: string): Promise<string> {
  const id = randomUUID();
  await orm.em.fork().execute(`insert into process_instances (id, process_key, business_key, title, started_by, start_request_id)
    values (?, 'allocation-cycle', ?, ?, (select min(id) from users), ?)`, [id, `allocation:${month}:${id}`, `bench ${month}`, id]);
  return id;
}

/**
 * Runs `work` against a throwaway embedded PostgreSQL (own temp dir and port, removed afterwards),
 * migrated and seeded with 30,000 customers × 150 products.
 */
export async function withSeededDatabase<T>(prefix: string, port: number, work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(os.tmpdir(), prefix));
  const pg = await startEmbeddedPostgres({ dir, port });
  let orm: MikroORM | undefined;
  try {
    await pg.createDatabase('bench');
    orm = await openDatabase(pg.url('bench'), { poolMax: 4 });
    await seed(orm);
    return await work(orm);
  } finally {
    await orm?.close(true);
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One drafted and stored month: how many lines and where the time went. */
export interface StoreBenchRow {
  label: string;
  lines: number;
  wallMs: number;
  ms: DraftedPlan['ms'];
  drafted: number;
  availability: number;
  parts: number;
}

/** The draft activity for a realistic month, a plentiful one (every line stored) and that month again (version 2). */
export async function benchAllocationStore(): Promise<{ rows: StoreBenchRow[]; targetMs: number }> {
  const rows = await withSeededDatabase('dutyflow-bench-store-', PG_PORT, async (orm) => {
    const out: StoreBenchRow[] = [];
    for (const [label, month] of [['realistic', '2031-01'], ['plentiful', '2031-02'], ['plentiful²', '2031-02']] as const) {
      const instanceId = await instance(orm, month);
      const started = performance.now();
      const r = await draftPlan(orm, { instanceId, month, cap: null });
      out.push({ label, lines: r.lines, wallMs: Math.round(performance.now() - started), ms: r.ms, drafted: r.drafted, availability: r.availability, parts: r.parts.length });
    }
    return out;
  });
  return { rows, targetMs: TARGET_STORE_MS };
}

async function main(): Promise<void> {
  console.log(`allocation draft + store: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);
  console.log(`${CUSTOMERS.toLocaleString('en')} customers × ${PRODUCTS} products, throwaway embedded PostgreSQL`);
  const { rows, targetMs } = await benchAllocationStore();
  for (const r of rows) {
    console.log(`${r.label.padEnd(11)} ${r.lines.toLocaleString('en').padStart(9)} lines  wall ${String(r.wallMs).padStart(6)} ms  `
      + `(read ${r.ms.read} ms, draft ${r.ms.draft} ms, store ${r.ms.store} ms)  `
      + `${r.drafted.toLocaleString('en')} of ${r.availability.toLocaleString('en')} cartons drafted, ${r.parts} parts`);
  }
  const worst = Math.max(...rows.map((r) => r.ms.store));
  console.log(`target: storing a plan < ${targetMs} ms — ${worst < targetMs ? 'met' : 'NOT met'} (slowest store ${worst} ms)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
