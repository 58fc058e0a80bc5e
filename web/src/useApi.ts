import { useCallback, useEffect, useState } from 'react';
import { api, type ApiError } from './api';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * GETs `path` (null: nothing to load yet) and reloads when it changes; the last answer wins.
 * With `refreshMs`, it reloads that often while the page is visible (quietly: no loading flag).
 */
export function useApi<T>(path: string | null, refreshMs?: number): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: path !== null });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: s.data === undefined || !refreshMs }));
    api<T>(path, { signal: controller.signal }).then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ error: error as ApiError, loading: false });
      },
    );
    return () => controller.abort();
  }, [path, version, refreshMs]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    if (!refreshMs || path === null) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, path, reload]);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
