import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { AppConfig } from './config.js';
import { startEmbeddedPostgres } from './embeddedPostgres.js';
import { startTemporalDevServer } from './temporalDevServer.js';

/** Something `npm start` started and must stop on the way out, in reverse order. */
export type Stopper = () => Promise<void>;

/**
 * The data folder: others may pass through it (as root, embedded PostgreSQL runs as its own system user
 * and must reach its pg/ folder inside) but not list it; what it holds keeps its own owner-only modes
 * (the session secret 0600, uploads 0700, the Temporal database 0600, pg/ PostgreSQL's own 0700).
 */
function makeDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o711 });
}

/** The database URL: DATABASE_URL, or embedded PostgreSQL under dataDir/pg (started here). */
export async function provideDatabase(config: AppConfig, log: Logger, stoppers: Stopper[]): Promise<string> {
  if (config.databaseUrl) return config.databaseUrl;
  makeDataDir(config.dataDir);
  const pg = await startEmbeddedPostgres({
    dir: join(config.dataDir, 'pg'), port: config.embeddedPgPort, log: (line) => log.debug({ pg: line }),
    supervisorLog: (level, fields, message) => log[level](fields, message),
  });
  stoppers.push(() => pg.stop());
  await pg.createDatabase('dutyflow').catch((err: unknown) => {
    if (!String(err).includes('already exists')) throw err;
  });
  log.info({ port: config.embeddedPgPort }, 'embedded PostgreSQL is up');
  return pg.url('dutyflow');
}

/** The Temporal address: TEMPORAL_ADDRESS, or the dev server with its SQLite file in dataDir (started here). */
export async function provideTemporal(config: AppConfig, log: Logger, stoppers: Stopper[]): Promise<string> {
  if (config.temporal.address) return config.temporal.address;
  makeDataDir(config.dataDir);
  const server = await startTemporalDevServer({
    port: config.temporal.devServerPort,
    uiPort: config.temporal.uiPort,
    dbFile: join(config.dataDir, 'temporal.db'),
    sqliteSynchronous: config.temporal.sqliteSynchronous,
    log: (line) => log.debug({ temporal: line }),
    supervisorLog: (level, fields, message) => log[level](fields, message),
  });
  stoppers.push(() => server.stop());
  log.info({ address: server.address, ui: `http://localhost:${config.temporal.uiPort}` }, 'Temporal dev server is up');
  return server.address;
}

/** DUTYFLOW_SECRET, or in demo mode a random one kept in dataDir so sessions survive a restart. */
export function provideSecret(config: AppConfig): string {
  if (config.secret) return config.secret;
  const file = join(config.dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  makeDataDir(config.dataDir);
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Runs the stoppers newest first, logging (not throwing) failures so every one gets its turn. */
export async function stopAll(stoppers: Stopper[], log: Logger): Promise<void> {
  for (const stop of stoppers.reverse()) {
    await stop().catch((err: unknown) => log.warn({ err }, 'error while stopping'));
  }
}

/**
 * Listens on `port` at `host` (undefined: every address). Rejects when the port cannot be had (Express 5's
 * own `listen` hands that error to its callback, which would take it for success and run on with no server).
 */
export function listen(app: Express, port: number, host: string | undefined): Promise<Server> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => (err ? reject(err) : resolve(server));
    const server = host === undefined ? app.listen(port, done) : app.listen(port, host, done);
    trackHandlers(server);
  });
}

/** The requests of a server whose handlers have not answered yet, and who waits for there to be none. */
const running = new WeakMap<Server, { count: number; waiters: Set<() => void> }>();

/**
 * Counts each request until its handler answers (`end`), which it does even when the connection was cut
 * under it, so `closeServer` can wait for handlers, not only for connections. (A handler that gives up
 * without answering, e.g. an interrupted download, is waited for only until the grace ends.)
 */
export function trackHandlers(server: Server): void {
  const state = { count: 0, waiters: new Set<() => void>() };
  running.set(server, state);
  server.prependListener('request', (_req, res: ServerResponse) => {
    state.count++;
    let answered = false;
    const settle = () => {
      if (answered) return;
      answered = true;
      if (--state.count === 0) for (const wake of state.waiters) wake();
    };
    const { end } = res;
    res.end = function (this: ServerResponse, ...args: Parameters<typeof end>) {
      settle();
      return end.apply(this, args);
    } as typeof end;
  });
}

/** Resolves when no handler of `server` is running, or after `ms`. */
function handlersDone(server: Server, ms: number): Promise<void> {
  const state = running.get(server);
  if (!state || state.count === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      state.waiters.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    state.waiters.add(wake);
  });
}

/** An http URL of `server` for clients on this machine: its own address, or loopback when it listens on every address. */
export function localUrl(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Stops accepting connections, closes idle keep-alive ones at once and busy ones after `graceMs`,
 * so a client that keeps polling cannot hold the shutdown up; then waits (`handlersMs` at most) for
 * handlers still running on a cut connection (a sign-in queued behind others' password hashes), so none
 * is left using the database or Temporal when they close after this.
 */
export async function closeServer(server: Server, graceMs = 5_000, handlersMs = 10_000): Promise<void> {
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
  await handlersDone(server, handlersMs);
}
