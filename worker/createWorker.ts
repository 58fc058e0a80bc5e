import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import {
  bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker, type WorkflowBundle, type WorkflowBundleOption,
} from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import type { AppConfig } from '../runtime/config.js';
import { startReconciling, type ReconcileLog } from './reconciler.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Bundles the workflow code once (webpack); pass the result to every worker of the process. */
export function bundleWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined,
  warn: (message: string) => console.warn(message), error: (message: string) => console.error(message),
};

/**
 * Call once, first, in an entry point that runs workers: the entry point (not the SDK) decides
 * when to stop on Ctrl-C, and the SDK logs only warnings.
 */
export function installWorkerRuntime(): void {
  try {
    Runtime.install({ shutdownSignals: [], logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this process (e.g. a second test file in the same fork): keep it.
  }
}

export interface WorkerOptions {
  orm: MikroORM;
  address: string;
  namespace: string;
  taskQueue: string;
  bundle: WorkflowBundleOption;
  /** How long the work calendar is cached (default 60 s). */
  calendarCacheMs?: number;
  /** A client of the same namespace: activities start the webhook delivery workflows with it (on `taskQueue`). */
  client: Client;
  webhooks: AppConfig['webhooks'];
  /** How often the projection is compared with Temporal and repaired (reconciler.ts). */
  reconcile: AppConfig['reconcile'];
  log?: ReconcileLog;
}

/** A worker that runs every dutyflow workflow and activity on `taskQueue`. Call `run()`, then `shutdown()`. */
export async function createWorker(options: WorkerOptions): Promise<{ worker: Worker; close(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.bundle,
    activities: createActivities(options.orm, {
      calendarCacheMs: options.calendarCacheMs,
      webhooks: { client: options.client, taskQueue: options.taskQueue, ...options.webhooks },
      publicUrl: options.webhooks.publicUrl,
    }),
  });
  const reconciling = startReconciling(options.orm, options.client, options.reconcile, options.log);
  return {
    worker,
    async close() {
      await reconciling.stop();
      await connection.close();
    },
  };
}
