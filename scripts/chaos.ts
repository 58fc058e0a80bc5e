import { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchUrls, waitReady } from './bench/benchProduct.js';
import type { Api, BenchCustomer, Lane } from './bench/benchHttp.js';
import { openProbe } from './bench/benchSeed.js';
import { round } from './bench/benchStats.js';
import { ormOptions } from '../db/ormConfig.js';
import { connectClient } from '../runtime/temporalConnection.js';
import { audit, instanceStory, type Problem } from './chaos/chaosAudit.js';
import { buildChaosLanes, runChaosFlow, runLanes, type ChaosLoadStats, type StartRecord } from './chaos/chaosLoad.js';
import { ChaosProduct, type Target } from './chaos/chaosProcs.js';

const PORTS = { name: 'chaos', http: 3140, pg: 54349, temporal: 7253, temporalUi: 8253 };
const { baseUrl: BASE_URL, databaseUrl: DATABASE_URL } = benchUrls(PORTS);
const START_GRACE_MS = 10_000;
const PRODUCT_ENV = { DUTYFLOW_RECONCILE_INTERVAL: '2s', DUTYFLOW_START_GRACE: '10s' };
const KILL_EVERY_S = [15, 40] as const;
const TARGETS: readonly Target[] = ['node', 'temporal', 'postgres'];

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

