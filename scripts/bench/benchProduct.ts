import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where a bench runs the product: its own ports and data folder, beside a running `npm start`. */
export interface BenchPorts {
  name: string;
  http: number;
  pg: number;
  temporal: number;
  temporalUi: number;
}

export function benchUrls(ports: BenchPorts) {
  return {
    baseUrl: `http://127.0.0.1:${ports.http}`,
    databaseUrl: `postgresql://postgres:dutyflow-embedded@127.0.0.1:${ports.pg}/dutyflow`,
  };
}

/**
 * Starts `npm start`'s entry in its own process group on the bench ports, with a fresh data dir
 * (`keepData`: on the data dir a previous start left; `env`: overrides, e.g. for `npm run chaos`).
 */
export function startProduct(ports: BenchPorts, options: { keepData?: boolean; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  const dataDir = join(ROOT, 'data', ports.name);
  if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env, DUTYFLOW_DATA_DIR: dataDir, PORT: String(ports.http), DUTYFLOW_PG_PORT: String(ports.pg),
    DUTYFLOW_TEMPORAL_PORT: String(ports.temporal), DUTYFLOW_TEMPORAL_UI_PORT: String(ports.temporalUi), LOG_LEVEL: 'warn',
    // The seeded filler instances and tasks have no workflows: the reconciler would rightly repair them
    // (fail, cancel) during the measurement. Its first pass runs at start, before the seed.
    DUTYFLOW_RECONCILE_INTERVAL: '60m',
    ...options.env,
  };
  // Always the embedded engines, whatever the caller's shell points at.
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'DUTYFLOW_DEMO']) delete env[name];
  // BENCH_PROFILE=1: the product writes a V8 CPU profile into data/bench-profile when it stops.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'data', 'bench-profile')}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let shown = 0;
  const echo = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      if (shown++ < 40) process.stderr.write(`  [product] ${line.slice(0, 300)}\n`);
      else if (shown === 41) process.stderr.write('  [product] … (further output hidden)\n');
    }
  };
  child.stdout?.on('data', echo);
  child.stderr?.on('data', echo);
  child.once('exit', (code, signal) => {
    process.stderr.write(`  [product] exited (code ${code}, signal ${signal})\n`);
    // Whatever the product left behind (a crash skips its ordered shutdown) goes with its group.
    signalGroup(child, 'SIGTERM');
  });
  return child;
}

/** Signals every process left in the product's process group (it leads its own group). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

/** SIGINT (the product stops its engines itself), then SIGKILL to the whole group after 20 s. */
export async function stopProduct(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGINT');
  const timer = setTimeout(() => {
    console.error('product did not stop within 20 s: killing it');
    signalGroup(child, 'SIGKILL');
  }, 20_000);
  await exited;
  clearTimeout(timer);
}

export async function waitReady(child: ChildProcess, baseUrl: string, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`product exited with code ${child.exitCode} before it was ready`);
    const status = await fetch(`${baseUrl}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return (performance.now() - started) / 1000;
    await sleep(500);
  }
  throw new Error(`product not ready within ${timeoutMs / 1000} s`);
}

/** The machine's CPU time so far (all cores, in clock ticks): busy and idle (with I/O wait). */
function cpuTicks(): { busy: number; idle: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const idle = fields[3]! + fields[4]!;
  return { busy: fields.reduce((sum, n) => sum + n, 0) - idle, idle };
}

/**
 * Waits until the machine is quiet — the CPUs at least `idleShare` idle for `calmSeconds` seconds in a
 * row — or `timeoutMs` has passed; resolves to the seconds waited. A product just started still runs its
 * demo's processes for a minute or two, and a page timed meanwhile measures them.
 */
export async function waitQuiet(idleShare = 0.8, calmSeconds = 3, timeoutMs = 180_000): Promise<number> {
  const started = performance.now();
  let calm = 0;
  let last = cpuTicks();
  while (calm < calmSeconds && performance.now() - started < timeoutMs) {
    await sleep(1000);
    const now = cpuTicks();
    const busy = now.busy - last.busy;
    const idle = now.idle - last.idle;
    calm = idle / Math.max(busy + idle, 1) >= idleShare ? calm + 1 : 0;
    last = now;
  }
  return Math.round((performance.now() - started) / 1000);
}
