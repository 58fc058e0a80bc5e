import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

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
  /** The first wait before a restart, doubled after each failed one up to `maxBackoffMs` (1 s, 30 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/** A child that ran this long is healthy again: the next death waits only the first backoff. */
const HEALTHY_AFTER_MS = 60_000;

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
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
    const spawnIt = () => spawn(options.command, options.args, { ...options.spawnOptions, detached: true });
    child = options.spawnWith ? options.spawnWith(spawnIt) : spawnIt();
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
          done();
        });
        child.kill(options.stopSignal ?? 'SIGTERM');
      });
    },
  };
}
