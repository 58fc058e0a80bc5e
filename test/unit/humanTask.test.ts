import { ApplicationFailure } from '@temporalio/common';
import type * as TemporalCommon from '@temporalio/common';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CompleteTaskInput } from '../../workflows/types.js';

/*
 * The TaskBoard's own rules, with the workflow runtime replaced by a few plain functions so the
 * order of events can be controlled exactly. Temporal itself is exercised by the integration tests.
 */
const runtime = vi.hoisted(() => ({
  handlers: new Map<string, { handler: (input: unknown) => Promise<unknown>; validator?: (input: unknown) => void }>(),
  activities: {} as Record<string, (input: any) => Promise<unknown>>,
  ids: 0,
}));

vi.mock('@temporalio/workflow', async () => {
  const common = await vi.importActual<typeof TemporalCommon>('@temporalio/common');
  return {
    ApplicationFailure: common.ApplicationFailure,
    ActivityFailure: common.ActivityFailure,
    defineUpdate: (name: string) => ({ name }),
    defineQuery: (name: string) => ({ name }),
    setHandler: (def: { name: string }, handler: never, options?: { validator?: never }) =>
      runtime.handlers.set(def.name, { handler, validator: options?.validator }),
    proxyLocalActivities: () => new Proxy({}, { get: (_, name: string) => (input: unknown) => runtime.activities[name]!(input) }),
    proxyActivities: () => new Proxy({}, { get: (_, name: string) => (input: unknown) => runtime.activities[name]!(input) }),
    uuid4: () => `task-${++runtime.ids}`,
    patched: () => true,
    condition: async (done: () => boolean) => {
      while (!done()) await new Promise((r) => setTimeout(r, 1));
      return true;
    },
  };
});

const { TaskBoard, TaskCancelled } = await import('../../workflows/humanTask.js');

const supervisor = { id: 4, roles: ['supervisor'] };
const proposer = { id: 7, roles: ['customer_manager', 'supervisor'] };
const spec = {
  stepKey: 'review', name: 'regrade.review', formKey: 'approval-decision', assigneeId: 4,
  excludedUserIds: [7], allowedOutcomes: ['approve', 'reject'], fixedData: { customerId: 1 },
};

function update(): { handler: (input: CompleteTaskInput) => Promise<unknown>; validate: (input: CompleteTaskInput) => void } {
  const registered = runtime.handlers.get('completeTask')!;
  return { handler: registered.handler, validate: (input) => registered.validator?.(input) };
}

function completion(taskId: string, actor = supervisor, extra: Partial<CompleteTaskInput> = {}): CompleteTaskInput {
  return { taskId, actor, data: { customerId: 1, outcome: 'approve' }, outcome: 'approve', requestId: 'r1', ...extra };
}

function rejection(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof ApplicationFailure ? err.type ?? undefined : String(err);
  }
}

beforeEach(() => {
  runtime.handlers.clear();
  runtime.activities = {
    openTask: async (input: { taskId: string }) => ({ taskId: input.taskId, remindInMs: null, dueInMs: null }),
    completeTask: async () => ({ recordId: 'record-1' }),
    cancelTask: async () => undefined,
  };
});

