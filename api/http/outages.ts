/**
 * Which dependency an error says is down: Temporal (a gRPC UNAVAILABLE or DEADLINE_EXCEEDED, usually
 * wrapped as the `cause` of the SDK's own error) or PostgreSQL (no connection, or the server going away).
 * Such an error is the client's cue to retry, so it is answered 503, never 500.
 */
export function outageOf(err: unknown): 'temporal' | 'database' | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return 'temporal';
    if (typeof code === 'string' && (DATABASE_CODES.has(code) || code.startsWith('08'))) return 'database';
    if (typeof message === 'string' && /Timeout acquiring a connection|Connection terminated|connect ECONNREFUSED/.test(message)) return 'database';
  }
  return undefined;
}

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/** Node's socket errors and PostgreSQL's "going away" states (class 08 is "connection exception"). */
const DATABASE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03']);