const log = (line: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}`);

interface Kill {
  target: Target;
  pid?: number;
  at: number;
  atWall: number;
  readySeconds?: number;
  startSeconds?: number;
  note?: string;
}

/** The order of kills: every target once per round of three, shuffled. */
function* killOrder(): Generator<Target> {
  for (;;) {
    const round = [...TARGETS];
    for (let i = round.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    yield* round;
  }
}

/**
 * After each kill: bring the product back (the Node process is restarted on the same data folder;
 * a killed engine child takes the product down with it, since nothing supervises it), then time
 * /readyz and a new regrade start (on mgr6's customers, which the load does not use).
 */
async function chaosLoop(product: ChaosProduct, api: Api, probeLane: Lane, stats: ChaosLoadStats, until: number,
  kills: Kill[], probeLink: { open(): Promise<void>; close(): Promise<void> }, probeFlows: Promise<void>[]): Promise<void> {
  const order = killOrder();
  let probeCustomer = 0;
  while (!api.signal.aborted) {
    const wait = KILL_EVERY_S[0] + Math.random() * (KILL_EVERY_S[1] - KILL_EVERY_S[0]);
    if (performance.now() + wait * 1000 > until) return;
    await sleep(wait * 1000);
    const target = order.next().value as Target;
    const kill: Kill = { target, at: performance.now(), atWall: Date.now() };
    kills.push(kill);
    kill.pid = product.kill(target);
    log(`SIGKILL ${target}${kill.pid ? ` (pid ${kill.pid})` : ': not found'}`);
    // Let the product notice (a dead engine child) before it is restarted.
    await sleep(target === 'node' ? 500 : 3_000);
    await probeLink.close();
    await product.restart();
    try {
      await waitReady(product.child, BASE_URL, 180_000);
      kill.readySeconds = round((performance.now() - kill.at) / 1000, 1);
    } catch (err) {
      kill.note = `not ready: ${String(err)}`;
      log(kill.note);
      continue;
    }
    await probeLink.open();
    // A new regrade must start: a reject flow on a probe customer (finished in the background).
    const customer: BenchCustomer = probeLane.customers[probeCustomer++ % probeLane.customers.length]!;
    const started = new Promise<StartRecord>((resolve) => {
      probeFlows.push(runChaosFlow(api, probeLane, customer, stats, 0, resolve, 'reject').then(resolve));
    });
    const record = await started;
    if (record.status === 201 || record.status === 200) kill.startSeconds = round((record.answeredAt - kill.atWall) / 1000, 1);
    else kill.note = `probe start answered ${record.status}`;
    log(`${target} recovered: /readyz after ${kill.readySeconds} s, a new start after ${kill.startSeconds ?? '—'} s`);
  }
}

function printSummary(seconds: number, stats: ChaosLoadStats, kills: Kill[], result: Awaited<ReturnType<typeof audit>>,
  restarts: number): void {
  const row = (name: string, value: string | number) => console.log(`${name.padEnd(52)} ${value}`);
  const p = result.problems;
  const n = (kind: Problem['kind']) => p.filter((x) => x.kind === kind).length;
  console.log(`\n=== dutyflow chaos — ${seconds} s of regrade load, ${kills.length} kills, ${restarts} restarts ===`);
  row('flows started (201 / 200 answers)', `${result.startsAnswered.created201} / ${result.startsAnswered.replayed200} (${result.startsAnswered.instances} instances)`);
  row('start attempts not started (final answer)', Object.entries(
    stats.starts.filter((s) => s.status !== 201 && s.status !== 200).reduce<Record<string, number>>((a, s) => ({ ...a, [s.status]: (a[s.status] ?? 0) + 1 }), {}),
  ).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none');
  row('starts retried (same requestId) at least once', stats.starts.filter((s) => s.retried.length > 0).length);
  row('human steps completed / submissions retried', `${stats.stepsDone} / ${stats.stepRetries}`);
  row('flows the client abandoned', stats.starts.filter((s) => s.outcome === 'abandoned').length);
  row('regrades finished (completed / rejected)', result.finished);
  row('regrades cancelled', result.cancelled);
  row('still running legitimately (all processes)', result.runningLegitimately);
  row('instances by process/status', JSON.stringify(result.byStatus));
  row('workflows Temporal could not describe', result.unknown.length);
  row('starts answered 200 with a failed instance (not lost)', result.toldFailed.length);
  row('LOST', n('lost'));
  row('STUCK', n('stuck'));
  row('DOUBLED', n('doubled'));
  row('DIVERGED', n('diverged'));
  row('client errors', JSON.stringify(stats.errors));
  console.log('recovery after each kill (s from SIGKILL): /readyz 200, then a new regrade start');
  for (const k of kills) {
    row(`  ${k.target}${k.pid ? ` pid ${k.pid}` : ''}`, `${k.readySeconds ?? '—'} / ${k.startSeconds ?? '—'}${k.note ? `  (${k.note})` : ''}`);
  }
}

async function main(): Promise<void> {
  const seconds = envInt('CHAOS_SECONDS', 180);
  const abort = new AbortController();
  const product = new ChaosProduct(PORTS, PRODUCT_ENV);
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= product.stop());
  const interrupted = () => {
    if (stopping) return;
    console.error('\ninterrupted: stopping the product…');
    abort.abort();
    void stop().finally(() => process.exit(130));
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  let temporal: Client | undefined;
  log(`product ready in ${round(await waitReady(product.child, BASE_URL, 180_000), 1)} s (pid ${product.child.pid})`);
  // The load's reads, on a pool that is closed while the product restarts: an open session would hold
  // up PostgreSQL's shutdown (SIGTERM waits for every client). Meanwhile a read is "not yet".
  let probe: Awaited<ReturnType<typeof openProbe>> | undefined = await openProbe(DATABASE_URL);
  const api: Api = {
    baseUrl: BASE_URL, signal: abort.signal,
    probe: {
      openTaskId: (instanceId, stepKey) => probe ? probe.openTaskId(instanceId, stepKey) : Promise.resolve(undefined),
      completedRegrades: (from, to) => probe ? probe.completedRegrades(from, to) : Promise.resolve(0),
    },
  };
  const probeLink = {
    async close() { const old = probe; probe = undefined; await old?.close().catch(() => undefined); },
    async open() { await this.close(); probe = await openProbe(DATABASE_URL); },
  };
  let failed = true;
  try {
    const { lanes, probeLane } = await buildChaosLanes(api);
    const stats: ChaosLoadStats = { starts: [], stepsDone: 0, stepRetries: 0, errors: {} };
    const kills: Kill[] = [];
    const probeFlows: Promise<void>[] = [];
    const until = performance.now() + seconds * 1000;
    log(`load: ${lanes.length} lanes for ${seconds} s, a SIGKILL every ${KILL_EVERY_S.join('–')} s`);
    await Promise.all([
      runLanes(api, lanes, stats, until).then(() => log('load done (flows under way have finished or given up)')),
      chaosLoop(product, api, probeLane, stats, until, kills, probeLink, probeFlows),
    ]);
    await Promise.all(probeFlows);
    log('settling: waiting for the reconciler…');
    await waitReady(product.child, BASE_URL, 180_000);
    await settleStarting(DATABASE_URL);
    temporal = await connectClient(`127.0.0.1:${PORTS.temporal}`, 'default');
    const result = await audit(DATABASE_URL, temporal, stats.starts, START_GRACE_MS);
    printSummary(seconds, stats, kills, result, product.restarts);
    if (result.problems.length) {
      console.log('\nproblems:');
      const told = new Set<string>();
      for (const p of result.problems) {
        console.log(`  ${p.kind.toUpperCase()}: ${p.what} ${JSON.stringify(p.ids)}`);
        const id = (p.ids.instanceId ?? p.ids.workflowId) as string | undefined;
        if (id && !told.has(id)) {
          told.add(id);
          for (const line of await instanceStory(DATABASE_URL, temporal, id)) console.log(`      ${line}`);
        }
      }
    }
    if (result.toldFailed.length) {
      console.log('\nstarts whose retry (same requestId) was answered 200 with status failed: the sweep failed the start first');
      for (const s of result.toldFailed) {
        console.log(`  ${s.manager} customer ${s.customerId} request ${s.requestId} instance ${s.instanceId}, answered 200 at ${new Date(s.answeredAt).toISOString()} after [${s.retried.join(", ")}]`);
        for (const line of await instanceStory(DATABASE_URL, temporal, s.instanceId!)) console.log(`      ${line}`);
      }
    }
    for (const u of result.unknown) console.log(`  could not ask Temporal: ${u}`);
    const abandoned = stats.starts.filter((s) => s.outcome === 'abandoned' || (s.status !== 201 && s.status !== 200 && s.status !== 409 && s.status !== 422));
    if (abandoned.length) {
      console.log('\nclient-side failures (for context; not counted as problems by themselves):');
      for (const s of abandoned.slice(0, 30)) {
        console.log(`  ${s.manager} customer ${s.customerId} ${s.kind} request ${s.requestId} → ${s.status}${s.instanceId ? ` instance ${s.instanceId}` : ''}: ${s.note ?? ''}`);
      }
    }
    failed = result.problems.length > 0;
  } finally {
    await probeLink.close();
    await temporal?.connection.close().catch(() => undefined);
    await stop();
  }
  process.exitCode = failed ? 1 : 0;
}

/** Waits until no `starting` row is left (or 2 min), then lets the reconciler pass over every open row old enough. */
async function settleStarting(databaseUrl: string): Promise<void> {
  const db = await MikroORM.init({ ...ormOptions(databaseUrl, 1), migrations: undefined });
  try {
    const deadline = performance.now() + 120_000;
    for (;;) {
      const rows = (await db.em.fork().getConnection().execute(`select count(*)::int n from process_instances where status = 'starting'`)) as { n: number }[];
      if (!rows[0]?.n || performance.now() > deadline) break;
      await sleep(1_000);
    }
  } finally {
    await db.close(true);
  }
  // Grace (10 s) plus a few reconcile intervals (2 s): every open row old enough has been judged.
  await sleep(START_GRACE_MS + 8_000);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
