import { afterAll, describe, expect, it } from 'vitest';
import { openConnection } from '../../runtime/temporalConnection.js';
import { startTemporalDevServer } from '../../runtime/temporalDevServer.js';
import { freePort } from '../support/freePort.js';

/*
 * Issue 12: after an outage, the last thing a stopping product does — closing its Temporal connection —
 * must not crash it. The SDK retries a failed call on a timer; a retry that fires after the channel closed
 * throws "Channel has been shut down" where nothing can catch it. openConnection's close waits for them.
 */
const uncaught: unknown[] = [];
const record = (err: unknown) => { uncaught.push(err); };
process.on('uncaughtException', record);
afterAll(() => { process.off('uncaughtException', record); });

describe('closing a Temporal connection while calls are being retried', () => {
  it('waits for the scheduled retries: nothing is thrown after the close', { timeout: 60_000 }, async () => {
    const server = await startTemporalDevServer({ port: await freePort() });
    const connection = await openConnection(server.address);
    await connection.workflowService.getSystemInfo({});
    await server.stop(); // the outage: every call now fails and is retried
    const calls = Array.from({ length: 5 }, () => connection.workflowService.getSystemInfo({}).then(() => 'answered', () => 'failed'));
    await new Promise((r) => setTimeout(r, 30)); // the first attempts have failed; their retries wait on timers
    await connection.close();
    expect(await Promise.all(calls)).toEqual(Array(5).fill('failed'));
    await new Promise((r) => setTimeout(r, 3_000)); // longer than any retry the interceptor schedules
    expect(uncaught).toEqual([]);
  });
});
