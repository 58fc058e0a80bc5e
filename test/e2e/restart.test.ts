import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/apiClient.js';
import { regradeProposal } from '../support/fixtures.js';
import { freePort } from '../support/freePort.js';
import { eventually } from '../support/stack.js';

/**
 * `npm start` as a user runs it (embedded PostgreSQL + Temporal dev server + worker + API), stopped
 * with Ctrl-C in the middle of a regrade and started again on the same data folder.
 */
// The data folder does not exist yet, as on a fresh clone: `npm start` makes it (its parent is an
// ordinary 0755 folder, like a checkout), and embedded PostgreSQL, which runs as its own user when we
// are root, must still reach its pg/ folder inside.
const parentDir = mkdtempSync(join(tmpdir(), 'dutyflow-e2e-'));
chmodSync(parentDir, 0o755);
const dataDir = join(parentDir, 'data');
let product: ChildProcess | undefined;
let baseUrl = '';
/** What the product printed (its log, as JSON lines), to check how it stopped. */
let output = '';

/** `npm start` (scripts/start.ts) with `env`, in its own process group as a terminal gives a command: Ctrl-C goes to the whole group. */
function spawnStart(env: Record<string, string>, stdio: StdioOptions = 'ignore'): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env: { ...process.env, ...env }, stdio, detached: true });
}

/** Resolves once the product at `url` is ready (at most 90 s). */
function untilReady(url: string): Promise<true> {
  return eventually(() => fetch(`${url}/readyz`).then((r) => (r.status === 200 ? true : undefined), () => undefined), 90_000);
}

async function startProduct(env: Record<string, string>): Promise<void> {
  output = '';
  product = spawnStart({ ...env, DUTYFLOW_DATA_DIR: dataDir, LOG_LEVEL: 'info' }, ['ignore', 'pipe', 'pipe']);
  product.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  product.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  await untilReady(baseUrl);
}

/** Ctrl-C as a terminal sends it: SIGINT to the whole process group; then wait for the product to stop. */
async function stopProduct(): Promise<number | null> {
  const child = product;
  if (!child || child.exitCode !== null) return child?.exitCode ?? null;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  process.kill(-child.pid!, 'SIGINT');
  return exited;
}

