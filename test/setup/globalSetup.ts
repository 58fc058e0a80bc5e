import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../db/database.js';
import { seedDemoData } from '../../db/demoSeed.js';
import type { WorkflowBundle } from '@temporalio/worker';
import { startEmbeddedPostgres, type RunningPostgres } from '../../runtime/embeddedPostgres.js';
import { startTemporalDevServer, type RunningTemporal } from '../../runtime/temporalDevServer.js';
import { bundleWorkflows } from '../../worker/createWorker.js';
import { freePort } from '../support/freePort.js';
import { findTestServer } from '../support/timeSkipping.js';

export const TEMPLATE_DB = 'dutyflow_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the server's maintenance database (for CREATE DATABASE ... TEMPLATE). */
    pgAdminUrl: string;
    templateDb: string;
    temporalAddress: string;
    workflowBundlePath: string;
    /** The time-skipping test server's binary, for the files that start one (`startStack(env, { timeSkipping: true })`). */
    testServerPath: string;
  }
}

/**
 * Once per test run: a fresh embedded PostgreSQL with a migrated, demo-seeded template database
 * (each test file clones it), an in-memory Temporal dev server, and the workflow bundle.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'dutyflow-test-'));
  chmodSync(dir, 0o755); // the embedded server runs as its own system user when we are root
  const [pgPort, temporalPort] = [await freePort(), await freePort()];
  // allSettled: if one server fails to start, the other is still stopped below.
  const [pg, temporal, bundle] = await Promise.allSettled([
    startEmbeddedPostgres({ dir: join(dir, 'pg'), port: pgPort }),
    startTemporalDevServer({ port: temporalPort }),
    bundleWorkflows(),
  ]);
  const teardown = async () => {
    if (temporal.status === 'fulfilled') await temporal.value.stop();
    if (pg.status === 'fulfilled') await pg.value.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const started of [pg, temporal, bundle]) if (started.status === 'rejected') throw started.reason;
    const server = (pg as PromiseFulfilledResult<RunningPostgres>).value;
    await server.createDatabase(TEMPLATE_DB);
    const orm = await openDatabase(server.url(TEMPLATE_DB), { poolMax: 2 });
    await seedDemoData(orm.em.fork());
    await orm.close(true);

    const bundlePath = join(dir, 'workflow-bundle.js');
    writeFileSync(bundlePath, (bundle as PromiseFulfilledResult<WorkflowBundle>).value.code);
    project.provide('pgAdminUrl', server.url('postgres'));
    project.provide('templateDb', TEMPLATE_DB);
    project.provide('temporalAddress', (temporal as PromiseFulfilledResult<RunningTemporal>).value.address);
    project.provide('workflowBundlePath', bundlePath);
    project.provide('testServerPath', findTestServer());
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
