import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type ApiError } from './api';
import { takePrefetched } from './prefetch';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  /** True until the first answer for the current path (a quiet refresh keeps showing the last one). */
  loading: boolean;
  reload(): void;
}

export interface Refresh<T> {
  /** Reload this often while the page is visible… */
  everyMs: number;
  /** …and, if given, only while the last answer says there is something to follow. */
  while?: (data: T) => boolean;
}

/** GETs `path` (null: nothing to load yet) and reloads when it changes; the last answer wins. */
export function useApi<T>(path: string | null, refresh?: Refresh<T>): Loaded<T> {
  const [state, setState] = useState<{ path?: string | null; data?: T; error?: ApiError }>({});
  const [version, setVersion] = useState(0);
  const latest = useRef<T | undefined>(undefined);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    (takePrefetched<T>(path) ?? api<T>(path, { signal: controller.signal })).then(
      (data) => {
        if (controller.signal.aborted) return; // a prefetched answer cannot be aborted: it is dropped
        latest.current = data;
        setState({ path, data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ path, error: error as ApiError });
      },
    );
    return () => controller.abort();
  }, [path, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const everyMs = refresh?.everyMs;
  const keepGoing = refresh?.while;
  useEffect(() => {
    if (!everyMs || path === null) return;
    const timer = setInterval(() => {
      const wanted = latest.current === undefined || !keepGoing || keepGoing(latest.current);
      if (wanted && document.visibilityState === 'visible') reload();
    }, everyMs);
    return () => clearInterval(timer);
  }, [everyMs, keepGoing, path, reload]);
  const current = state.path === path;
  return {
    data: current || refresh ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: path !== null && !current,
    reload,
  };
}
