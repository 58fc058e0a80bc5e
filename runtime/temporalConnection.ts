import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';
import { msToTs } from '@temporalio/common';
import proto from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_TYPES, searchAttributeCommand } from './searchAttributes.js';

const { IndexedValueType } = proto.temporal.api.enums.v1;

/** The retries a connection's interceptor has scheduled: when the last is due, and whether it is closing. */
interface PendingRetries {
  dueAt: number;
  closing: boolean;
}

/**
 * How the product talks to Temporal: a refused or failed call is retried a few times over about half a
 * second (the SDK's default keeps trying for ~20 s), so an outage reaches the user as a prompt 503 that
 * asks them to retry, instead of a request hanging until their patience ends. With `pending`, the
 * retries are counted and none is scheduled once the connection is closing (see openConnection).
 */
export function temporalConnectionOptions(address: string, pending?: PendingRetries): ConnectionOptions {
  const retry = defaultGrpcRetryOptions({ maxAttempts: 4 });
  return {
    address, connectTimeout: 5_000,
    interceptors: [makeGrpcRetryInterceptor(pending ? {
      retryableDecider: (attempt, status) => !pending.closing && retry.retryableDecider(attempt, status),
      delayFunction: (attempt, status) => {
        const ms = retry.delayFunction(attempt, status);
        pending.dueAt = Math.max(pending.dueAt, Date.now() + ms);
        return ms;
      },
    } : retry)],
  };
}

/**
 * A connection whose close waits for the retries already scheduled: the SDK's retry fires on a timer,
 * and one that fires after the channel closed throws "Channel has been shut down" where nothing can catch
 * it — a crash at the end of a shutdown that followed an outage.
 */
export async function openConnection(address: string): Promise<Connection> {
  const pending: PendingRetries = { dueAt: 0, closing: false };
  const connection = await Connection.connect(temporalConnectionOptions(address, pending));
  const close = connection.close.bind(connection);
  connection.close = async () => {
    pending.closing = true;
    const wait = pending.dueAt - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait + 50));
    return close();
  };
  return connection;
}

export interface ConnectOptions {
  /** How long to wait for the server to answer (a dev server that just opened its port may still be starting). */
  timeoutMs?: number;
  /**
   * Register the namespace when it does not exist, and dutyflow's search attributes when the namespace lacks
   * them (else fail at once, naming what is missing).
   */
  createNamespace?: boolean;
}

/** The namespace lacks dutyflow's search attributes (or has one of another type): not worth retrying. */
export class SearchAttributesMissingError extends Error {
  override readonly name = 'SearchAttributesMissingError';
}

/** How long a namespace created here keeps closed workflows' histories. */
const RETENTION_DAYS = 30;
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const UNIMPLEMENTED = 12;

/**
 * Connects a Temporal client to `namespace` at `address`. A namespace that does not exist is created
 * (with 30 days' retention) when `createNamespace` says so, else refused at once; so are dutyflow's custom
 * search attributes (runtime/searchAttributes.ts), else a namespace without them is refused at once with the
 * `temporal operator search-attribute create` command that adds them. A server that does not answer within
 * `timeoutMs` is an error that names the address.
 */
export async function connectClient(address: string, namespace: string, { timeoutMs = 60_000, createNamespace = false }: ConnectOptions = {}): Promise<Client> {
  const deadline = Date.now() + timeoutMs;
  for (let created = false; ;) {
    try {
      const connection = await openConnection(address);
      try {
        await connection.workflowService.describeNamespace({ namespace });
        await ensureSearchAttributes(connection, address, namespace, createNamespace);
      } catch (err) {
        await connection.close();
        throw err;
      }
      return new Client({ connection, namespace });
    } catch (err) {
      if (err instanceof SearchAttributesMissingError) throw err;
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
  const connection = await openConnection(address);
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${RETENTION_DAYS} days`) });
    return true;
  } catch (err) {
    return (err as { code?: unknown }).code === ALREADY_EXISTS;
  } finally {
    await connection.close();
  }
}

const INDEXED_TYPE = { Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Int: IndexedValueType.INDEXED_VALUE_TYPE_INT } as const;

/**
 * Makes sure `namespace` has dutyflow's search attributes: missing ones are added when `create` says so
 * (the dev server: they are per namespace with SQL visibility), else refused with the command that adds them;
 * one of the same name but another type is always refused. Temporal's time-skipping test server cannot list
 * them, but takes them: it is given all.
 */
async function ensureSearchAttributes(connection: Connection, address: string, namespace: string, create: boolean): Promise<void> {
  let listed: Record<string, number>;
  try {
    listed = (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
  } catch (err) {
    if ((err as { code?: unknown }).code !== UNIMPLEMENTED) throw err;
    await addSearchAttributes(connection, namespace, SEARCH_ATTRIBUTE_TYPES.map((a) => a.name));
    return;
  }
  const wrong = SEARCH_ATTRIBUTE_TYPES.filter((a) => listed[a.name] !== undefined && listed[a.name] !== INDEXED_TYPE[a.type]);
  if (wrong.length) {
    throw new SearchAttributesMissingError(`Temporal at ${address}, namespace "${namespace}", has search attributes of another type than `
      + `dutyflow needs: ${wrong.map((a) => `${a.name} must be ${a.type}`).join(', ')}`);
  }
  const missing = SEARCH_ATTRIBUTE_TYPES.filter((a) => listed[a.name] === undefined).map((a) => a.name);
  if (!missing.length) return;
  if (!create) {
    throw new SearchAttributesMissingError(`Temporal at ${address}, namespace "${namespace}", lacks dutyflow's search attributes `
      + `${missing.join(', ')}: register them with\n  ${searchAttributeCommand(address, namespace, missing)}\n`
      + 'or set DUTYFLOW_TEMPORAL_CREATE_NAMESPACE=true to let dutyflow add them');
  }
  await addSearchAttributes(connection, namespace, missing);
}

async function addSearchAttributes(connection: Connection, namespace: string, names: string[]): Promise<void> {
  const searchAttributes = Object.fromEntries(SEARCH_ATTRIBUTE_TYPES.filter((a) => names.includes(a.name)).map((a) => [a.name, INDEXED_TYPE[a.type]]));
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
  } catch (err) {
    // Another process starting at the same time may have added them first.
    const listed = await connection.operatorService.listSearchAttributes({ namespace }).then((r) => r.customAttributes ?? {}, () => ({}));
    if (names.some((name) => !(name in listed))) throw err;
  }
}
