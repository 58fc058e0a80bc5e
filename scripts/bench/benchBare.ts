import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { decideUpdate } from './bareFlow/workflow.js';
import { round, summarize, type LatencySummary } from './benchStats.js';

/** What the bare engine did in the same window and with the same clients as the product. */
export interface BareResult {
  clients: number;
  seconds: number;
  flowsCompleted: number;
  flowsPerSecond: number;
  update: LatencySummary;
  errors: number;
}

const TASK_QUEUE = 'bench-bare';

/**
 * `clients` closed loops of bare flows (start → one validated update → result) against the product's
 * own Temporal dev server for `seconds`, with a worker of its own in this process: what one human step
 * costs the engine alone, to put the product's tasks/s beside.
 */
export async function runBareFlows(address: string, clients: number, seconds: number, signal: AbortSignal): Promise<BareResult> {
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('./bareFlow/workflow.ts', import.meta.url)),
    logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error },
  });
  const native = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection: native, namespace: 'default', taskQueue: TASK_QUEUE, workflowBundle });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const updateMs: number[] = [];
  let completed = 0;
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  try {
    await Promise.all(Array.from({ length: clients }, async () => {
      while (performance.now() < end && !signal.aborted) {
        try {
          const handle = await client.workflow.start('bareFlow', { workflowId: `bare-${randomUUID()}`, taskQueue: TASK_QUEUE, args: [] });
          const asked = performance.now();
          await handle.executeUpdate(decideUpdate, { args: ['approve'] });
          updateMs.push(performance.now() - asked);
          await handle.result();
          if (performance.now() <= end) completed += 1;
        } catch {
          errors += 1;
        }
      }
    }));
  } finally {
    worker.shutdown();
    await running;
    await native.close();
    await connection.close();
  }
  return { clients, seconds, flowsCompleted: completed, flowsPerSecond: round(completed / seconds, 2), update: summarize(updateMs), errors };
}
