import { useCallback, useMemo, useRef, useState } from 'react';
import { newRequestId } from '../api';

/** Where drafts live in the browser; all of them go at logout (a shared phone keeps nobody's work). */
export const DRAFT_PREFIX = 'dutyflow.draft.';

interface StoredDraft {
  data: Record<string, unknown>;
  /** The submission's id: a submission sent before a reload and sent again after it is still one record. */
  requestId: string;
  savedAt: string;
}

function read(key: string): StoredDraft | undefined {
  try {
    const raw = localStorage.getItem(DRAFT_PREFIX + key);
    const draft = raw ? (JSON.parse(raw) as StoredDraft) : undefined;
    return draft && typeof draft.requestId === 'string' && typeof draft.data === 'object' ? draft : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A form's draft kept on the device under `key` (user and form, e.g. `start:7:regrade`): what was typed
 * survives a reload or a lost connection, and the submission keeps its requestId across them. `initial`
 * is what the form starts with when there is no draft; `save` records each edit, `clear` ends the draft
 * once the server has the submission.
 */
export function useFormDraft(key: string, initial: Record<string, unknown>) {
  const stored = useMemo(() => read(key), [key]);
  const [requestId] = useState(() => stored?.requestId ?? newRequestId());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const save = useCallback((data: Record<string, unknown>) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const draft: StoredDraft = { data, requestId, savedAt: new Date().toISOString() };
      try {
        localStorage.setItem(DRAFT_PREFIX + key, JSON.stringify(draft));
      } catch {
        // Storage full or refused (private mode): the form still works, without a draft.
      }
    }, 300);
  }, [key, requestId]);
  /** What the draft holds now (the last edit saved), for a form that starts over from newer server data. */
  const latest = useCallback(() => read(key)?.data, [key]);
  const clear = useCallback(() => {
    clearTimeout(timer.current);
    localStorage.removeItem(DRAFT_PREFIX + key);
  }, [key]);
  return {
    initial: stored ? { ...initial, ...stored.data } : initial,
    restoredAt: stored?.savedAt,
    requestId,
    save,
    latest,
    clear,
  };
}

/** Removes every draft (at logout). */
export function clearAllDrafts(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(DRAFT_PREFIX)) localStorage.removeItem(key);
}
