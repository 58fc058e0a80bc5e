import type { FieldError } from '../forms/formDefinition.js';
import type { MessageKey } from './messages.js';

/**
 * An error a client can act on. The error middleware turns it into
 * `{error:{code,message,details?}}` with `message` in the caller's language.
 */
export class ApiError extends Error {
  override readonly name: string = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
}

export class UnauthorizedError extends ApiError {
  override readonly name = 'UnauthorizedError';
  constructor(key: MessageKey = 'unauthenticated') { super(401, 'unauthenticated', key); }
}

export class ForbiddenError extends ApiError {
  override readonly name = 'ForbiddenError';
  constructor(key: MessageKey = 'forbidden') { super(403, 'forbidden', key); }
}

export class NotFoundError extends ApiError {
  override readonly name = 'NotFoundError';
  constructor(readonly what: 'task' | 'instance' | 'customer' | 'form' | 'route' | 'filter') { super(404, 'not_found', 'notFound'); }
}

export class ConflictError extends ApiError {
  override readonly name = 'ConflictError';
  constructor(key: MessageKey, params: Record<string, string | number> = {}, details?: Record<string, unknown>) {
    super(409, 'conflict', key, params, details);
  }
}

/** 422 with one entry per bad field; messages are already in the caller's language. */
export class ValidationError extends ApiError {
  override readonly name = 'ValidationError';
  constructor(readonly errors: FieldError[]) { super(422, 'invalid_input', 'invalidInput'); }
}

export class UnavailableError extends ApiError {
  override readonly name = 'UnavailableError';
  constructor() { super(503, 'unavailable', 'unavailable'); }
}
