import { Client, Connection } from '@temporalio/client';

/**
 * Connects a Temporal client, waiting up to `timeoutMs` for the server and namespace to answer
 * (a dev server that just opened its port may still be starting).
 */
export async function connectClient(address: string, namespace: string, timeoutMs = 60_000): Promise<Client> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 5_000 });
      await connection.workflowService.describeNamespace({ namespace });
      return new Client({ connection, namespace });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
