import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { customersOf, login, type Api, type Lane, type Session } from './benchHttp.js';
import { measureInbox, runClosedLoop, runPaced, type InboxResult, type LoadResult } from './benchLoad.js';
import { benchAllocationDraft, type AllocationBenchResult } from './benchAllocation.js';
import { benchAllocationStore, type StoreBenchRow } from './benchAllocationStore.js';
import { benchAllocationPreview, type PreviewBenchResult } from './benchAllocationPreview.js';
import { runBareFlows, type BareResult } from './benchBare.js';
import { benchUrls, ROOT, startProduct, stopProduct, waitQuiet, waitReady } from './benchProduct.js';
import { openProbe, seedBenchData, type SeedResult } from './benchSeed.js';
import { machineCpuOf, round } from './benchStats.js';

const PORTS = { name: 'bench', http: 3100, pg: 54339, temporal: 7243, temporalUi: 8243 };
const { baseUrl: BASE_URL, databaseUrl: DATABASE_URL } = benchUrls(PORTS);
const TARGET = { tasksPerSecond: 50, halfLoadP95Ms: 150, inboxP95Ms: 30, allocationDraftMs: 2000, allocationStoreMs: 10_000, allocationPreviewP95Ms: 200 };
const SEED_TASKS = 100_000;
const INBOX_REQUESTS = 400;

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Client i works for mgr(1 + i % 6) on every k-th of that manager's customers, so no two clients share one. */
async function buildLanes(api: Api, clients: number): Promise<Lane[]> {
  const supervisors = { sup1: await login(api, 'sup1'), sup2: await login(api, 'sup2') };
  const head = await login(api, 'head');
  const managers: { session: Session; customers: Awaited<ReturnType<typeof customersOf>> }[] = [];
  for (let m = 1; m <= 6; m++) {
    const session = await login(api, `mgr${m}`);
    managers.push({ session, customers: await customersOf(api, session) });
  }
  return Array.from({ length: clients }, (_, i) => {
    const m = i % 6;
    const peers = Math.ceil((clients - m) / 6);
    const { session, customers } = managers[m]!;
    return {
      manager: session,
      supervisor: m < 3 ? supervisors.sup1 : supervisors.sup2,
      head,
      customers: customers.filter((_, idx) => idx % peers === Math.floor(i / 6)),
    };
  });
}

interface Results {
  machine: { cores: number; cpuModel: string; totalMemoryGiB: number; node: string; platform: string };
  startupSeconds: number;
  seed: SeedResult;
  inbox: InboxResult;
  /** `cpuMsPerTask`: the machine's CPU time over the phase (machineCpuOf) per human task completed. */
  throughput: LoadResult & { clients: number; cpuMsPerTask: number };
  halfLoad: LoadResult & { ratePerSecond: number; rateBasis: string };
  /** The engine alone, same server, clients and window: one bare flow is one human step; `ratio` = product tasks/s ÷ bare flows/s. */
  bare: BareResult & { ratio: number; cpuMsPerFlow: number; cpuRatio: number };
  /** The allocation engine drafting a month (no database): 30,000 customers × 150 products. */
  allocationDraft: AllocationBenchResult;
  /** Drafting and storing whole plans in a throwaway database (realistic month, every line stored, a second version). */
  allocationStore: StoreBenchRow[];
  /** The 投放策略 preview (issue 18) at 30,000 customers, as typing calls it. */
  allocationPreview: PreviewBenchResult;
  targets: typeof TARGET;
}

