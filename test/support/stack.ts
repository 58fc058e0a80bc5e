import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { pino } from 'pino';
import { inject } from 'vitest';
import { createApp } from '../../api/app.js';
import { createTokens } from '../../api/http/auth.js';
import { openDatabase } from '../../db/database.js';
import { ormOptions } from '../../db/ormConfig.js';
import { createFormValidator } from '../../forms/validate.js';
import { loadConfig, type AppConfig } from '../../runtime/config.js';
import { createWorker, installWorkerRuntime } from '../../worker/createWorker.js';
import { connectClient } from '../../runtime/temporalConnection.js';
import { apiClient, type Call } from './apiClient.js';
import { startTimeSkippingServer, type TimeSkippingServer } from './timeSkipping.js';

/** A whole dutyflow (own database cloned from the template, own task queue) for one test file. */
export interface TestStack {
  baseUrl: string;
  orm: MikroORM;
  temporal: Client;
  config: AppConfig;
  /** Session token of a demo user. */
  login(username: string): Promise<string>;
  call: Call;
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  /**
   * With `timeSkipping` only: moves the workflow clock `duration` ahead (timers fire on the way);
   * `skipPast` moves it to just past an instant, e.g. a task's `dueAt`. Without: throws.
   */
  skipTime(duration: Duration): Promise<void>;
  skipPast(instant: string | number): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  /**
   * Runs this file's workflows on its own time-skipping Temporal test server instead of the shared
   * dev server, so a test waits days of workflow time with `skipTime` in milliseconds. The clocks
   * part there: due instants are computed by activities on the real clock, the timers run on the
   * server's; once a test has skipped ahead, a deadline set later is already past for its workflow.
   * So a test that needs a deadline not to fire runs before the first skip of its file.
   */
  timeSkipping?: boolean;
  /** A Temporal server of the test's own (e.g. one it kills), instead of the run's shared dev server. */
  temporalAddress?: string;
  /** A database of the test's own (migrated and seeded by the test), instead of a clone of the demo template. */
  databaseUrl?: string;
}

async function cloneTemplate(): Promise<string> {
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const admin = await MikroORM.init({ ...ormOptions(inject('pgAdminUrl'), 1), migrations: undefined });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.em.getConnection().execute(`create database "${name}" template "${inject('templateDb')}"`);
        break;
      } catch (err) {
        // Two files cloning at the same instant: PostgreSQL refuses the second; try again.
        if (attempt > 20 || !String(err).includes('being accessed by other users')) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.close(true);
  }
  return inject('pgAdminUrl').replace(/\/postgres$/, `/${name}`);
}

/**
 * Starts the stack with configuration `env` (e.g. a short SLA) on top of the demo defaults, on the
 * run's shared Temporal dev server or, with `options.timeSkipping`, on a time-skipping server of its own.
 */
export async function startStack(env: Record<string, string> = {}, options: StackOptions = {}): Promise<TestStack> {
  installWorkerRuntime();
  if (!options.timeSkipping) return startStackOn(env, options.temporalAddress ?? inject('temporalAddress'), undefined, options.databaseUrl);
  const skipping = await startTimeSkippingServer(inject('testServerPath'));
  try {
    return await startStackOn(env, skipping.address, skipping);
  } catch (err) {
    await skipping.stop();
    throw err;
  }
}

async function startStackOn(env: Record<string, string>, temporalAddress: string, skipping?: TimeSkippingServer,
  databaseUrl?: string): Promise<TestStack> {
  // Files (attachments) of this stack only, removed by close().
  const dataDir = mkdtempSync(join(tmpdir(), 'dutyflow-data-'));
  const config = loadConfig({
    DUTYFLOW_DEMO: 'true', DUTYFLOW_SECRET: 'test-secret-0123456789', TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    TEMPORAL_ADDRESS: temporalAddress, LOG_LEVEL: 'silent', DUTYFLOW_DATA_DIR: dataDir,
    DUTYFLOW_ALLOCATION_SCHEDULE: 'off', DUTYFLOW_VISIT_PLAN_SCHEDULE: 'off', ...env,
  });
  const orm = await openDatabase(databaseUrl ?? await cloneTemplate());
  const temporal = await connectClient(temporalAddress, config.temporal.namespace);
  const workerOptions = {
    orm, address: temporalAddress, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue,
    bundle: { codePath: inject('workflowBundlePath') }, calendarCacheMs: config.calendarCacheMs,
    client: temporal, webhooks: config.webhooks, reconcile: config.reconcile,
  };
  let worker: { stop(): Promise<void> } | undefined;
  const startWorker = async () => {
    const { worker: w, close } = await createWorker(workerOptions);
    const running = w.run();
    worker = { stop: async () => { w.shutdown(); await running; await close(); } };
  };
  await startWorker();
  const app = createApp({
    orm, temporal, config, forms: createFormValidator(), tokens: createTokens(config.secret!), log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const { call, login } = apiClient(baseUrl);

  return {
    baseUrl, orm, temporal, config, call, login,
    async stopWorker() {
      await worker?.stop();
      worker = undefined;
    },
    startWorker,
    skipTime: (duration) => (skipping ?? noSkipping()).skipTime(duration),
    skipPast: (instant) => (skipping ?? noSkipping()).skipPast(instant),
    async close() {
      await new Promise((r) => server.close(r));
      await worker?.stop();
      await temporal.connection.close();
      await skipping?.stop();
      await orm.close(true);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function noSkipping(): never {
  throw new Error('skipping time needs startStack(env, { timeSkipping: true })');
}

/** Polls `probe` until it returns something other than undefined (or `timeoutMs` passes). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
