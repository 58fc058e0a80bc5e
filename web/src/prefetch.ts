import { api } from './api';

/** How long a prefetched answer stays fresh enough for the page that asked for it. */
const FRESH_MS = 10_000;
const pending = new Map<string, { at: number; answer: Promise<unknown> }>();

/**
 * Starts a GET before the page that needs it mounts (a task opened from a link asks for its task while
 * the session is restored); `useApi` takes the answer once instead of asking again.
 */
export function prefetch(path: string): void {
  if (pending.has(path)) return;
  const answer = api(path);
  // A refusal is not kept for later (an inbox asked for before a one-time password was changed): whoever
  // takes it before it comes sees the error; whoever comes after asks again.
  answer.catch(() => pending.get(path)?.answer === answer && pending.delete(path));
  pending.set(path, { at: Date.now(), answer });
}

/** The prefetched answer for `path`, once, if it is still fresh. */
export function takePrefetched<T>(path: string): Promise<T> | undefined {
  const entry = pending.get(path);
  pending.delete(path);
  return entry && Date.now() - entry.at < FRESH_MS ? (entry.answer as Promise<T>) : undefined;
}
