/*
 * A workflow that only drives a TaskBoard (workflows/humanTask.ts), for test/integration/taskBoard.test.ts:
 * the test opens and cancels tasks by signal and completes them through the real `completeTask` update, on
 * the real Temporal server, with activities it holds back to set up exact interleavings.
 */
import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';
import { TaskBoard, TaskCancelled } from '../../../workflows/humanTask.js';
import type { TaskSpec } from '../../../workflows/types.js';

export const openSignal = defineSignal<[TaskSpec]>('probe.open');
/** Cancels the task of a step key (TaskBoard.cancel); its answer is kept under the same key. */
export const cancelSignal = defineSignal<[string]>('probe.cancel');
export const cancelAllSignal = defineSignal('probe.cancelAll');
export const finishSignal = defineSignal('probe.finish');

export interface ProbeState {
  /** Task id by step key, as soon as the board has it. */
  opened: Record<string, string>;
  /** How each step's `run` ended: `done:<outcome>:<recordId>` or `cancelled`. */
  outcomes: Record<string, string>;
  cancelAnswers: Record<string, boolean[]>;
}
export const stateQuery = defineQuery<ProbeState>('probe.state');

export async function taskBoardProbe(): Promise<void> {
  const board = new TaskBoard('probe-instance', 'probe');
  const state: ProbeState = { opened: {}, outcomes: {}, cancelAnswers: {} };
  let finished = false;
  setHandler(openSignal, (spec) => {
    void board.run(spec, { onOpened: (taskId) => { state.opened[spec.stepKey] = taskId; } }).then(
      (done) => { state.outcomes[spec.stepKey] = `done:${done.outcome ?? ''}:${done.recordId}`; },
      (err: unknown) => { state.outcomes[spec.stepKey] = err instanceof TaskCancelled ? 'cancelled' : `failed:${String(err)}`; },
    );
  });
  setHandler(cancelSignal, (stepKey) => {
    void board.cancel(state.opened[stepKey] ?? '').then((answer) => {
      state.cancelAnswers[stepKey] = [...(state.cancelAnswers[stepKey] ?? []), answer];
    });
  });
  setHandler(cancelAllSignal, () => void board.cancelAll(7));
  setHandler(finishSignal, () => { finished = true; });
  setHandler(stateQuery, () => state);
  await condition(() => finished);
}
