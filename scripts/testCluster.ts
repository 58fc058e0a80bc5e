import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { ormOptions } from '../db/ormConfig.js';
import { connectClient } from '../runtime/temporalConnection.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../runtime/embeddedPostgres.js';
import { findTemporalCli } from '../runtime/temporalDevServer.js';
import { SEARCH_ATTRIBUTE_TYPES } from '../runtime/searchAttributes.js';
import { ROOT } from './bench/benchProduct.js';
import type { Api } from './bench/benchHttp.js';
import { openProbe } from './bench/benchSeed.js';
import { round } from './bench/benchStats.js';
import { audit } from './chaos/chaosAudit.js';
import { buildChaosLanes, runLanes, type ChaosLoadStats } from './chaos/chaosLoad.js';

/**
 * `npm run test:cluster`: dutyflow beyond one machine, from deploy/ and without containers, on this host
 * (loopback only). Builds the pinned Temporal server and its SQL tool with Go on first use (many minutes;
 * cached under .cache/temporal-server/), starts an embedded PostgreSQL, sets up Temporal's two schemas with
 * deploy/temporal/setup-schema.sh, starts the server from deploy/temporal/config.yaml, creates the namespace
 * and the search attributes with the `temporal` CLI as an operator would, migrates and seeds dutyflow, starts
 * two `npm run worker` and two `npm run api`, runs a regrade load across both APIs while one worker is
 * SIGKILLed midway, then audits PostgreSQL against Temporal and prints flows, tasks/s, lost and doubled.
 * Not part of `npm test`. CLUSTER_SECONDS (default 60) is the load's length.
 */

export const TEMPORAL_VERSION = 'v1.32.2';
const GO_TOOLCHAIN = process.env.GOTOOLCHAIN || 'go1.27.3';
const BIN_DIR = join(ROOT, '.cache', 'temporal-server', TEMPORAL_VERSION);
const NAMESPACE = 'dutyflow';
const SECRET = 'cluster-test-secret-0123456789';
const START_GRACE_MS = 10_000;

const log = (line: string) => console.log(`[cluster ${new Date().toISOString().slice(11, 19)}] ${line}`);
const run = promisify(execFile);

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); done(false); });
    socket.once('error', () => done(true));
  });
}

/** A frontend port whose whole family (config.yaml: +1, +2, +6, +10, −300, −299, −298, −294) is free. */
async function temporalPortBase(): Promise<number> {
  for (let base = 17_233; base < 30_000; base += 20) {
    const family = [0, 1, 2, 6, 10, -300, -299, -298, -294].map((d) => base + d);
    if ((await Promise.all(family.map(portFree))).every(Boolean)) return base;
  }
  throw new Error('no free port family for Temporal');
}

async function freePorts(n: number, from: number): Promise<number[]> {
  const ports: number[] = [];
  for (let port = from; ports.length < n; port++) if (await portFree(port)) ports.push(port);
  return ports;
}

