import { chmodSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { SEARCH_ATTRIBUTE_TYPES } from './searchAttributes.js';
import { superviseChild, type ChildState } from './supervisedChild.js';

export interface RunningTemporal {
  address: string;
  /** Up, or being started again after it died (runtime/supervisedChild.ts), and its process. */
  state(): ChildState;
  pid(): number | undefined;
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
  /** What the supervisor says: a death and a restart (warn), back up (info). */
  supervisorLog?: (level: 'info' | 'warn', fields: object, message: string) => void;
}): Promise<RunningTemporal> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port),
    '--log-level', 'warn', '--namespace', 'default',
    // An activity a workflow task schedules comes back with that task's answer (as deploy/temporal/dynamicconfig.yaml).
    '--dynamic-config-value', 'system.enableActivityEagerExecution=true',
    // dutyflow's search attributes, on the namespace it starts with (connectClient adds them to others).
    ...SEARCH_ATTRIBUTE_TYPES.flatMap((a) => ['--search-attribute', `${a.name}=${a.type}`])];
  if (options.dbFile) {
    args.push('--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=wal',
      '--sqlite-pragma', `synchronous=${options.sqliteSynchronous ?? 'full'}`);
  }
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) closeToOthers(options.dbFile);
  const log = options.log ?? (() => undefined);
  const child = await superviseChild({
    name: 'Temporal dev server', command: findTemporalCli(), args, spawnOptions: { stdio: ['ignore', 'pipe', 'pipe'] },
    ...(options.dbFile ? { pidFile: { path: `${options.dbFile}.pid`, writtenBy: 'supervisor' as const } } : {}),
    spawnWith: withOwnerOnlyFiles,
    log: options.supervisorLog ?? (() => undefined),
    async ready(spawned) {
      spawned.stdout?.on('data', (chunk: Buffer) => log(chunk.toString().trim()));
      spawned.stderr?.on('data', (chunk: Buffer) => log(chunk.toString().trim()));
      let failure: Error | undefined;
      spawned.once('error', (err) => { failure = err; });
      spawned.once('exit', (code) => { failure ??= new Error(`temporal dev server exited with code ${code}`); });
      const deadline = Date.now() + 60_000;
      while (!(await portOpen(options.port))) {
        if (failure) throw failure;
        if (Date.now() > deadline) throw new Error(`temporal dev server did not open port ${options.port} within 60 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  });
  return { address: `127.0.0.1:${options.port}`, state: child.state, pid: child.pid, stop: child.stop };
}
