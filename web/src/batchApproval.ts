import { useCallback, useMemo, useRef, useState } from 'react';
import { api, errorText, newRequestId } from './api';
import type { CompleteTaskBody, CompleteTaskResult, Task } from './types';

/** The review steps a supervisor or the dept head may approve several of at once: the regrade's. */
const BATCH_STEPS = ['regrade.review', 'regrade.headReview'];
/** Completions sent at a time: a page of 100 goes through without holding every connection. */
const PARALLEL = 3;

/** Whether `task` may be approved in a batch by the user who sees it: a regrade review they may decide now. */
export function batchable(task: Task): boolean {
  return task.status === 'open' && task.canAct && BATCH_STEPS.includes(task.name) && task.allowedOutcomes.includes('approve');
}

/** Where one selected task stands in a batch: being sent, approved, or refused with the server's words. */
export type BatchResult = { state: 'sending' } | { state: 'done' } | { state: 'failed'; message: string };

export interface BatchApproval {
  /** The tasks of the page that may be selected. */
  selectable: Task[];
  selectedTasks: Task[];
  isSelected(task: Task): boolean;
  toggle(task: Task): void;
  /** Selects every selectable task of the page, or none when all are. */
  toggleAll(): void;
  result(task: Task): BatchResult | undefined;
  busy: boolean;
  /** A phone's select mode: its cards are selected by a tap (a wide screen always shows the checkboxes). */
  selecting: boolean;
  setSelecting(selecting: boolean): void;
  /** Approves `tasks` (not those approved already) with one comment; resolves when each has its result. */
  approve(tasks: Task[], comment: string): Promise<void>;
}

/**
 * 批量同意: each selected task is completed on its own through `POST /api/tasks/:id/complete`, the one way a
 * task is completed, with a request id of its own kept until it is approved: a double click, or a retry
 * after a failure, is the same completion. One refused does not stop the others. `onApproved` follows the
 * batch (the page reloads its list: the approved ones leave it).
 */
export function useBatchApproval(tasks: Task[], onApproved: () => void): BatchApproval {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [results, setResults] = useState<ReadonlyMap<string, BatchResult>>(new Map());
  const [busy, setBusy] = useState(false);
  const [selecting, setSelecting] = useState(false);
  const requestIds = useRef(new Map<string, string>());
  const sending = useRef(new Set<string>());
  const running = useRef(false);

  const selectable = useMemo(() => tasks.filter(batchable), [tasks]);
  // Only what the page still offers stays selected (an approved task leaves the list, another page has others).
  const selectedTasks = useMemo(() => selectable.filter((task) => selected.has(task.id)), [selectable, selected]);
  const setResult = (id: string, result: BatchResult) => setResults((before) => new Map(before).set(id, result));

  const toggle = useCallback((task: Task) => setSelected((before) => {
    const next = new Set(before);
    if (!next.delete(task.id)) next.add(task.id);
    return next;
  }), []);

  const approveOne = async (task: Task, comment: string) => {
    if (sending.current.has(task.id)) return;
    sending.current.add(task.id);
    const requestId = requestIds.current.get(task.id) ?? newRequestId();
    requestIds.current.set(task.id, requestId);
    setResult(task.id, { state: 'sending' });
    try {
      const body: CompleteTaskBody = { outcome: 'approve', requestId, ...(comment ? { comment } : {}) };
      await api<CompleteTaskResult>(`/tasks/${task.id}/complete`, { body });
      setResult(task.id, { state: 'done' });
    } catch (err) {
      const message = errorText(err, String(err));
      setResult(task.id, { state: 'failed', message });
    } finally {
      sending.current.delete(task.id);
    }
  };

  const approve = async (batch: Task[], comment: string) => {
    // A second click before the first has rendered busy: the batch is already on its way.
    if (running.current) return;
    running.current = true;
    const queue = batch.filter((task) => results.get(task.id)?.state !== 'done');
    setBusy(true);
    try {
      const worker = async () => {
        for (let task = queue.shift(); task; task = queue.shift()) await approveOne(task, comment.trim());
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
    } finally {
      running.current = false;
      setBusy(false);
      onApproved();
    }
  };

  return {
    selectable,
    selectedTasks,
    isSelected: (task) => selected.has(task.id),
    toggle,
    toggleAll: () => setSelected(selectedTasks.length === selectable.length ? new Set() : new Set(selectable.map((task) => task.id))),
    result: (task) => results.get(task.id),
    busy,
    selecting,
    setSelecting: (on) => {
      setSelecting(on);
      if (!on) setSelected(new Set());
    },
    approve,
  };
}