afterAll(async () => {
  await stopProduct();
  rmSync(parentDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('keeps an open regrade across Ctrl-C and a restart, and finishes it', { timeout: 240_000 }, async () => {
    const ports = { PORT: await freePort(), DUTYFLOW_PG_PORT: await freePort(), DUTYFLOW_TEMPORAL_PORT: await freePort() };
    const env = {
      PORT: String(ports.PORT), DUTYFLOW_PG_PORT: String(ports.DUTYFLOW_PG_PORT),
      DUTYFLOW_TEMPORAL_PORT: String(ports.DUTYFLOW_TEMPORAL_PORT), DUTYFLOW_TEMPORAL_UI_PORT: String(await freePort()),
    };
    baseUrl = `http://127.0.0.1:${ports.PORT}`;
    const { call, login } = apiClient(baseUrl);
    await startProduct(env);

    const mgr1 = await login('mgr1');
    const customers = await call('GET', '/api/customers?tier=3', mgr1);
    const customer = customers.body.items[0];
    const started = await call('POST', '/api/processes/regrade/instances', mgr1,
      { data: regradeProposal(customer.id, 4), requestId: 'e2e-restart' });
    expect(started.status).toBe(201);
    await eventually(async () => {
      const { body } = await call('GET', `/api/instances/${started.body.id}`, mgr1);
      return body.tasks?.find((t: { status: string }) => t.status === 'open');
    });
    // Ctrl-C while the manager keeps the API busy: it stops in order, says so, and nothing crashes.
    const busy = Promise.all(Array.from({ length: 20 }, () => call('GET', '/api/tasks?view=mine', mgr1).catch(() => undefined)));
    expect(await stopProduct()).toBe(0);
    await busy;
    expect(output).toContain('"msg":"stopped"');
    expect(output).not.toMatch(/Channel has been shut down|uncaught|unhandled/i);
    for (const port of [ports.PORT, ports.DUTYFLOW_PG_PORT, ports.DUTYFLOW_TEMPORAL_PORT]) (await listenOn(port)).close();

    await startProduct(env);
    const sup1 = await login('sup1');
    // The regrade's review is still in the supervisor's inbox, once (the demo's service requests and
    // complaints, made through the API at the first start, may be there beside it).
    const inbox = await call('GET', '/api/tasks?view=mine&size=100', sup1);
    const reviews = inbox.body.items.filter((t: { instanceId: string }) => t.instanceId === started.body.id);
    expect(reviews).toHaveLength(1);
    const done = await call('POST', `/api/tasks/${reviews[0].id}/complete`, sup1,
      { outcome: 'approve', comment: '同意', requestId: 'e2e-decide' });
    expect(done.status).toBe(200);
    const finished = await eventually(async () => {
      const { body } = await call('GET', `/api/instances/${started.body.id}`, mgr1);
      return body.status === 'completed' ? body : undefined;
    });
    expect(finished.records).toHaveLength(2);
    expect((await call('GET', `/api/customers/${customer.id}`, mgr1)).body.tier).toBe(4);
    expect((await call('GET', '/api/customers?size=1', await login('admin'))).body.total).toBe(360); // seeded once
  });

  it('after a kill -9 of the product alone, the next start stops the servers it left running and comes up on the same data',
    { timeout: 240_000 }, async () => {
      // Its own data folder and ports: the product of the first test still runs on the shared ones.
      const ownDir = mkdtempSync(join(tmpdir(), 'dutyflow-e2e-'));
      chmodSync(ownDir, 0o755);
      const port = await freePort();
      const env = {
        PORT: String(port), DUTYFLOW_PG_PORT: String(await freePort()), DUTYFLOW_TEMPORAL_PORT: String(await freePort()),
        DUTYFLOW_TEMPORAL_UI_PORT: String(await freePort()), DUTYFLOW_DATA_DIR: join(ownDir, 'data'),
      };
      const url = `http://127.0.0.1:${port}`;
      const { call, login } = apiClient(url);
      const started: ChildProcess[] = [];
      let log = '';
      const start = async () => {
        const child = spawnStart({ ...env, LOG_LEVEL: 'info' }, ['ignore', 'pipe', 'pipe']);
        for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => { log += chunk.toString(); });
        started.push(child);
        // Should a start never come up, the failure says how far it got.
        await untilReady(url).catch((err: unknown) => {
          throw new Error(`not ready: ${String(err)}; its log's end:\n${log.slice(-3000)}`);
        });
        return child;
      };
      /** The embedded servers' pids, from their pid files (PostgreSQL's own postmaster.pid). */
      const serverPids = () => [join(env.DUTYFLOW_DATA_DIR, 'pg', 'postmaster.pid'), join(env.DUTYFLOW_DATA_DIR, 'temporal.db.pid')]
        .map((file) => Number(readFileSync(file, 'utf8').split('\n')[0]));
      const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
      /** The same, or none where a start never got as far as its servers. */
      const serversStarted = () => { try { return serverPids(); } catch { return []; } };
      try {
        const first = await start();
        const customer = (await call('GET', '/api/customers?tier=3', await login('mgr1'))).body.items[0];
        const regrade = await call('POST', '/api/processes/regrade/instances', await login('mgr1'),
          { data: regradeProposal(customer.id, 4), requestId: 'e2e-killed' });
        expect(regrade.status).toBe(201);
        const left = serverPids();
        // The OOM killer's way: the Node process alone, no chance to stop its servers; they keep running.
        process.kill(first.pid!, 'SIGKILL');
        await new Promise((resolve) => first.once('exit', resolve));
        expect(left.map(alive)).toEqual([true, true]);

        await start();
        expect(left.map(alive)).toEqual([false, false]);
        const sup1 = await login('sup1');
        const review = await eventually(async () => (await call('GET', `/api/instances/${regrade.body.id}`, sup1)).body.tasks
          ?.find((t: { status: string }) => t.status === 'open'));
        // Right after such a start the workflow may still be re-running its history: 503, retried with the same
        // requestId as the web app does.
        const done = await eventually(async () => {
          const answer = await call('POST', `/api/tasks/${review.id}/complete`, sup1, { outcome: 'approve', comment: '同意', requestId: 'e2e-killed-ok' });
          return answer.status === 503 ? undefined : answer;
        }, 30_000);
        expect(done.status).toBe(200);
      } finally {
        const running = started.filter((child) => child.exitCode === null && child.signalCode === null);
        for (const child of running) process.kill(-child.pid!, 'SIGINT');
        const exited = Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve))));
        // A product that does not stop within 20 s is killed with its servers, not left running for the next tests.
        if (await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 20_000))]) === false) {
          for (const child of running) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
          for (const pid of serversStarted()) if (alive(pid)) process.kill(pid, 'SIGKILL');
          await exited;
        }
        rmSync(ownDir, { recursive: true, force: true });
      }
    });

  it('exits non-zero when it cannot start (its port is taken) and leaves no server running', { timeout: 120_000 }, async () => {
    const taken = await listenOn(await freePort());
    const pgPort = await freePort();
    // Its own data folder: the product of the test before still runs on the shared one.
    const ownDir = mkdtempSync(join(tmpdir(), 'dutyflow-e2e-'));
    chmodSync(ownDir, 0o755);
    const env = {
      PORT: String((taken.address() as { port: number }).port), DUTYFLOW_PG_PORT: String(pgPort),
      DUTYFLOW_TEMPORAL_PORT: String(await freePort()), DUTYFLOW_TEMPORAL_UI_PORT: String(await freePort()),
    };
    try {
      // Its own child: `product` is the running one from the test before, which afterAll stops.
      const failing = spawnStart({ ...env, DUTYFLOW_DATA_DIR: ownDir, LOG_LEVEL: 'fatal' });
      const code = await new Promise<number | null>((resolve) => failing.once('exit', (c) => resolve(c)));
      expect(code).toBe(1);
      // The embedded PostgreSQL it had started was stopped on the way out: its port is free again.
      (await listenOn(pgPort)).close();
    } finally {
      taken.close();
      rmSync(ownDir, { recursive: true, force: true });
    }
  });
});

/** A TCP server on every address (as the product's own server listens), on `port`. */
function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(port, () => resolve(server));
  });
}
