import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';

/**
 * How the product talks to Temporal: a refused or failed call is retried a few times over about half a
 * second (the SDK's default keeps trying for ~20 s), so an outage reaches the user as a prompt 503 that
 * asks them to retry, instead of a request hanging until their patience ends.
 */
export function temporalConnectionOptions(address: string): ConnectionOptions {
  return {
    address, connectTimeout: 5_000,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4 }))],
  };
}

/**
 * Connects a Temporal client, waiting up to `timeoutMs` for the server and namespace to answer
 * (a dev server that just opened its port may still be starting).
 */
export async function connectClient(address: string, namespace: string, timeoutMs = 60_000): Promise<Client> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect(temporalConnectionOptions(address));
      await connection.workflowService.describeNamespace({ namespace });
      return new Client({ connection, namespace });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
