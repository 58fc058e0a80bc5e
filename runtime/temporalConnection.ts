import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';
import { msToTs } from '@temporalio/common';

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

export interface ConnectOptions {
  /** How long to wait for the server to answer (a dev server that just opened its port may still be starting). */
  timeoutMs?: number;
  /** Register the namespace when it does not exist (else fail at once, naming it). */
  createNamespace?: boolean;
}

/** How long a namespace created here keeps closed workflows' histories. */
const RETENTION_DAYS = 30;
const NOT_FOUND = 5;

/**
 * Connects a Temporal client to `namespace` at `address`. A namespace that does not exist is created
 * (with 30 days' retention) when `createNamespace` says so, else refused at once; a server that does not
 * answer within `timeoutMs` is an error that names the address.
 */
export async function connectClient(address: string, namespace: string, { timeoutMs = 60_000, createNamespace = false }: ConnectOptions = {}): Promise<Client> {
  const deadline = Date.now() + timeoutMs;
  for (let created = false; ;) {
    try {
      const connection = await Connection.connect(temporalConnectionOptions(address));
      try {
        await connection.workflowService.describeNamespace({ namespace });
      } catch (err) {
        await connection.close();
        throw err;
      }
      return new Client({ connection, namespace });
    } catch (err) {
      if ((err as { code?: unknown }).code === NOT_FOUND) {
        if (!createNamespace) throw new Error(`Temporal at ${address} has no namespace "${namespace}": create it, or set DUTYFLOW_TEMPORAL_CREATE_NAMESPACE=true`);
        if (!created) created = await register(address, namespace);
      }
      if (Date.now() > deadline) throw new Error(`Temporal at ${address} did not answer for namespace "${namespace}" within ${timeoutMs / 1000} s`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Registers `namespace` (an existing one, made meanwhile by another process, is fine); true once done. */
async function register(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect(temporalConnectionOptions(address));
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${RETENTION_DAYS} days`) });
    return true;
  } catch (err) {
    return (err as { code?: unknown }).code === 6; // ALREADY_EXISTS
  } finally {
    await connection.close();
  }
}