function machine(): Results['machine'] {
  return {
    cores: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemoryGiB: round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`,
  };
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'NOT met';
}

function printSummary(r: Results): void {
  const row = (name: string, value: string, target = '', status = '') =>
    console.log(`${name.padEnd(44)} ${value.padEnd(30)} ${target.padEnd(24)} ${status}`);
  const ms = (s: { p50: number; p95: number; p99: number }) => `${s.p50} / ${s.p95} / ${s.p99} ms`;
  const m = r.machine;
  console.log(`\n=== dutyflow bench — ${m.cores} cores (${m.cpuModel}), ${m.totalMemoryGiB} GiB RAM, node ${m.node}, ${m.platform} ===`);
  row('metric', 'value', 'target', 'verdict');
  row('product start to /readyz (fresh data dir)', `${round(r.startupSeconds)} s`);
  row(`seed ${r.seed.openTasks.toLocaleString('en')} open tasks + users + instances`, `${round(r.seed.seconds, 2)} s`);
  row(`inbox p50 / p95 / p99 (${r.inbox.all.count} GETs)`, ms(r.inbox.all), `p95 < ${TARGET.inboxP95Ms} ms`,
    verdict(r.inbox.all.p95 < TARGET.inboxP95Ms));
  for (const [key, s] of Object.entries(r.inbox.byView)) row(`  ${key} (total ${s.total})`, `p50 ${s.p50} / p95 ${s.p95} ms`);
  const t = r.throughput;
  row(`full load: ${t.clients} clients × ${round(t.seconds)} s`, `${t.flowsCompleted} flows, ${t.tasksCompleted} tasks`);
  row('  flows/s', `${round(t.flowsPerSecond, 2)} /s`);
  row('  human tasks completed/s', `${round(t.tasksPerSecond, 2)} /s`, `≥ ${TARGET.tasksPerSecond} /s`,
    verdict(t.tasksPerSecond >= TARGET.tasksPerSecond));
  row('  complete p50 / p95 / p99', ms(t.complete));
  row('  errors', JSON.stringify(t.errors));
  const h = r.halfLoad;
  row(`half load: ${round(h.ratePerSecond, 2)} flows/s (${h.rateBasis})`, `${h.flowsCompleted} flows, ${h.tasksCompleted} tasks`);
  row('  achieved tasks/s', `${round(h.tasksPerSecond, 2)} /s`);
  row('  complete p50 / p95 / p99', ms(h.complete), `p95 < ${TARGET.halfLoadP95Ms} ms`, verdict(h.complete.p95 < TARGET.halfLoadP95Ms));
  row('  errors', JSON.stringify(h.errors));
  const b = r.bare;
  row(`bare Temporal flows: ${b.clients} clients × ${round(b.seconds)} s`, `${round(b.flowsPerSecond, 2)} flows/s`);
  row('  update p50 / p95 / p99', ms(b.update));
  row('  product tasks/s ÷ bare flows/s', `${b.ratio}`, '≥ 0.6 (aim)', verdict(b.ratio >= 0.6));
  row('  CPU per human task / per bare flow', `${t.cpuMsPerTask} / ${b.cpuMsPerFlow} ms (machine)`);
  row('  bare CPU ÷ product CPU (steadier)', `${b.cpuRatio}`);
  const a = r.allocationDraft;
  row(`allocation draft ${a.customers.toLocaleString('en')} customers × ${a.products} products`, `${round(a.ms)} ms (solve ${round(a.solveMs)} ms)`,
    `< ${TARGET.allocationDraftMs} ms`, verdict(a.ms < TARGET.allocationDraftMs));
  for (const s of r.allocationStore) {
    row(`  draft + store, ${s.label} (${s.lines.toLocaleString('en')} lines)`, `${s.wallMs} ms (store ${s.ms.store} ms)`,
      `store < ${TARGET.allocationStoreMs} ms`, verdict(s.ms.store < TARGET.allocationStoreMs));
  }
  const p = r.allocationPreview;
  row(`allocation preview, ${p.customers.toLocaleString('en')} customers (${p.requests})`, `p50 ${p.latency.p50} / p95 ${p.latency.p95} ms`,
    `p95 < ${TARGET.allocationPreviewP95Ms} ms`, verdict(p.latency.p95 < TARGET.allocationPreviewP95Ms));
  row('  the month\'s first (reads its customers)', `${p.coldMs} ms`);
}

/** The phases in order; undefined once Ctrl-C aborted the run. */
async function runBench(child: ChildProcess, signal: AbortSignal): Promise<Results | undefined> {
  const clients = envInt('BENCH_CLIENTS', 16);
  const seconds = envInt('BENCH_SECONDS', 30);
  const startupSeconds = round(await waitReady(child, BASE_URL), 2);
  console.log(`product ready in ${round(startupSeconds)} s; seeding ${SEED_TASKS.toLocaleString('en')} open tasks…`);
  const seed = await seedBenchData(DATABASE_URL, SEED_TASKS);
  const probe = await openProbe(DATABASE_URL);
  try {
    return await runPhases({ baseUrl: BASE_URL, signal, probe }, clients, seconds, startupSeconds, seed);
  } finally {
    await probe.close();
  }
}

async function runPhases(api: Api, clients: number, seconds: number, startupSeconds: number, seed: SeedResult):
  Promise<Results | undefined> {
  console.log(`seeded in ${round(seed.seconds, 2)} s: ${JSON.stringify(seed.byAudience)}`);
  console.log(`waited ${await waitQuiet()} s for the product's start-up work (its demo's processes) to settle`);

  const inboxUsers = await Promise.all(['sup1', 'sup2', 'head', 'mgr1'].map((u) => login(api, u)));
  const inbox = await measureInbox(api, inboxUsers, INBOX_REQUESTS);
  if (api.signal.aborted) return undefined;
  console.log(`inbox: p50 ${inbox.all.p50} ms, p95 ${inbox.all.p95} ms`);

  const lanes = await buildLanes(api, clients);
  console.log(`full load: ${clients} clients for ${seconds} s…`);
  const load = await machineCpuOf(() => runClosedLoop(api, lanes, seconds));
  const throughput = { ...load.result, clients, cpuMsPerTask: round(load.cpuMs / Math.max(load.result.tasksCompleted, 1)) };
  if (api.signal.aborted) return undefined;
  console.log(`full load: ${round(throughput.tasksPerSecond, 2)} tasks/s, complete p95 ${throughput.complete.p95} ms`);

  // "Half that load" is half the 50 tasks/s target; if even that cannot be sustained, half the measured.
  const canHalfTarget = throughput.tasksPerSecond >= TARGET.tasksPerSecond / 2;
  const halfTasks = canHalfTarget ? TARGET.tasksPerSecond / 2 : throughput.tasksPerSecond / 2;
  const rateBasis = `≈ ${round(halfTasks, 1)} tasks/s: ${canHalfTarget ? 'half the 50/s target' : 'half the measured'}`;
  // Flows are what the pacer starts; the mix makes each worth tasksPerFlow human tasks.
  const tasksPerFlow = throughput.flowsCompleted ? throughput.tasksCompleted / throughput.flowsCompleted : 1;
  const half = halfTasks / tasksPerFlow;
  console.log(`half load: ${round(half, 2)} flows/s (${rateBasis}) for ${seconds} s…`);
  const halfLoad = { ...(await runPaced(api, lanes, seconds, Math.max(half, 0.1))), ratePerSecond: half, rateBasis };
  if (api.signal.aborted) return undefined;
  console.log(`bare Temporal flows: ${clients} clients for ${seconds} s…`);
  const bareLoad = await machineCpuOf(() => runBareFlows(`127.0.0.1:${PORTS.temporal}`, clients, seconds, api.signal));
  const bareRun = bareLoad.result;
  const cpuMsPerFlow = round(bareLoad.cpuMs / Math.max(bareRun.flowsCompleted, 1));
  if (api.signal.aborted) return undefined;
  const bare = {
    ...bareRun, ratio: round(throughput.tasksPerSecond / Math.max(bareRun.flowsPerSecond, 0.01), 2),
    cpuMsPerFlow, cpuRatio: round(cpuMsPerFlow / Math.max(throughput.cpuMsPerTask, 0.01), 2),
  };
  return { machine: machine(), startupSeconds, seed, inbox, throughput, halfLoad, bare, allocationDraft: await benchAllocationDraft(),
    allocationStore: (await benchAllocationStore()).rows, allocationPreview: await benchAllocationPreview(), targets: TARGET };
}

/** `npm run bench`: the real product on side ports, 100k seeded tasks, inbox latency, flow throughput. */
async function main(): Promise<void> {
  const child = startProduct(PORTS);
  const abort = new AbortController();
  let stopping: Promise<void> | undefined;
  const stop = () => {
    // The load goes first: the product's server.close() waits for busy keep-alive connections.
    abort.abort();
    return (stopping ??= stopProduct(child));
  };
  // `on`, not `once`: npm/tsx may relay a second SIGINT, which must not kill us before the product is down.
  const interrupted = () => {
    if (stopping) return;
    console.error('\ninterrupted: stopping the product…');
    void stop().finally(() => process.exit(130));
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  try {
    const results = await runBench(child, abort.signal);
    if (!results) return; // interrupted: partial numbers would mislead
    printSummary(results);
    writeFileSync(join(ROOT, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('\nall numbers written to bench-results.json');
  } finally {
    await stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
