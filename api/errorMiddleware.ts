import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Locale } from '../forms/formDefinition.js';
import { ApiError, NotFoundError, ValidationError } from './errors.js';
import { requestLocale } from './locale.js';
import { t, THINGS } from './messages.js';

function localeOf(req: Request, res: Response): Locale {
  return (res.locals.locale as Locale | undefined) ?? requestLocale(req);
}

/** Maps every error to `{error:{code,message,details?}}`; never a stack trace to the client. */
export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const locale = localeOf(req, res);
    if (err instanceof ApiError) {
      const params = err instanceof NotFoundError ? { what: THINGS[err.what][locale] } : err.params;
      const details = err instanceof ValidationError ? { errors: err.errors } : err.details;
      res.status(err.status).json({
        error: { code: err.code, message: t(locale, err.messageKey, params), ...(details ? { details } : {}) },
        ...(err instanceof ValidationError ? { errors: err.errors } : {}),
      });
      return;
    }
    if (isBodyParseError(err)) {
      res.status(400).json({ error: { code: 'invalid_json', message: t(locale, 'invalidJson') } });
      return;
    }
    log.error({ err, method: req.method, path: req.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: t(locale, 'internal') } });
  };
}

function isBodyParseError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { type?: string }).type === 'entity.parse.failed';
}
