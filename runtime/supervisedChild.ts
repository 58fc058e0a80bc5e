import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Where a supervised server is: up, being started again after it died, or stopped on purpose. */
export type ChildState = 'starting' | 'running' | 'restarting' | 'stopped';

export interface SupervisedChild {
  readonly name: string;
  state(): ChildState;
  /** How many times it was started again after dying. */
  restarts(): number;
  /** The process id of the child running now (logs, tests). */
  pid(): number | undefined;
  /** Stops it for good: `stopSignal`, then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

export interface SupervisedChildOptions {
  name: string;
  command: string;
  args: string[];
  spawnOptions?: SpawnOptions;
  /** Wraps each spawn (the first and every restart), e.g. under a umask. */
  spawnWith?: (spawnIt: () => ChildProcess) => ChildProcess;
  /** Resolves once the freshly spawned child serves (its port is open, it said so); rejects if it cannot. */
  ready(child: ChildProcess): Promise<void>;
  /** How it is asked to stop (PostgreSQL: SIGINT, a fast shutdown). */
  stopSignal?: NodeJS.Signals;
  log(level: 'info' | 'warn', fields: object, message: string): void;
  /**
   * Where the running copy's pid is kept, so that a copy left running by a product killed with kill -9
   * (its children, in their own process groups, outlive it) is stopped before this one starts on the same
   * data. `writtenBy: 'child'` when the server keeps it itself (PostgreSQL's postmaster.pid).
   */
  pidFile?: { path: string; writtenBy: 'child' | 'supervisor' };
  /** The first wait before a restart, doubled after each failed one up to `maxBackoffMs` (1 s, 30 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/** A child that ran this long is healthy again: the next death waits only the first backoff. */
const HEALTHY_AFTER_MS = 60_000;

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Sends `signal` (0: none, only asks); false when there is no such process (any more). */
function signal(pid: number, name: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/** The pid the file names, if that process still runs `command` (a pid is reused by others). */
function leftoverPid(pidFile: string, command: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] === command ? pid : undefined;
  } catch {
    return undefined; // no file, or no such process
  }
}

/** Stops a copy of the server left running by an earlier start: `signal`, then SIGKILL after 10 s. */
async function stopLeftover(options: SupervisedChildOptions): Promise<void> {
  const pid = options.pidFile && leftoverPid(options.pidFile.path, options.command);
  if (!pid) return;
  options.log('warn', { child: options.name, pid }, `${options.name} was left running by an earlier start; stopping it`);
  signal(pid, options.stopSignal ?? 'SIGTERM');
  for (let waited = 0; signal(pid, 0); waited += 100) {
    if (waited === 10_000) signal(pid, 'SIGKILL');
    await sleep(100);
  }
}

/**
 * Runs an embedded server (the Temporal dev server, PostgreSQL) as a child in its own process group, so a
 * Ctrl-C in the terminal reaches only this process, which stops the children last and in order. A child
 * that dies on its own is started again after a backoff (logged), while `state()` says `restarting`.
 * Resolves once the first start is ready; rejects if it is not.
 */
export async function superviseChild(options: SupervisedChildOptions): Promise<SupervisedChild> {
  const initial = options.initialBackoffMs ?? 1_000;
  const max = options.maxBackoffMs ?? 30_000;
  let state: ChildState = 'starting';
  /** False until the first start is ready: a child that dies before is a failed start, not a restart. */
  let supervising = false;
  let restarts = 0;
  let backoff = initial;
  let child: ChildProcess;
  let timer: NodeJS.Timeout | undefined;

  const launch = async (): Promise<void> => {
    await stopLeftover(options);
    const spawnIt = () => spawn(options.command, options.args, { ...options.spawnOptions, detached: true });
    child = options.spawnWith ? options.spawnWith(spawnIt) : spawnIt();
    if (options.pidFile?.writtenBy === 'supervisor' && child.pid) writeFileSync(options.pidFile.path, `${child.pid}\n`, { mode: 0o600 });
    const started = Date.now();
    const current = child;
    current.once('exit', (code, signal) => {
      if (!supervising || state === 'stopped' || current !== child) return;
      if (Date.now() - started > HEALTHY_AFTER_MS) backoff = initial;
      state = 'restarting';
      options.log('warn', { child: options.name, code, signal, restartInMs: backoff }, `${options.name} exited; restarting it`);
      timer = setTimeout(() => void relaunch(), backoff);
      backoff = Math.min(backoff * 2, max);
    });
    await options.ready(current);
    if (state !== 'stopped') state = 'running';
  };

  const relaunch = async () => {
    if (state === 'stopped') return;
    restarts += 1;
    try {
      await launch();
      options.log('info', { child: options.name, restarts }, `${options.name} is up again`);
    } catch (err) {
      // Not ready: its exit (now or when killed here) schedules the next try.
      options.log('warn', { child: options.name, err }, `${options.name} did not come back yet`);
      if (!exited(child)) child.kill('SIGKILL');
    }
  };

  try {
    await launch();
    supervising = true;
  } catch (err) {
    state = 'stopped';
    if (!exited(child!)) child!.kill('SIGKILL');
    throw err;
  }

  return {
    name: options.name,
    state: () => state,
    restarts: () => restarts,
    pid: () => (exited(child) ? undefined : child.pid),
    stop() {
      state = 'stopped';
      clearTimeout(timer);
      if (exited(child)) return Promise.resolve();
      return new Promise<void>((done) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          if (options.pidFile?.writtenBy === 'supervisor') rmSync(options.pidFile.path, { force: true });
          done();
        });
        child.kill(options.stopSignal ?? 'SIGTERM');
      });
    },
  };
}