describe('TaskBoard', () => {
  it('knows a task before its row is written, so a user who sees it in the inbox can complete it', async () => {
    const board = new TaskBoard('instance-1', 'regrade');
    const refusalsWhileWriting: (string | undefined)[] = [];
    runtime.activities.openTask = async (input: { taskId: string }) => {
      refusalsWhileWriting.push(rejection(() => update().validate(completion(input.taskId))));
      return { taskId: input.taskId, remindInMs: null, dueInMs: null };
    };
    const running = board.run(spec);
    await vi.waitFor(() => expect(refusalsWhileWriting).toHaveLength(1));
    expect(refusalsWhileWriting).toEqual([undefined]);
    await update().handler(completion('task-' + runtime.ids));
    await expect(running).resolves.toMatchObject({ outcome: 'approve', recordId: 'record-1', completedBy: 4 });
  });

  it('refuses the proposer, a bad outcome, a changed fixed field, and a second completion', async () => {
    const board = new TaskBoard('instance-1', 'regrade');
    const running = board.run(spec);
    const taskId = `task-${runtime.ids}`;
    const { validate, handler } = update();
    expect(rejection(() => validate(completion(taskId, proposer)))).toBe('TaskNotAllowed');
    expect(rejection(() => validate(completion(taskId, supervisor, { outcome: 'return' })))).toBe('TaskBadOutcome');
    expect(rejection(() => validate(completion(taskId, supervisor, { data: { customerId: 2 } })))).toBe('TaskBadData');
    let finish!: (value: { recordId: string }) => void;
    runtime.activities.completeTask = () => new Promise((resolve) => { finish = resolve; });
    const first = handler(completion(taskId));
    expect(rejection(() => validate(completion(taskId, supervisor, { requestId: 'r2' })))).toBe('TaskClosed');
    finish({ recordId: 'record-1' });
    await first;
    await running;
    expect(rejection(() => validate(completion(taskId)))).toBe('TaskClosed');
  });

  it('cancels open tasks and every later one', async () => {
    const board = new TaskBoard('instance-1', 'regrade');
    const cancelled: string[] = [];
    runtime.activities.cancelTask = async (input: { taskId: string }) => { cancelled.push(input.taskId); };
    const running = board.run(spec);
    const taskId = `task-${runtime.ids}`;
    await board.cancelAll(7);
    await expect(running).rejects.toBeInstanceOf(TaskCancelled);
    expect(cancelled).toContain(taskId);
    expect(rejection(() => update().validate(completion(taskId)))).toBe('TaskClosed');
    await expect(board.run({ ...spec, stepKey: 'head-review' })).rejects.toBeInstanceOf(TaskCancelled);
  });

  it('cancels one open task and leaves the board and the other tasks open', async () => {
    const board = new TaskBoard('instance-1', 'regrade');
    const cancelled: string[] = [];
    runtime.activities.cancelTask = async (input: { taskId: string }) => { cancelled.push(input.taskId); };
    const first = board.run(spec);
    const firstId = `task-${runtime.ids}`;
    const second = board.run({ ...spec, stepKey: 'head-review' });
    const secondId = `task-${runtime.ids}`;
    expect(await board.cancel(firstId)).toBe(true);
    await expect(first).rejects.toBeInstanceOf(TaskCancelled);
    expect(new Set(cancelled)).toEqual(new Set([firstId]));
    expect(rejection(() => update().validate(completion(firstId)))).toBe('TaskClosed');
    expect(await board.cancel(firstId)).toBe(false); // no longer open: nothing to do
    expect(rejection(() => update().validate(completion(secondId)))).toBeUndefined();
    await update().handler(completion(secondId));
    await expect(second).resolves.toMatchObject({ outcome: 'approve' });
    expect(await board.cancel(secondId)).toBe(false); // done: stays done
    const later = board.run({ ...spec, stepKey: 'later' });
    const laterId = `task-${runtime.ids}`;
    await update().handler(completion(laterId));
    await expect(later).resolves.toMatchObject({ stepKey: 'later' });
    expect(new Set(cancelled)).toEqual(new Set([firstId]));
  });

  it('a task cancelled while its row is being written is closed once the row exists', async () => {
    const board = new TaskBoard('instance-1', 'regrade');
    const cancelled: string[] = [];
    runtime.activities.cancelTask = async (input: { taskId: string }) => { cancelled.push(input.taskId); };
    let written!: () => void;
    runtime.activities.openTask = (input: { taskId: string }) =>
      new Promise((resolve) => { written = () => resolve({ taskId: input.taskId, remindInMs: null, dueInMs: null }); });
    let taskId = '';
    const running = board.run(spec, { onOpened: (id) => { taskId = id; } });
    await vi.waitFor(() => expect(written).toBeDefined());
    expect(await board.cancel(taskId)).toBe(true);
    written();
    await expect(running).rejects.toBeInstanceOf(TaskCancelled);
    expect(cancelled).toEqual([taskId, taskId]);
  });
});
