import { createApp } from '../api/app.js';
import { createTokens } from '../api/http/auth.js';
import { openDatabase } from '../db/database.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from '../db/demoSeed.js';
import { seedDemoHazards } from './demoHazards.js';
import { seedDemoService } from './demoService.js';
import { seedDemoVisitPlans } from './demoVisitPlans.js';
import { createFormValidator } from '../forms/validate.js';
import { currentConfig } from '../activities/businessSettings.js';
import { ensureAllocationSchedule } from '../worker/allocationSchedule.js';
import { ensureVisitPlanSchedule } from '../worker/visitPlanSchedule.js';
import { bundleWorkflows, createWorker, installWorkerRuntime } from '../worker/createWorker.js';
import { connectClient } from '../runtime/temporalConnection.js';
import { loadConfig } from '../runtime/config.js';
import { createLogger } from '../runtime/logger.js';
import { closeServer, listen, localUrl, provideDatabase, provideSecret, provideTemporal, stopAll, type Stopper } from '../runtime/lifecycle.js';

/**
 * `npm start`: embedded PostgreSQL + Temporal dev server (unless DATABASE_URL / TEMPORAL_ADDRESS
 * point elsewhere), migrations, demo data once, one worker and the API on :3000 (127.0.0.1 in demo mode). Ctrl-C stops all.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  installWorkerRuntime();
  const log = createLogger(config.logLevel, 'dutyflow');
  const stoppers: Stopper[] = [];
  let stopping: Promise<void> | undefined;
  const shutdown = () => (stopping ??= stopAll(stoppers, log).then(() => log.info('stopped')));
  // `on`, not `once`: Ctrl-C may arrive twice (terminal + tsx relaying it); a second signal must not
  // kill the process halfway through stopping.
  const onSignal = () => {
    void shutdown().then(() => process.exit());
  };
  // This process owns the order of shutdown (runtime/embeddedPostgres.ts keeps that package's exit hooks out).
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    // allSettled: when one fails, the others have finished starting (and registered their stoppers).
    // Each server's stopper goes in its own list: whichever was up first, Temporal stops before PostgreSQL.
    const pgStoppers: Stopper[] = [];
    const temporalStoppers: Stopper[] = [];
    const started = await Promise.allSettled([
      provideDatabase(config, log, pgStoppers),
      provideTemporal(config, log, temporalStoppers),
      bundleWorkflows(),
    ] as const);
    stoppers.push(...pgStoppers, ...temporalStoppers);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    const [databaseUrl, temporalAddress, bundle] = started.map((r) => (r as PromiseFulfilledResult<unknown>).value) as
      [string, string, Awaited<ReturnType<typeof bundleWorkflows>>];
    const orm = await openDatabase(databaseUrl, { migrate: config.migrate });
    stoppers.push(() => orm.close());
    const firstDemoStart = config.demo && (await seedDemoData(orm.em.fork()));
    if (firstDemoStart) log.info('demo data seeded');

    // One client for the API and for the activities that start webhook deliveries; closed after the worker stopped.
    const temporal = await connectClient(temporalAddress, config.temporal.namespace, { createNamespace: config.temporal.createNamespace });
    stoppers.push(() => temporal.connection.close());
    const { worker, close } = await createWorker({
      orm, address: temporalAddress, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, bundle,
      calendarCacheMs: config.calendarCacheMs, client: temporal, webhooks: config.webhooks, reconcile: config.reconcile, log,
    });
    const running = worker.run();
    const current = await currentConfig(orm, config);
    const schedule = await ensureAllocationSchedule(temporal, current);
    if (schedule) log.info({ schedule }, 'monthly allocation schedule is set');
    const visitSchedule = await ensureVisitPlanSchedule(temporal, current);
    if (visitSchedule) log.info({ schedule: visitSchedule }, 'weekly visit-plan schedule is set');
    stoppers.push(async () => { worker.shutdown(); await running; await close(); });
    const app = createApp({
      orm, temporal, config, forms: createFormValidator(), tokens: createTokens(provideSecret(config)), log,
    });
    const server = await listen(app, config.port, config.host);
    stoppers.push(() => closeServer(server));
    printWelcome(localUrl(server), config.host, config.temporal.address ? undefined : config.temporal.uiPort, config.demo);
    // The demo's hazards go through the real API and workflows, so they come after everything is up.
    if (firstDemoStart) {
      seedDemoHazards(localUrl(server), log).catch((err: unknown) => log.warn({ err }, 'demo hazards could not be made'));
      seedDemoService(localUrl(server), log).catch((err: unknown) => log.warn({ err }, 'demo service requests could not be made'));
      seedDemoVisitPlans(localUrl(server), temporal, current, log).catch((err: unknown) => log.warn({ err }, 'demo visit plans could not be made'));
    }
    await running;
  } catch (err) {
    log.error({ err }, 'dutyflow could not start');
    await shutdown();
    process.exitCode = 1;
  }
}

function printWelcome(url: string, host: string | undefined, uiPort: number | undefined, demo: boolean): void {
  const lines = [`dutyflow is running: ${url}  (web app; API under /api, OpenAPI at /api/openapi.json)`];
  if (host === '127.0.0.1') lines.push('Only this machine can open it: set HOST=0.0.0.0 to serve the network.');
  if (uiPort) lines.push(`Temporal Web UI: http://localhost:${uiPort}`);
  if (demo) {
    lines.push(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const u of DEMO_USERS) lines.push(`  ${u.username.padEnd(7)} ${u.roles.join(', ')}  ${u.displayName}`);
  }
  lines.push('Press Ctrl-C to stop.');
  console.log(lines.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
