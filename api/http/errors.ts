import type { FieldError } from '../../forms/formDefinition.js';
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
  constructor(readonly what: 'task' | 'instance' | 'customer' | 'form' | 'route' | 'filter' | 'attachment' | 'notification' | 'webhook' | 'track') {
    super(404, 'not_found', 'notFound');
  }
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

/**
 * 422 for input the workflow itself refused (a race the API's own checks could not see): one field
 * error at `path`, worded by `fieldKey` in the caller's language, in the same shape as ValidationError.
 */
export class RefusedInputError extends ApiError {
  override readonly name = 'RefusedInputError';
  constructor(readonly path: string, readonly fieldKey: MessageKey) { super(422, 'invalid_input', 'invalidInput'); }
}

/** 413: an upload over the configured size; `details.maxBytes` is the limit. */
export class TooLargeError extends ApiError {
  override readonly name = 'TooLargeError';
  constructor(readonly maxBytes: number) {
    super(413, 'entity_too_large', 'fileTooLarge', { max: byteSize(maxBytes) }, { maxBytes });
  }
}

/** 415: an upload of a type not accepted, or whose bytes are not of the type it claims. */
export class UnsupportedTypeError extends ApiError {
  override readonly name = 'UnsupportedTypeError';
  constructor(key: 'fileType' | 'fileContent', readonly contentType: string, readonly allowed: readonly string[]) {
    super(415, 'unsupported_media_type', key, { type: contentType || '-', allowed: allowed.join(', ') }, { allowed: [...allowed] });
  }
}

/** `10 MB`, `512 KB`, `300 B`, for messages (1 MB = 1024 KB). */
function byteSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} B`;
}

export class UnavailableError extends ApiError {
  override readonly name = 'UnavailableError';
  constructor() { super(503, 'unavailable', 'unavailable'); }
}
