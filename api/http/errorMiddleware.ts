import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Locale } from '../../forms/formDefinition.js';
import { ApiError, NotFoundError, RefusedInputError, UnavailableError, ValidationError } from './errors.js';
import { requestLocale } from './locale.js';
import { t, THINGS } from './messages.js';
import { outageOf } from './outages.js';

/** When a client should try again after a 503: most outages here are a restart of a few seconds. */
const RETRY_AFTER_SECONDS = 5;

function localeOf(req: Request, res: Response): Locale {
  return (res.locals.locale as Locale | undefined) ?? requestLocale(req);
}

/** Maps every error to `{error:{code,message,details?}}`; never a stack trace to the client. */
export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const locale = localeOf(req, res);
    const outage = err instanceof ApiError ? undefined : outageOf(err);
    if (err instanceof UnavailableError || outage) {
      // Logged without the error's text: a database error's message carries the statement and its values.
      log.warn({ outage: outage ?? 'temporal', method: req.method, path: req.path }, 'a dependency is unavailable');
      res.set('Retry-After', String(RETRY_AFTER_SECONDS));
      res.status(503).json({ error: { code: 'unavailable', message: t(locale, 'unavailable') } });
      return;
    }
    if (err instanceof ApiError) {
      const params = err instanceof NotFoundError ? { what: THINGS[err.what][locale] } : err.params;
      const fieldErrors = err instanceof ValidationError ? err.errors
        : err instanceof RefusedInputError ? [{ path: err.path, message: t(locale, err.fieldKey) }] : undefined;
      const details = fieldErrors ? { errors: fieldErrors } : err.details;
      res.status(err.status).json({
        error: { code: err.code, message: t(locale, err.messageKey, params), ...(details ? { details } : {}) },
        ...(fieldErrors ? { errors: fieldErrors } : {}),
      });
      return;
    }
    const clientError = bodyError(err);
    if (clientError) {
      const json = clientError.type === 'entity.parse.failed';
      res.status(clientError.status).json({
        error: json
          ? { code: 'invalid_json', message: t(locale, 'invalidJson') }
          : { code: clientError.type.replace(/\W/g, '_'), message: t(locale, 'badRequestBody') },
      });
      return;
    }
    log.error({ err, method: req.method, path: req.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: t(locale, 'internal') } });
  };
}

/** The body parser's own 4xx errors (bad JSON, too large, wrong charset), which are the client's. */
function bodyError(err: unknown): { status: number; type: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, type } = err as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || typeof type !== 'string') return undefined;
  return { status, type };
}
