import { openDatabase } from '../db/database.js';
import { ConfigError, loadConfig } from '../runtime/config.js';
import { createLogger } from '../runtime/logger.js';
import { currentConfig } from '../activities/businessSettings.js';
import { ensureAllocationSchedule } from './allocationSchedule.js';
import { ensureVisitPlanSchedule } from './visitPlanSchedule.js';
import { bundleWorkflows, createWorker, installWorkerRuntime } from './createWorker.js';
import { connectClient } from '../runtime/temporalConnection.js';

/**
 * `npm run worker`: one worker against DATABASE_URL and TEMPORAL_ADDRESS. Run as many as the load
 * needs, on as many machines; Temporal spreads the work over them.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl || !config.temporal.address) {
    throw new ConfigError('npm run worker needs DATABASE_URL and TEMPORAL_ADDRESS (npm start runs everything embedded)');
  }
  installWorkerRuntime();
  const log = createLogger(config.logLevel, 'dutyflow-worker');
  const orm = await openDatabase(config.databaseUrl, { migrate: config.migrate });
  // Activities start webhook deliveries through this client.
  const client = await connectClient(config.temporal.address, config.temporal.namespace, { createNamespace: config.temporal.createNamespace }).catch(async (err: unknown) => {
    await orm.close();
    throw err;
  });
  try {
    const { worker, close } = await createWorker({
      orm, address: config.temporal.address, namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue, bundle: await bundleWorkflows(), calendarCacheMs: config.calendarCacheMs,
      client, webhooks: config.webhooks, reconcile: config.reconcile, log,
    });
    // Ctrl-C reaches this process both from the terminal and from `npm start`: drain once.
    const stop = () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    // Every worker makes sure of it: idempotent, and no single worker has to be the one.
    const current = await currentConfig(orm, config);
    const schedule = await ensureAllocationSchedule(client, current);
    if (schedule) log.info({ schedule }, 'monthly allocation schedule is set');
    const visitSchedule = await ensureVisitPlanSchedule(client, current);
    if (visitSchedule) log.info({ schedule: visitSchedule }, 'weekly visit-plan schedule is set');
    log.info({ taskQueue: config.temporal.taskQueue }, 'worker running');
    await worker.run();
    await close();
  } finally {
    await client.connection.close();
    await orm.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
