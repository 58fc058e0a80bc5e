import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection, WorkflowUpdateFailedError, WorkflowUpdateStage, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installWorkerRuntime } from '../../worker/createWorker.js';
import { completeTaskUpdate } from '../../workflows/definitions.js';
import type { CompleteTaskInput, TaskSpec } from '../../workflows/types.js';
import { eventually } from '../support/stack.js';
import { cancelAllSignal, cancelSignal, finishSignal, openSignal, stateQuery, type ProbeState } from '../support/workflows/taskBoardProbe.js';

/*
 * The TaskBoard's own rules on the real Temporal dev server: a probe workflow (test/support/workflows)
 * drives one board; the test's activities can be held back, to set up the interleavings that matter —
 * a completion while the task's row is being written, a second completion while the first is stored,
 * a cancellation while the row is being written.
 */

/** An activity the test may hold until it lets it go. */
class Gate {
  private waiting: (() => void) | undefined;
  private closed = false;
  hold() {
    this.closed = true;
  }
  release() {
    this.closed = false;
    this.waiting?.();
  }
  async pass(): Promise<void> {
    if (this.closed) await new Promise<void>((resolve) => { this.waiting = resolve; });
  }
}

const gates = { openTask: new Gate(), completeTask: new Gate() };
const calls = { openTask: [] as string[], cancelTask: [] as string[] };

const activities = {
  async openTask(input: { taskId: string }) {
    calls.openTask.push(input.taskId);
    await gates.openTask.pass();
    return { taskId: input.taskId, remindInMs: null, dueInMs: null, remindAt: null, dueAt: null };
  },
  async completeTask(input: { taskId: string }) {
    await gates.completeTask.pass();
    return { recordId: `record-${input.taskId}` };
  },
  async cancelTask(input: { taskId: string }) {
    calls.cancelTask.push(input.taskId);
  },
};

let client: Client;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `taskboard-${randomUUID()}`;

beforeAll(async () => {
  installWorkerRuntime();
  const address = inject('temporalAddress');
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../support/workflows/taskBoardProbe.ts', import.meta.url)),
    logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error },
  });
  worker = await Worker.create({ connection: await NativeConnection.connect({ address }), taskQueue, workflowBundle, activities });
  running = worker.run();
  client = new Client({ connection: await Connection.connect({ address }) });
}, 120_000);
afterAll(async () => {
  worker?.shutdown();
  await running;
  await client?.connection.close();
});

const supervisor = { id: 4, roles: ['supervisor'] };
const proposer = { id: 7, roles: ['customer_manager', 'supervisor'] };
const spec = (stepKey = 'review'): TaskSpec => ({
  stepKey, name: 'regrade.review', formKey: 'approval-decision', assigneeId: 4,
  excludedUserIds: [7], allowedOutcomes: ['approve', 'reject'], fixedData: { customerId: 1 },
});
const completion = (taskId: string, extra: Partial<CompleteTaskInput> = {}): CompleteTaskInput =>
  ({ taskId, actor: supervisor, data: { customerId: 1, outcome: 'approve' }, outcome: 'approve', requestId: randomUUID(), ...extra });

async function probe(): Promise<WorkflowHandle> {
  return client.workflow.start('taskBoardProbe', { taskQueue, workflowId: `probe-${randomUUID()}` });
}
const stateOf = (handle: WorkflowHandle) => handle.query(stateQuery) as Promise<ProbeState>;
const until = <T>(handle: WorkflowHandle, pick: (state: ProbeState) => T | undefined) =>
  eventually(async () => pick(await stateOf(handle)), 30_000);

/** The type of the board's refusal of an update (no trace in the history), or 'accepted'. */
async function refusal(handle: WorkflowHandle, input: CompleteTaskInput): Promise<string> {
  try {
    await handle.executeUpdate(completeTaskUpdate, { args: [input] });
    return 'accepted';
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return err.cause.type ?? 'failure';
    throw err;
  }
}

