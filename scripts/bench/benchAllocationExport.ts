import os from 'node:os';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { draftPlan } from '../../activities/allocationPlans.js';
import { createAllocationExport, type PreparedWorkbook } from '../../api/allocation/allocationExport.js';
import { createAllocationSummaryExport } from '../../api/allocation/allocationSummaryExport.js';
import type { SessionUser } from '../../api/http/auth.js';
import { instance, withSeededDatabase } from './benchAllocationStore.js';

/**
 * `npx tsx scripts/bench/benchAllocationExport.ts`: the allocation exports against a throwaway embedded
 * PostgreSQL holding a published plan of 30,000 customers × 150 products where every customer gets
 * every product (4,500,000 lines, the plentiful month of bench:allocation-store). Times each export
 * from the request's checks to the last byte of the xlsx, written to a sink, and the process's peak
 * memory while it runs.
 */
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54370);
const MONTH = '2031-02';

const ADMIN: SessionUser = { id: 0, username: 'bench-admin', displayName: 'Bench admin', roles: ['admin'], supervisorId: null, locale: 'zh-CN' };

/** A Writable that only counts what it is given. */
function sink(): { out: Writable; bytes: () => number } {
  let bytes = 0;
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  return { out, bytes: () => bytes };
}

async function time(label: string, prepare: () => Promise<PreparedWorkbook>): Promise<void> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const started = performance.now();
  try {
    const workbook = await prepare();
    const { out, bytes } = sink();
    const finished = new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject));
    await workbook.write(out);
    await finished;
    const ms = performance.now() - started;
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    console.log(`${label.padEnd(30)} ${String(Math.round(ms)).padStart(6)} ms  ${mb(bytes()).padStart(7)} xlsx  peak RSS ${mb(peak)} (+${mb(peak - rssBefore)})`);
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<void> {
  console.log(`allocation exports: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);
  await withSeededDatabase('dutyflow-bench-export-', PG_PORT, async (orm) => {
    const drafted = await draftPlan(orm, { instanceId: await instance(orm, MONTH), month: MONTH, cap: null });
    await orm.em.fork().execute(`update allocation_plans set status = 'published', published_at = now() where id = ?`, [drafted.planId]);
    const [manager] = await orm.em.fork().execute<{ manager_id: number }[]>('select min(manager_id) as manager_id from customers');
    const [customer] = await orm.em.fork().execute<{ id: number }[]>('select min(id) as id from customers');
    console.log(`published plan: ${drafted.lines.toLocaleString('en')} lines (${drafted.parts.length} managers × ~300 customers × ${drafted.products} products)`);
    const plans = createAllocationExport(orm);
    const summaries = createAllocationSummaryExport(orm);
    const plan = (query: Record<string, unknown>) => () => plans.plan(ADMIN, MONTH, query, 'zh-CN');
    await time('whole plan (30,000 × 150)', plan({}));
    await time('one manager (300 × 150)', plan({ scope: 'manager', managerId: String(manager!.manager_id) }));
    await time('one customer (150 rows)', plan({ scope: 'customer', customerId: String(customer!.id) }));
    await time('summary', () => summaries.summary(ADMIN, MONTH, {}, 'zh-CN'));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
