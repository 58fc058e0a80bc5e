import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, describe, expect, it } from 'vitest';
import { ormOptions } from '../../db/ormConfig.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../../runtime/embeddedPostgres.js';
import { startTemporalDevServer, type RunningTemporal } from '../../runtime/temporalDevServer.js';
import { freePort } from '../support/freePort.js';
import { eventually } from '../support/stack.js';

/*
 * Issue 12: `npm start`'s embedded servers run in their own process groups (a Ctrl-C reaches only the
 * product, which stops them last) and are started again when they die — real kill -9s of the real servers.
 */
const logs: { level: string; message: string }[] = [];
const supervisorLog = (level: 'info' | 'warn', _fields: object, message: string) => { logs.push({ level, message }); };
const running: { stop(): Promise<void> }[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The process group a process is in (`ps`), to show a child is not in the test runner's. */
async function processGroup(pid: number): Promise<number> {
  const { execFileSync } = await import('node:child_process');
  return Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
}

async function restartedAfterKill(server: RunningTemporal | RunningPostgres): Promise<void> {
  const before = server.pid()!;
  process.kill(before, 'SIGKILL');
  await eventually(async () => (server.state() === 'restarting' || (server.pid() !== undefined && server.pid() !== before) ? true : undefined), 10_000);
  await eventually(async () => (server.state() === 'running' && server.pid() !== before ? true : undefined), 60_000);
}

describe('supervised embedded servers', () => {
  it('the Temporal dev server runs in its own process group and comes back after kill -9', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const temporal = await startTemporalDevServer({ port, supervisorLog });
    running.push(temporal);
    expect(await processGroup(temporal.pid()!)).toBe(temporal.pid());
    expect(await processGroup(temporal.pid()!)).not.toBe(await processGroup(process.pid));

    await restartedAfterKill(temporal);
    expect(logs.map((l) => `${l.level} ${l.message}`)).toEqual(expect.arrayContaining([
      'warn Temporal dev server exited; restarting it', 'info Temporal dev server is up again',
    ]));

    const pid = temporal.pid()!;
    await temporal.stop();
    expect(temporal.state()).toBe('stopped');
    expect(() => process.kill(pid, 0)).toThrow(); // gone, and not started again
    await new Promise((r) => setTimeout(r, 1_500));
    expect(temporal.pid()).toBeUndefined();
  });

  it('PostgreSQL comes back after kill -9 with every committed row', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dutyflow-pg-'));
    chmodSync(dir, 0o711); // as root, PostgreSQL runs as its own user and must pass through
    dirs.push(dir);
    const port = await freePort();
    const server = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port, supervisorLog });
    running.push(server);
    expect(await processGroup(server.pid()!)).toBe(server.pid());
    const query = async (sql: string) => {
      const orm = await MikroORM.init({ ...ormOptions(server.url('postgres'), 1), migrations: undefined });
      try {
        return await orm.em.getConnection().execute<Record<string, unknown>[]>(sql);
      } finally {
        await orm.close(true);
      }
    };
    await query('create table kept (n int)');
    await query('insert into kept values (42)');

    await restartedAfterKill(server);
    expect(await eventually(async () => query('select n from kept').catch(() => undefined), 30_000)).toEqual([{ n: 42 }]);
    expect(logs.some((l) => l.message === 'PostgreSQL is up again')).toBe(true);
    await server.stop();
    expect(server.state()).toBe('stopped');
  });
});