describe('TaskBoard on the real Temporal server', () => {
  it('knows a task before its row is written, so a user who sees it in the inbox can complete it', { timeout: 60_000 }, async () => {
    gates.openTask.hold();
    const handle = await probe();
    const before = calls.openTask.length;
    await handle.signal(openSignal, spec());
    const taskId = await eventually(async () => calls.openTask[before], 30_000);
    // The row is being written (the activity is held): the completion is accepted all the same.
    const accepted = await handle.startUpdate(completeTaskUpdate, { args: [completion(taskId)], waitForStage: WorkflowUpdateStage.ACCEPTED });
    gates.openTask.release();
    expect(await accepted.result()).toMatchObject({ taskId, outcome: 'approve', recordId: `record-${taskId}`, completedBy: 4 });
    expect(await until(handle, (s) => s.outcomes.review)).toBe(`done:approve:record-${taskId}`);
    await handle.signal(finishSignal);
  });

  it('refuses the proposer, a bad outcome, a changed fixed field, and a second completion', { timeout: 60_000 }, async () => {
    const handle = await probe();
    await handle.signal(openSignal, spec());
    const taskId = await until(handle, (s) => s.opened.review);
    expect(await refusal(handle, completion(taskId, { actor: proposer }))).toBe('TaskNotAllowed');
    expect(await refusal(handle, completion(taskId, { outcome: 'return' }))).toBe('TaskBadOutcome');
    expect(await refusal(handle, completion(taskId, { data: { customerId: 2 } }))).toBe('TaskBadData');
    // A completion is being stored (its activity held): a second one is refused as closed.
    gates.completeTask.hold();
    const first = await handle.startUpdate(completeTaskUpdate, { args: [completion(taskId)], waitForStage: WorkflowUpdateStage.ACCEPTED });
    expect(await refusal(handle, completion(taskId))).toBe('TaskClosed');
    gates.completeTask.release();
    expect(await first.result()).toMatchObject({ outcome: 'approve' });
    expect(await refusal(handle, completion(taskId))).toBe('TaskClosed');
    await handle.signal(finishSignal);
  });

  it('cancels open tasks and every later one', { timeout: 60_000 }, async () => {
    const handle = await probe();
    await handle.signal(openSignal, spec());
    const taskId = await until(handle, (s) => s.opened.review);
    await handle.signal(cancelAllSignal);
    expect(await until(handle, (s) => s.outcomes.review)).toBe('cancelled');
    expect(calls.cancelTask).toContain(taskId);
    expect(await refusal(handle, completion(taskId))).toBe('TaskClosed');
    await handle.signal(openSignal, spec('head-review'));
    expect(await until(handle, (s) => s.outcomes['head-review'])).toBe('cancelled');
    expect((await stateOf(handle)).opened['head-review']).toBeUndefined();
    await handle.signal(finishSignal);
  });

  it('cancels one open task and leaves the board and the other tasks open', { timeout: 60_000 }, async () => {
    const handle = await probe();
    await handle.signal(openSignal, spec('first'));
    await handle.signal(openSignal, spec('second'));
    const { first, second } = await until(handle, (s) => (s.opened.first && s.opened.second ? s.opened : undefined));
    await handle.signal(cancelSignal, 'first');
    expect(await until(handle, (s) => s.outcomes.first)).toBe('cancelled');
    expect(calls.cancelTask.filter((id) => id === first || id === second)).toEqual([first]);
    expect(await refusal(handle, completion(first!))).toBe('TaskClosed');
    await handle.signal(cancelSignal, 'first'); // no longer open: nothing to do
    expect(await until(handle, (s) => (s.cancelAnswers.first?.length === 2 ? s.cancelAnswers.first : undefined))).toEqual([true, false]);
    expect(await refusal(handle, completion(second!))).toBe('accepted');
    expect(await until(handle, (s) => s.outcomes.second)).toBe(`done:approve:record-${second}`);
    await handle.signal(cancelSignal, 'second'); // done: stays done
    expect(await until(handle, (s) => s.cancelAnswers.second)).toEqual([false]);
    await handle.signal(openSignal, spec('later'));
    const later = await until(handle, (s) => s.opened.later);
    expect(await refusal(handle, completion(later))).toBe('accepted');
    expect(calls.cancelTask.filter((id) => [first, second, later].includes(id))).toEqual([first]);
    await handle.signal(finishSignal);
  });

  it('a task cancelled while its row is being written is closed once the row exists', { timeout: 60_000 }, async () => {
    gates.openTask.hold();
    const handle = await probe();
    const before = calls.openTask.length;
    await handle.signal(openSignal, spec());
    const taskId = await eventually(async () => calls.openTask[before], 30_000);
    await handle.signal(cancelSignal, 'review');
    expect(await until(handle, (s) => s.cancelAnswers.review)).toEqual([true]);
    gates.openTask.release();
    expect(await until(handle, (s) => s.outcomes.review)).toBe('cancelled');
    expect(calls.cancelTask.filter((id) => id === taskId)).toEqual([taskId, taskId]);
    await handle.signal(finishSignal);
  });
});
