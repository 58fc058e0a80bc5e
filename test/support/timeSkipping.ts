import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';

/** The time-skipping test server: TEMPORAL_TEST_SERVER, else the one scripts/setup.mjs installed. */
export function findTestServer(root = process.cwd()): string {
  const fromEnv = process.env.TEMPORAL_TEST_SERVER;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return join(root, '.tools', 'py-test-server', 'bin', 'temporal-test-server');
}

/** One test file's own time-skipping Temporal server, and its clock. */
export interface TimeSkippingServer {
  address: string;
  /**
   * Moves the server's clock `duration` ahead, firing the timers on the way (workflow time only:
   * activities, the API and PostgreSQL keep the real clock).
   */
  skipTime(duration: Duration): Promise<void>;
  /** Moves the server's clock to just past `instant` (an ISO string or epoch ms); nothing if it is there already. */
  skipPast(instant: string | number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts Temporal's time-skipping test server from `path` (never the SDK's download, which needs
 * the network). Its clock runs normally, except while `skipTime`/`skipPast` move it on.
 */
export async function startTimeSkippingServer(path: string): Promise<TimeSkippingServer> {
  if (!existsSync(path)) {
    throw new Error(`no time-skipping test server at ${path}: run \`node scripts/setup.mjs --test\` or set TEMPORAL_TEST_SERVER`);
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  const skipTime = (duration: Duration) => env.sleep(duration);
  return {
    address: env.address,
    skipTime,
    async skipPast(instant) {
      const left = (typeof instant === 'number' ? instant : Date.parse(instant)) - await env.currentTimeMs();
      // A second past it: the timer's workflow task then runs at once, in real time.
      if (left >= 0) await skipTime(left + 1_000);
    },
    stop: () => env.teardown(),
  };
}

/**
 * Resolves once workflow `workflowId` has handled everything that is due: some timer has fired, and
 * after its latest workflow task nothing is scheduled (no workflow task, no activity). Lets a test
 * assert that a skipped-to deadline did *not* lead to anything.
 */
export async function settledAfterTimer(client: Client, workflowId: string, timeoutMs = 15_000): Promise<void> {
  const handle = client.workflow.getHandle(workflowId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = (await handle.fetchHistory()).events ?? [];
    const lastCompleted = events.findLastIndex((e) => e.workflowTaskCompletedEventAttributes);
    const idle = events.some((e) => e.timerFiredEventAttributes)
      && lastCompleted > events.findLastIndex((e) => e.workflowTaskScheduledEventAttributes)
      && !events.slice(lastCompleted).some((e) => e.activityTaskScheduledEventAttributes);
    if (idle) return;
    if (Date.now() > deadline) throw new Error(`workflow ${workflowId} did not settle in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
