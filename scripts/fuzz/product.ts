import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../bench/benchProduct.js';

/** Where the fuzzer runs the product: ports and a data folder of its own, beside a running `npm start` or bench. */
export const FUZZ_PORTS = { http: 3130, pg: 54379, temporal: 7273 } as const;
export const FUZZ_BASE_URL = `http://127.0.0.1:${FUZZ_PORTS.http}`;
export const FUZZ_DATA_DIR = join(ROOT, 'data', 'fuzz-product');

/**
 * Starts `npm start`'s entry (scripts/start.ts) in its own process group, so one signal to the group
 * stops whatever it left behind. Like benchProduct's startProduct, but the data folder is made here
 * first: the product creates a missing one owner-only, and embedded PostgreSQL, which runs as its own
 * system user when we are root, could not then reach `pg/` inside it.
 */
export function startFuzzProduct(logFile: string): ChildProcess {
  rmSync(FUZZ_DATA_DIR, { recursive: true, force: true });
  mkdirSync(FUZZ_DATA_DIR, { recursive: true });
  chmodSync(FUZZ_DATA_DIR, 0o711); // others may pass through to pg/, not list or read
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DUTYFLOW_DATA_DIR: FUZZ_DATA_DIR, HOST: '127.0.0.1', PORT: String(FUZZ_PORTS.http),
    DUTYFLOW_PG_PORT: String(FUZZ_PORTS.pg), DUTYFLOW_TEMPORAL_PORT: String(FUZZ_PORTS.temporal),
    // 0: the dev server runs headless, one port fewer to clash with.
    DUTYFLOW_TEMPORAL_UI_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  // Always the embedded engines with demo data, whatever the caller's shell points at.
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'DUTYFLOW_DEMO', 'DUTYFLOW_SECRET']) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Everything it says goes to a file (a 5xx has its cause there); the terminal sees its start only.
  const log = createWriteStream(logFile);
  let shown = 0;
  const echo = (chunk: Buffer) => {
    log.write(chunk);
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      if (shown++ < 20) process.stderr.write(`  [product] ${line.slice(0, 300)}\n`);
      else if (shown === 21) process.stderr.write(`  [product] … (the rest is in ${logFile})\n`);
    }
  };
  child.stdout?.on('data', echo);
  child.stderr?.on('data', echo);
  child.once('exit', () => {
    log.end();
    // Whatever the product left behind (a crash skips its ordered shutdown) goes with its group.
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // ESRCH: nothing left in the group.
    }
  });
  return child;
}

/** Removes the product's data folder once it has stopped (the reports stay in data/fuzz-report). */
export function removeFuzzData(): void {
  rmSync(FUZZ_DATA_DIR, { recursive: true, force: true });
}
