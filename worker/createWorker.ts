import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/postgresql';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Bundles the workflow code once (webpack); pass the result to every worker of the process. */
export function bundleWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined,
  warn: (message: string) => console.warn(message), error: (message: string) => console.error(message),
};

export interface WorkerOptions {
  orm: MikroORM;
  address: string;
  namespace: string;
  taskQueue: string;
  bundle: WorkflowBundle;
}

/** A worker that runs every dutyflow workflow and activity on `taskQueue`. Call `run()`, then `shutdown()`. */
export async function createWorker(options: WorkerOptions): Promise<{ worker: Worker; close(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.bundle,
    activities: createActivities(options.orm),
    shutdownSignals: [], // the entry point decides when to stop (see scripts/start.ts)
  });
  return { worker, close: () => connection.close() };
}
