import { randomUUID } from 'node:crypto';
import { describe, expect, it, inject } from 'vitest';
import { connectClient } from '../../runtime/temporalConnection.js';
import { freePort } from '../support/freePort.js';

/* What a worker or an API replica meets at start on a Temporal of its own: the run's dev server. */

describe('connecting to Temporal', () => {
  const address = inject('temporalAddress');

  it('creates a missing namespace when allowed, with 30 days of retention', async () => {
    const namespace = `ns-${randomUUID().slice(0, 8)}`;
    const client = await connectClient(address, namespace, { createNamespace: true, timeoutMs: 30_000 });
    try {
      const described = await client.workflowService.describeNamespace({ namespace });
      expect(Number(described.config?.workflowExecutionRetentionTtl?.seconds)).toBe(30 * 24 * 3600);
    } finally {
      await client.connection.close();
    }
  });

  it('otherwise refuses at once, naming the address and the namespace', async () => {
    const started = Date.now();
    await expect(connectClient(address, 'nowhere-to-be-found')).rejects.toThrow(`Temporal at ${address} has no namespace "nowhere-to-be-found"`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('names the address of a Temporal that does not answer', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    await expect(connectClient(dead, 'default', { timeoutMs: 1_000 })).rejects.toThrow(`Temporal at ${dead} did not answer`);
  });
});