/** The Temporal server and SQL tool of the pinned version, built once with Go (nice: it takes many minutes on 2 cores). */
async function temporalBinaries(): Promise<{ server: string; sqlTool: string }> {
  const server = join(BIN_DIR, 'server');
  const sqlTool = join(BIN_DIR, 'sql');
  if (existsSync(server) && existsSync(sqlTool)) return { server, sqlTool };
  log(`building Temporal server ${TEMPORAL_VERSION} and its SQL tool with ${GO_TOOLCHAIN} into ${BIN_DIR} (first use only: many minutes)…`);
  mkdirSync(BIN_DIR, { recursive: true });
  await new Promise<void>((resolve, reject) => {
    const child = spawn('nice', ['-n', '19', 'go', 'install',
      `go.temporal.io/server/cmd/server@${TEMPORAL_VERSION}`, `go.temporal.io/server/cmd/tools/sql@${TEMPORAL_VERSION}`],
    { env: { ...process.env, GOTOOLCHAIN: GO_TOOLCHAIN, GOBIN: BIN_DIR }, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go install exited with ${code}`))));
  });
  return { server, sqlTool };
}

/** A long-running child in its own process group (so a SIGKILL takes `npm` and its node together), logging to a file. */
class Proc {
  readonly child: ChildProcess;
  constructor(readonly name: string, command: string, args: string[], env: NodeJS.ProcessEnv, logDir: string) {
    const out = createWriteStream(join(logDir, `${name}.log`));
    this.child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.pipe(out);
    this.child.stderr!.pipe(out);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.child.pid!, signal);
    } catch {
      // gone already
    }
  }

  /** SIGTERM to the group, SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.kill('SIGTERM');
    if (await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])) return;
    this.kill('SIGKILL');
    await exited;
  }
}

async function waitFor(what: string, probe: () => Promise<boolean>, procs: Proc[], timeoutMs = 180_000): Promise<number> {
  const started = performance.now();
  while (!(await probe().catch(() => false))) {
    const dead = procs.find((p) => !p.alive);
    if (dead) throw new Error(`${dead.name} exited (code ${dead.child.exitCode}) before ${what}: see its log`);
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(500);
  }
  return round((performance.now() - started) / 1000, 1);
}

async function npmRun(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await run('npm', ['run', '--silent', script], { cwd: ROOT, env: { ...process.env, ...env } });
  return stdout.trim();
}

/** Upload through one API, download through the other: the postgres attachment store at work. */
async function attachmentAcross(apiA: string, apiB: string, token: string): Promise<string> {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  const headers = { authorization: `Bearer ${token}` };
  const up = await fetch(`${apiA}/api/attachments?name=cluster.png`, { method: 'POST', headers: { ...headers, 'content-type': 'image/png' }, body: png });
  const { id } = await up.json() as { id: string };
  const down = await fetch(`${apiB}/api/attachments/${id}`, { headers });
  const same = Buffer.from(await down.arrayBuffer()).equals(png);
  return `upload ${up.status} through API 1, download ${down.status} through API 2, ${same ? 'same bytes' : 'DIFFERENT BYTES'}`;
}

/** Waits until no instance is left `starting` (at most 2 min), then a grace and a few reconciler passes. */
async function settle(databaseUrl: string): Promise<void> {
  const db = await MikroORM.init({ ...ormOptions(databaseUrl, 1), migrations: undefined });
  try {
    for (let i = 0; i < 120; i++) {
      const rows = await db.em.fork().execute<{ n: number }[]>(`select count(*)::int n from process_instances where status = 'starting'`);
      if (!rows[0]?.n) break;
      await sleep(1_000);
    }
  } finally {
    await db.close(true);
  }
  await sleep(START_GRACE_MS + 6_000);
}

async function main(): Promise<void> {
  const seconds = envInt('CLUSTER_SECONDS', 60);
  const { server, sqlTool } = await temporalBinaries();
  const work = mkdtempSync(join(ROOT, '.cache', 'test-cluster-'));
  chmodSync(work, 0o755); // the embedded PostgreSQL runs as its own system user when we are root
  const logDir = join(work, 'logs');
  mkdirSync(logDir);
  log(`logs in ${logDir}`);
  const procs: Proc[] = [];
  let pg: RunningPostgres | undefined;
  let temporal: Client | undefined;
  let failed = true;
  try {
    const [pgPort] = await freePorts(1, 55_432);
    const base = await temporalPortBase();
    const [api1Port, api2Port] = await freePorts(2, 3_180);
    const pgDir = join(work, 'pg');
    pg = await startEmbeddedPostgres({ dir: pgDir, port: pgPort! });
    log(`PostgreSQL on 127.0.0.1:${pgPort}`);
    const dbEnv = {
      TEMPORAL_DB_HOST: '127.0.0.1', TEMPORAL_DB_PORT: String(pgPort), TEMPORAL_DB_USER: 'postgres',
      TEMPORAL_DB_PASSWORD: new URL(pg.url('postgres')).password, TEMPORAL_DB_NAME: 'temporal', TEMPORAL_VISIBILITY_DB_NAME: 'temporal_visibility',
    };

    await run(join(ROOT, 'deploy', 'temporal', 'setup-schema.sh'), [], { env: { ...process.env, ...dbEnv, TEMPORAL_SQL_TOOL: sqlTool } });
    log('databases temporal and temporal_visibility created and their schemas set up (deploy/temporal/setup-schema.sh, temporal-sql-tool)');

    const address = `127.0.0.1:${base}`;
    procs.push(new Proc('temporal', server, ['--config-file', join(ROOT, 'deploy', 'temporal', 'config.yaml'), 'start'], {
      ...dbEnv, TEMPORAL_FRONTEND_PORT: String(base), TEMPORAL_BIND_IP: '127.0.0.1', TEMPORAL_LOG_LEVEL: 'warn',
      TEMPORAL_DYNAMIC_CONFIG: join(ROOT, 'deploy', 'temporal', 'dynamicconfig.yaml'),
    }, logDir));
    const cli = findTemporalCli(ROOT);
    const upIn = await waitFor('Temporal answers', async () => {
      await run(cli, ['operator', 'cluster', 'health', '--address', address]);
      return true;
    }, procs);
    log(`Temporal server at ${address} in ${upIn} s`);

    // As an operator does it (README, Deploying): the namespace and dutyflow's search attributes, with the CLI.
    await waitFor('the namespace is created', async () => {
      const made = await run(cli, ['operator', 'namespace', 'create', '--address', address, '--namespace', NAMESPACE, '--retention', '30d'])
        .then(() => true, (err: { stderr?: string }) => /already (exists|registered)/i.test(err.stderr ?? ''));
      return made;
    }, procs, 60_000);
    await run(cli, ['operator', 'search-attribute', 'create', '--address', address, '--namespace', NAMESPACE,
      ...SEARCH_ATTRIBUTE_TYPES.flatMap((a) => ['--name', a.name, '--type', a.type])]);
    log(`namespace "${NAMESPACE}" and search attributes ${SEARCH_ATTRIBUTE_TYPES.map((a) => a.name).join(', ')} created with the temporal CLI`);

    await pg.createDatabase('dutyflow');
    const databaseUrl = pg.url('dutyflow');
    const env = {
      DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: NAMESPACE, DUTYFLOW_SECRET: SECRET,
      DUTYFLOW_DEMO: 'true', DUTYFLOW_ATTACHMENT_STORE: 'postgres', DUTYFLOW_MIGRATE: 'false',
      DUTYFLOW_RECONCILE_INTERVAL: '2s', DUTYFLOW_START_GRACE: '10s', LOG_LEVEL: 'warn', HOST: '127.0.0.1',
    };
    log(`npm run migrate: ${await npmRun('migrate', env)}`);
    log(`npm run seed:demo: ${await npmRun('seed:demo', env)}`);

    for (const n of [1, 2]) procs.push(new Proc(`worker${n}`, 'npm', ['run', '--silent', 'worker'], { ...env, DUTYFLOW_DATA_DIR: join(work, `worker${n}`) }, logDir));
    const apis = [api1Port!, api2Port!].map((port, i) => {
      procs.push(new Proc(`api${i + 1}`, 'npm', ['run', '--silent', 'api'], { ...env, PORT: String(port), DUTYFLOW_DATA_DIR: join(work, `api${i + 1}`) }, logDir));
      return `http://127.0.0.1:${port}`;
    });
    for (const url of apis) await waitFor(`${url}/readyz`, async () => (await fetch(`${url}/readyz`)).status === 200, procs);
    // A worker polls once it has bundled the workflows; both must be in before the load.
    await waitFor('both workers poll', async () => {
      const { stdout } = await run(cli, ['task-queue', 'describe', '--address', address, '--namespace', NAMESPACE, '--task-queue', 'dutyflow', '-o', 'json']);
      return new Set(JSON.stringify(JSON.parse(stdout)).match(/"identity":"[^"]+"/g) ?? []).size >= 2;
    }, procs);
    log(`two workers and two APIs (${apis.join(', ')}) are up`);

    const abort = new AbortController();
    const probe = await openProbe(databaseUrl);
    const apiFor = (baseUrl: string): Api => ({ baseUrl, signal: abort.signal, probe });
    const { lanes } = await buildChaosLanes(apiFor(apis[0]!));
    log(`attachments: ${await attachmentAcross(apis[0]!, apis[1]!, lanes[0]!.manager.token)}`);

    const stats: ChaosLoadStats = { starts: [], stepsDone: 0, stepRetries: 0, errors: {} };
    const started = performance.now();
    const until = started + seconds * 1000;
    log(`load: ${lanes.length} lanes (regrade flows with the web app's retries) for ${seconds} s, lanes alternating between the two APIs`);
    const killAt = Math.round(seconds * 0.4);
    const killer = (async () => {
      await sleep(killAt * 1000);
      procs.find((p) => p.name === 'worker1')!.kill('SIGKILL');
      log(`SIGKILL worker1 at ${killAt} s`);
    })();
    await Promise.all([
      runLanes(apiFor(apis[0]!), lanes.filter((_, i) => i % 2 === 0), stats, until),
      runLanes(apiFor(apis[1]!), lanes.filter((_, i) => i % 2 === 1), stats, until),
      killer,
    ]);
    const loadSeconds = (performance.now() - started) / 1000;
    log('load done; settling (starts resolved, then the reconciler\'s grace)…');
    await settle(databaseUrl);
    await probe.close();

    temporal = await connectClient(address, NAMESPACE);
    const system = await temporal.workflowService.getSystemInfo({});
    const result = await audit(databaseUrl, temporal, stats.starts, START_GRACE_MS);
    // Temporal's SQL visibility with dutyflow's search attributes: what an operator's query finds.
    const { count: listed } = await temporal.workflow.count(`DutyflowProcess = 'regrade'`);
    const problems = (kind: string) => result.problems.filter((p) => p.kind === kind).length;
    const row = (name: string, value: string | number) => console.log(`${name.padEnd(44)} ${value}`);
    console.log(`\n=== dutyflow on a Temporal cluster — ${round(loadSeconds, 1)} s of regrade load, 2 workers (one SIGKILLed at ${killAt} s), 2 APIs ===`);
    row('Temporal server version', `${system.serverVersion} (${TEMPORAL_VERSION} built with ${GO_TOOLCHAIN}), PostgreSQL persistence + visibility`);
    row('flows started (201 / 200 answers)', `${result.startsAnswered.created201} / ${result.startsAnswered.replayed200}`);
    row('flows finished (completed / rejected)', result.finished);
    row('still running (all processes)', result.runningLegitimately);
    row('regrades found by search attributes', `${listed} (DutyflowProcess = 'regrade')`);
    row('human tasks completed', stats.stepsDone);
    row('tasks/s', round(stats.stepsDone / loadSeconds, 1));
    row('flows/s', round(stats.starts.filter((s) => s.outcome === 'done').length / loadSeconds, 1));
    row('submissions retried (same requestId)', stats.stepRetries);
    row('client errors', JSON.stringify(stats.errors));
    row('lost', problems('lost'));
    row('doubled', problems('doubled'));
    row('stuck / diverged', `${problems('stuck')} / ${problems('diverged')}`);
    for (const p of result.problems) console.log(`  ${p.kind.toUpperCase()}: ${p.what} ${JSON.stringify(p.ids)}`);
    failed = result.problems.length > 0 || stats.starts.length === 0;
  } finally {
    await temporal?.connection.close().catch(() => undefined);
    for (const p of [...procs].reverse()) await p.stop();
    await pg?.stop().catch(() => undefined);
    if (!failed) rmSync(work, { recursive: true, force: true });
    else log(`kept ${work} (logs, data) for a look`);
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
