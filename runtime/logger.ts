import { DriverException } from '@mikro-orm/core';
import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Wherever they appear in a log line: credentials, session cookies, webhook secrets, and what people
 * typed (form `data`, request bodies and query strings).
 */
const REDACTED_PATHS = [
  'password', 'token', 'secret', 'authorization', 'cookie', 'data', 'body', 'query',
  'headers.authorization', 'headers.cookie', 'headers["set-cookie"]',
].flatMap((path) => [path, `*.${path}`]);

/** PostgreSQL's own fields of an error: codes and names of things, never values. */
const DATABASE_ERROR_FIELDS = ['code', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType'] as const;

function isDatabaseError(err: unknown): err is Error & Record<string, unknown> {
  return err instanceof DriverException || (err instanceof Error && 'severity' in err && 'routine' in err);
}

/**
 * A database error without its message: MikroORM writes the parameter values into the SQL it sends, and
 * a failed statement comes back whole in the message and the stack (a webhook secret, a form's data).
 * What is left says what failed and where: the class, PostgreSQL's code and names, the stack's frames.
 */
function databaseError(err: Error & Record<string, unknown>): Record<string, unknown> {
  const fields = DATABASE_ERROR_FIELDS.filter((key) => typeof err[key] === 'string').map((key) => [key, err[key]]);
  // A line of the statement may start with "at " too: only lines that are not in the message are frames.
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s*at /.test(line) && !err.message.includes(line.trim())).join('\n');
  return { type: err.constructor.name, ...Object.fromEntries(fields), stack: frames };
}

/**
 * One JSON logger per process; secrets and people's input are redacted wherever they appear, database
 * errors are logged without their SQL, and a request without its query string. `destination`: stdout
 * unless given (tests read the lines).
 */
export function createLogger(level: string, name: string, destination?: DestinationStream): Logger {
  return pino({
    name,
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      err: (err: unknown) => (isDatabaseError(err) ? databaseError(err) : pino.stdSerializers.err(err as Error)),
      req: (req: { method?: string; url?: string }) => ({ method: req.method, path: req.url?.split('?')[0] }),
    },
  }, destination);
}
