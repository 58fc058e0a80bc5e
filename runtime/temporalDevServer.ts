import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { SEARCH_ATTRIBUTE_TYPES } from './searchAttributes.js';

export interface RunningTemporal {
  address: string;
  stop(): Promise<void>;
}

/** The `temporal` CLI: TEMPORAL_CLI, else the one scripts/setup.mjs installed, else PATH. */
export function findTemporalCli(root = process.cwd()): string {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const installed = join(root, '.tools', 'py', 'bin', 'temporal');
  return existsSync(installed) ? installed : 'temporal';
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); done(true); });
    socket.once('error', () => done(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(force); done(); });
    child.kill('SIGTERM');
  });
}

/**
 * Runs `start` under umask 077, so what a child it spawns creates (the dev server's SQLite file, its -wal
 * and -shm) is readable by its owner only, whatever umask this process was given.
 */
function withOwnerOnlyFiles<T>(start: () => T): T {
  const previous = process.umask(0o077);
  try {
    return start();
  } finally {
    process.umask(previous);
  }
}

/** The SQLite files of `dbFile` that an older version left readable by others, made the owner's only. */
function closeToOthers(dbFile: string): void {
  for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}

/**
 * Starts the real Temporal dev server (`temporal server start-dev`) and waits until it accepts
 * connections. With `dbFile` its state survives restarts; without, it lives in memory (tests).
 */
export async function startTemporalDevServer(options: {
  port: number;
  uiPort?: number;
  dbFile?: string;
  /** SQLite `synchronous` for `dbFile` (default full: every commit survives power loss). */
  sqliteSynchronous?: 'full' | 'normal';
  log?: (line: string) => void;
}): Promise<RunningTemporal> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port),
    '--log-level', 'warn', '--namespace', 'default',
    // dutyflow's search attributes, on the namespace it starts with (connectClient adds them to others).
    ...SEARCH_ATTRIBUTE_TYPES.flatMap((a) => ['--search-attribute', `${a.name}=${a.type}`])];
  if (options.dbFile) {
    args.push('--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=wal',
      '--sqlite-pragma', `synchronous=${options.sqliteSynchronous ?? 'full'}`);
  }
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) closeToOthers(options.dbFile);
  const child = withOwnerOnlyFiles(() => spawn(findTemporalCli(), args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  const log = options.log ?? (() => undefined);
  child.stdout?.on('data', (chunk: Buffer) => log(chunk.toString().trim()));
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString().trim()));
  let failure: Error | undefined;
  child.once('error', (err) => { failure = err; });
  child.once('exit', (code) => { failure ??= new Error(`temporal dev server exited with code ${code}`); });
  const deadline = Date.now() + 60_000;
  while (!(await portOpen(options.port))) {
    if (failure) throw failure;
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`temporal dev server did not open port ${options.port} within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { address: `127.0.0.1:${options.port}`, stop: () => stopChild(child) };
}
