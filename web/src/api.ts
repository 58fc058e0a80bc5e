import type { Locale } from './messages';

/** One field's error as the API reports it (JSON pointer into the form data). */
export interface FieldError {
  path: string;
  message: string;
}

/** An API answer other than 2xx, with the server's message (already in the user's language). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const LOCALE_KEY = 'dutyflow.locale';

/** The UI language this device remembers: English if it was chosen here, else zh-CN. */
export function storedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN'; // storage turned off
  }
}

/** Whether this device has a language of its own (chosen here), which wins over the user's setting. */
export function hasStoredLocale(): boolean {
  return localStorage.getItem(LOCALE_KEY) !== null;
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(LOCALE_KEY, locale);
}

let currentLocale: string = storedLocale();
let onUnauthorized: () => void = () => undefined;

/** Every request asks for answers (and error messages) in the UI's language. */
export function setApiLocale(locale: string): void {
  currentLocale = locale;
}

/** Called when the session has ended (401), so the app can show the login again. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** How often a submission is sent again while the server answers 503 (a restart, a dependency down). */
const UNAVAILABLE_RETRIES = 3;

/** A body the server takes once per `requestId`: sending it again can never make a second record. */
function isIdempotent(body: unknown): boolean {
  return typeof body === 'object' && body !== null && typeof (body as { requestId?: unknown }).requestId === 'string';
}

function send(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal }): Promise<Response> {
  return fetch(`/api${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      'Accept-Language': currentLocale,
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
    signal: init.signal,
  });
}

/**
 * Calls the dutyflow API with the session cookie. Throws ApiError with the server's message and
 * field errors for any non-2xx answer; `null` for 204. A submission with a `requestId` that meets a
 * 503 is sent again, with the same requestId, after the server's Retry-After (at most 5 s, 3 times):
 * the user's decision is not lost to a short outage, and cannot be stored twice.
 */
/** Resolves when the browser is back online; when it says it is (the server is what is away), in 2 s. */
function online(): Promise<void> {
  if (navigator.onLine) return new Promise((resolve) => setTimeout(resolve, 2_000));
  return new Promise((resolve) => window.addEventListener('online', () => resolve(), { once: true }));
}

let pendingSubmissions = 0;
const pendingListeners = new Set<(count: number) => void>();

/** Follows how many submissions wait for the connection (the app shows it); returns the unsubscribe. */
export function onPendingSubmissions(listener: (count: number) => void): () => void {
  pendingListeners.add(listener);
  listener(pendingSubmissions);
  return () => pendingListeners.delete(listener);
}

function countPending(change: number): void {
  pendingSubmissions += change;
  for (const listener of pendingListeners) listener(pendingSubmissions);
}

/**
 * Sends a request; a submission with a `requestId` that cannot reach the server (offline, the network
 * gone) waits for the connection and is sent again, with the same requestId, so it arrives exactly once.
 */
async function sendOrWait(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal }): Promise<Response> {
  try {
    return await send(path, init);
  } catch (err) {
    if (!isIdempotent(init.body) || init.signal?.aborted) throw err;
  }
  countPending(1);
  try {
    for (;;) {
      await online();
      try {
        return await send(path, init);
      } catch {
        // Still no connection: wait again.
      }
    }
  } finally {
    countPending(-1);
  }
}

/** Sign-ins on this page so far: a 401 to a request sent before the latest one says nothing about the session now. */
let signIns = 0;

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const sentAfter = signIns;
  let response = await sendOrWait(path, init);
  for (let retry = 0; response.status === 503 && retry < UNAVAILABLE_RETRIES && isIdempotent(init.body); retry++) {
    const seconds = Math.min(Number(response.headers.get('retry-after')) || 1, 5);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    response = await send(path, init);
  }
  if (response.status === 204) return null as T;
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok && path === '/auth/login') signIns += 1;
  if (response.ok) return payload as T;
  if (response.status === 401 && path !== '/auth/login' && sentAfter === signIns) onUnauthorized();
  const error = (payload.error ?? {}) as { code?: string; message?: string };
  const fieldErrors = Array.isArray(payload.errors) ? (payload.errors as FieldError[]) : [];
  throw new ApiError(response.status, error.code ?? 'error', error.message ?? fieldErrors.map((e) => e.message).join('; '), fieldErrors);
}

/** What to tell the user of a failed call: the server's field messages, else its message; `fallback` when no answer came. */
export function errorText(err: unknown, fallback: string): string {
  if (!(err instanceof ApiError)) return fallback;
  return err.fieldErrors.map((e) => e.message).join('；') || err.message;
}

/** A fresh id for a submission, so a double click or a retry is one record on the server. */
export function newRequestId(): string {
  return crypto.randomUUID();
}

/** Builds `?a=1&b=2` from the defined, non-empty values. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** What the API answers for an uploaded file. */
export interface AttachmentMeta {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

/**
 * Posts one file as the raw request body to `path` (an import); the API's JSON answer, or ApiError with
 * the field errors of every bad row (422), 413 too large, 415 type not accepted.
 */
export async function postFile<T>(path: string, file: File): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method: 'POST',
    headers: { 'Accept-Language': currentLocale, 'Content-Type': file.type || (file.name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream') },
    body: file,
    credentials: 'same-origin',
  });
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return payload as T;
  if (response.status === 401) onUnauthorized();
  const error = (payload.error ?? {}) as { code?: string; message?: string };
  const fieldErrors = Array.isArray(payload.errors) ? (payload.errors as FieldError[]) : [];
  throw new ApiError(response.status, error.code ?? 'error', error.message ?? String(response.status), fieldErrors);
}

/**
 * Uploads one file as the request body; with `taskId` it belongs to that task's process at once.
 * Throws ApiError (413 too large, 415 type not accepted) with the server's message.
 */
export async function uploadFile(file: File, taskId?: string): Promise<AttachmentMeta> {
  const response = await fetch(`/api/attachments${queryString({ name: file.name, taskId })}`, {
    method: 'POST',
    headers: { 'Accept-Language': currentLocale, 'Content-Type': file.type || 'application/octet-stream' },
    body: file,
    credentials: 'same-origin',
  });
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return payload as unknown as AttachmentMeta;
  if (response.status === 401) onUnauthorized();
  const error = (payload.error ?? {}) as { code?: string; message?: string };
  throw new ApiError(response.status, error.code ?? 'error', error.message ?? String(response.status));
}
