import { ActivityFailure, ApplicationFailure, condition, patched, proxyActivities, proxyLocalActivities, setHandler, uuid4 } from '@temporalio/workflow';
import type { TaskActionActivities } from '../activities/taskActionActivities.js';
import type { TaskActivities } from '../activities/taskActivities.js';
import { LOCAL_ACTIVITY_OPTIONS, RECORDED_ACTIVITY_OPTIONS } from './activityOptions.js';
import { completeTaskUpdate, handOverUpdate, taskActionUpdate, taskStatesQuery, withdrawUpdate } from './definitions.js';
import {
  changedFixedFields, escalatedAudience, handedOverAudience, isAllowedOutcome, mayAct, mayHandOver, transferredAudience, type TaskAudience,
} from '../domain/taskRules.js';
import {
  TASK_REJECTIONS, type CompleteTaskInput, type HandOverInput, type SignerPosition, type TaskActionInput, type TaskCompletion, type TaskSpec,
} from './types.js';

/** A sign step (see signStep.ts) that its tasks' 加签 goes to. */
export interface SignGroup {
  addSigner(fromTaskId: string, userId: number, position: SignerPosition): void;
}

// Local activities (see activityOptions.ts): a human step costs one workflow task instead of three.
const tasks = proxyLocalActivities<TaskActivities>(LOCAL_ACTIVITY_OPTIONS);
const actions = proxyLocalActivities<TaskActionActivities>(LOCAL_ACTIVITY_OPTIONS);
// What an update handler writes: after Temporal has recorded the update (see activityOptions.ts).
const recordedTasks = proxyActivities<TaskActivities>(RECORDED_ACTIVITY_OPTIONS);
const recordedActions = proxyActivities<TaskActionActivities>(RECORDED_ACTIVITY_OPTIONS);

/** The patch that moved update handlers' writes to regular activities. */
export const HANDLER_WRITES_PATCH = 'handler-writes-after-accept';

/**
 * The activities an update handler writes with: regular ones from this version on; histories that
 * wrote with local ones replay as they were.
 */
export function handlerWrites() {
  return patched(HANDLER_WRITES_PATCH) ? { tasks: recordedTasks, actions: recordedActions } : { tasks, actions };
}

/** `completing`: a completion is being stored; it can no longer be refused or taken back. */
type TaskState = 'open' | 'completing' | 'done' | 'cancelled';

interface OpenTask {
  spec: TaskSpec;
  stepKey: string;
  /**
   * Who may act: decided here alone (opening, 转交, escalation) and replaced whole, before the row is
   * told; the activities write it as given.
   */
  audience: TaskAudience;
  allowedOutcomes: string[];
  state: TaskState;
  /** Set with state `done`. */
  result?: TaskCompletion;
  /** When the reminder and the escalation fire (epoch ms, workflow time); moved by `moveDeadline`. */
  remindAt: number | null;
  dueAt: number | null;
  reminded: boolean;
  escalated: boolean;
  /** Bumped by every move, so a wait on the old deadline starts again. */
  moves: number;
  /** Waiting for a signer added before (前加签): completion is refused until released. */
  held: boolean;
  group?: SignGroup;
}

/** Workflow code may read the clock: Temporal makes it the (replayed) time of the workflow task. */
export function workflowNow(): number {
  // eslint-disable-next-line no-restricted-properties -- deterministic inside the workflow sandbox
  return Date.now();
}

/** Thrown by `TaskBoard.run` when its task was cancelled, or the board was before it opened. */
export class TaskCancelled extends Error {
  override readonly name = 'TaskCancelled';
}

/**
 * The human-task engine of one process run: opens tasks (for a user or candidate roles), waits for
 * their completion through the `completeTask` update, and runs their reminder and escalation timers.
 * Several tasks may be open at once (fan-out); a repeated step (after a send-back) gets a new round.
 * Create exactly one per workflow run, before the first task.
 */
export class TaskBoard {
  private readonly open = new Map<string, OpenTask>();
  /** Tasks that were open here and are closed now, with how they ended (an update for one is refused as closed). */
  private readonly closed = new Map<string, 'done' | 'cancelled'>();
  private readonly rounds = new Map<string, number>();
  private cancelled = false;

  constructor(private readonly instanceId: string, private readonly processKey: string) {
    setHandler(completeTaskUpdate, (input) => this.complete(input), {
      validator: (input) => this.validate(input),
    });
    setHandler(taskActionUpdate, (input) => this.act(input), {
      validator: (input) => this.validateAction(input),
    });
    setHandler(handOverUpdate, (input) => this.handOver(input), {
      validator: (input) => this.validateHandOver(input),
    });
    setHandler(taskStatesQuery, () => ({
      ...Object.fromEntries(this.closed),
      ...Object.fromEntries([...this.open].map(([taskId, task]) => [taskId, task.state === 'completing' ? 'open' : task.state])),
    }));
  }

  /**
   * Opens a task and resolves when a permitted user has completed it. `onOpened` learns its id (e.g.
   * to move its deadline later); `onOverdue` runs when the task is still open at its due time (after
   * the escalation), e.g. to open a 督办 for a leader.
   */
  async run(spec: TaskSpec, hooks: {
    onOpened?: (taskId: string) => void; onOverdue?: (taskId: string) => Promise<void>; group?: SignGroup;
  } = {}): Promise<TaskCompletion> {
    if (this.cancelled) throw new TaskCancelled();
    const round = (this.rounds.get(spec.stepKey) ?? 0) + 1;
    this.rounds.set(spec.stepKey, round);
    const stepKey = round === 1 ? spec.stepKey : `${spec.stepKey}#${round}`;
    const audience: TaskAudience = {
      assigneeId: spec.assigneeId ?? null,
      candidateRoles: [...(spec.candidateRoles ?? [])],
      excludedUserIds: [...(spec.excludedUserIds ?? [])],
    };
    const allowedOutcomes = [...(spec.allowedOutcomes ?? [])];
    // Registered before its row is written: once the inbox shows the task it can be completed.
    const taskId = uuid4();
    const task: OpenTask = {
      spec, stepKey, audience, allowedOutcomes, state: 'open', remindAt: null, dueAt: null, reminded: false, escalated: false, moves: 0,
      held: false, group: hooks.group,
    };
    this.open.set(taskId, task);
    hooks.onOpened?.(taskId);
    const opened = await tasks.openTask({
      taskId,
      instanceId: this.instanceId,
      processKey: this.processKey,
      stepKey,
      name: spec.name,
      formKey: spec.formKey,
      ...audience,
      allowedOutcomes,
      actions: [...(spec.actions ?? [])],
      prefill: spec.prefill ?? null,
      fixedData: spec.fixedData ?? null,
      context: spec.context ?? {},
      sla: spec.sla ?? null,
      priority: spec.priority ?? 0,
    });
    // Cancelled while its row was being written: the row is closed now that it exists.
    if (task.state === 'cancelled') await tasks.cancelTask({ taskId, actorId: null });
    const done = () => task.state === 'done' || task.state === 'cancelled';

    const escalate = async () => {
      const roles = spec.sla?.escalateToRoles ?? [];
      task.audience = escalatedAudience(task.audience, roles);
      await tasks.escalateTask({ taskId, addRoles: roles, audience: task.audience });
      await hooks.onOverdue?.(taskId);
    };
    if (patched('task-deadlines-may-move')) {
      // The row's own instants: workflow time runs a little behind the activity's clock, so a due time
      // derived from it would fire early. (Older activity results carry only the offsets.)
      const now = workflowNow();
      task.remindAt = opened.remindAt !== undefined ? opened.remindAt : opened.remindInMs === null ? null : now + opened.remindInMs;
      task.dueAt = opened.dueAt !== undefined ? opened.dueAt : opened.dueInMs === null ? null : now + opened.dueInMs;
      await this.watchDeadlines(taskId, task, done, escalate);
    } else {
      // Runs started before deadlines could move keep their timers as they were recorded.
      if (opened.remindInMs !== null && !(await condition(done, opened.remindInMs))) {
        await tasks.remindTask({ taskId });
      }
      if (opened.dueInMs !== null) {
        const left = Math.max(opened.dueInMs - (opened.remindInMs ?? 0), 1);
        if (!(await condition(done, left))) await escalate();
      }
    }
    await condition(done);
    this.open.delete(taskId);
    this.closed.set(taskId, task.result ? 'done' : 'cancelled');
    if (!task.result) throw new TaskCancelled(); // done() and no result: cancelled
    return task.result;
  }

  /** An open task's due time (epoch ms, workflow time), or null. */
  dueOf(taskId: string): number | null {
    return this.open.get(taskId)?.dueAt ?? null;
  }

  /**
   * Moves an open task's deadline (e.g. an approved extension): the reminder and the escalation wait
   * for the new times, and the task row shows the new due date. Returns false if the task is not open.
   */
  async moveDeadline(taskId: string, dueAt: number, remindAt: number | null): Promise<boolean> {
    const task = this.open.get(taskId);
    if (task?.state !== 'open') return false;
    await tasks.moveTaskDeadline({ taskId, dueAt: new Date(dueAt).toISOString() });
    task.dueAt = dueAt;
    task.remindAt = remindAt;
    task.reminded = false;
    task.escalated = false;
    task.moves += 1;
    return true;
  }

  /** The reminder, then the escalation, each at its time; a moved deadline restarts the wait. */
  private async watchDeadlines(taskId: string, task: OpenTask, done: () => boolean, escalate: () => Promise<void>): Promise<void> {
    while (!done()) {
      const remindNext = !task.reminded && task.remindAt !== null && (task.dueAt === null || task.remindAt < task.dueAt);
      const at = remindNext ? task.remindAt : task.escalated ? null : task.dueAt;
      const moves = task.moves;
      const changed = () => done() || task.moves !== moves;
      if (at === null) {
        await condition(changed);
        continue;
      }
      if (await condition(changed, Math.max(at - workflowNow(), 1))) continue;
      if (remindNext) {
        task.reminded = true;
        await tasks.remindTask({ taskId });
      } else {
        task.escalated = true;
        await escalate();
      }
    }
  }

  /** Whether a completion is being stored right now (it can no longer be taken back). */
  get completing(): boolean {
    return [...this.open.values()].some((task) => task.state === 'completing');
  }

  /** Holds or releases an open task (前加签: its owner decides after the added signer). */
  hold(taskId: string, held: boolean): void {
    const task = this.open.get(taskId);
    if (task) task.held = held;
  }

  /** Refuses an approval action the step does not allow, or a user it cannot go to; no trace in history. */
  private validateAction(input: TaskActionInput): void {
    const task = this.open.get(input.taskId);
    if (!task) throw this.notHere(input.taskId);
    if (task.state !== 'open') throw ApplicationFailure.nonRetryable('task is not open', TASK_REJECTIONS.closed);
    if (!mayAct(task.audience, input.actor) || !(task.spec.actions ?? []).includes(input.action)) {
      throw ApplicationFailure.nonRetryable('action not allowed on this task', TASK_REJECTIONS.notAllowed);
    }
    const bad = (message: string) => ApplicationFailure.nonRetryable(message, TASK_REJECTIONS.badData);
    if (input.action === 'cc') {
      if (!input.userIds?.length) throw bad('nobody to copy in');
      return;
    }
    // A validator only refuses (no trace in history) and does not run on replay: an action accepted
    // under the looser rule of old replays as it was, so no patched() is needed.
    const step = { ...task.spec, escalateToRoles: task.spec.sla?.escalateToRoles };
    if (typeof input.userId !== 'number'
      || !mayHandOver(step, task.audience, input.actor, { id: input.userId, roles: input.userRoles ?? [] })) {
      throw bad('not a user this task can go to');
    }
    if (input.action === 'addSigner' && (!task.group || !input.position)) throw bad('not a sign step');
  }

  private async act(input: TaskActionInput): Promise<void> {
    const task = this.open.get(input.taskId)!;
    const { actions } = handlerWrites();
    if (input.action === 'cc') {
      await actions.ccTask({ taskId: input.taskId, actorId: input.actor.id, userIds: input.userIds!, reason: input.reason, requestId: input.requestId });
      return;
    }
    // 转交: from now on the validators answer for the new audience, before the row shows it.
    if (input.action === 'transfer') task.audience = transferredAudience(task.audience, input.userId!);
    await actions.recordTaskAction({
      taskId: input.taskId, actorId: input.actor.id, action: input.action, userId: input.userId!,
      position: input.position ?? null, reason: input.reason,
      ...(input.action === 'transfer' ? { audience: task.audience } : {}),
    });
    if (input.action === 'addSigner') task.group!.addSigner(input.taskId, input.userId!, input.position!);
  }

  /** Refuses a hand-over of a task that is not open or not personally `fromUserId`'s (any more). */
  private validateHandOver(input: HandOverInput): void {
    const task = this.open.get(input.taskId);
    if (!task) throw this.notHere(input.taskId);
    if (task.state !== 'open') throw ApplicationFailure.nonRetryable('task is not open', TASK_REJECTIONS.closed);
    if (task.audience.assigneeId !== input.fromUserId) {
      throw ApplicationFailure.nonRetryable('task is not theirs', TASK_REJECTIONS.notAllowed);
    }
  }

  /** Hands the task on (handedOverAudience decides to whom); the validators answer for the new audience at once. */
  private async handOver(input: HandOverInput): Promise<void> {
    const task = this.open.get(input.taskId)!;
    const step = { ...task.spec, escalateToRoles: task.spec.sla?.escalateToRoles };
    task.audience = handedOverAudience(task.audience, step, input.toUserId, input.fromRoles);
    await handlerWrites().actions.recordHandOver({
      taskId: input.taskId, actorId: input.actorId, fromUserId: input.fromUserId, reason: input.reason, audience: task.audience,
    });
  }

  /**
   * 撤回: lets `starterId` take the request back until `decided()` — every open task (and any later
   * one) is cancelled, so the waiting `run` throws TaskCancelled. The returned object holds what the
   * withdrawal said, once there is one.
   */
  allowWithdraw(starterId: number, decided: () => boolean): { withdrawal?: { reason: string; requestId: string } } {
    const state: { withdrawal?: { reason: string; requestId: string } } = {};
    setHandler(withdrawUpdate, ({ actor, reason, requestId }) => {
      state.withdrawal = { reason, requestId };
      return this.cancelAll(actor.id, handlerWrites().tasks);
    }, {
      validator: ({ actor }) => {
        if (actor.id !== starterId) throw ApplicationFailure.nonRetryable('only the starter may withdraw', TASK_REJECTIONS.notAllowed);
        if (decided() || this.completing) throw ApplicationFailure.nonRetryable('already decided', TASK_REJECTIONS.closed);
      },
    });
    return state;
  }

  /**
   * Cancels every open task and any later `run`: each waiting `run` throws TaskCancelled. An update
   * handler passes its `writer` (handlerWrites).
   */
  async cancelAll(actorId: number | null, writer: Pick<TaskActivities, 'cancelTask'> = tasks): Promise<void> {
    this.cancelled = true;
    const open = [...this.open.entries()].filter(([, task]) => task.state === 'open');
    for (const [, task] of open) task.state = 'cancelled';
    await Promise.all(open.map(([taskId]) => writer.cancelTask({ taskId, actorId })));
  }

  /**
   * Cancels one open task (e.g. a request made moot), as `cancelAll` does, without closing the
   * board: its waiting `run` throws TaskCancelled. False when the task is not open (done, or a
   * completion is being stored). An update handler passes its `writer` (handlerWrites).
   */
  async cancel(taskId: string, actorId: number | null = null, writer: Pick<TaskActivities, 'cancelTask'> = tasks): Promise<boolean> {
    const task = this.open.get(taskId);
    if (task?.state !== 'open') return false;
    task.state = 'cancelled';
    await writer.cancelTask({ taskId, actorId });
    return true;
  }

  /** The refusal for a task not open here: closed, or not known (yet) while the workflow re-runs up to it. */
  private notHere(taskId: string): ApplicationFailure {
    return this.closed.has(taskId)
      ? ApplicationFailure.nonRetryable('task is not open', TASK_REJECTIONS.closed)
      : ApplicationFailure.nonRetryable('task not known (yet)', TASK_REJECTIONS.unknown);
  }

  /** Runs before an update is accepted: a rejection here leaves no trace in the history. */
  private validate(input: CompleteTaskInput): void {
    const task = this.open.get(input.taskId);
    if (!task) throw this.notHere(input.taskId);
    if (task.state !== 'open') {
      throw ApplicationFailure.nonRetryable('task is not open', TASK_REJECTIONS.closed);
    }
    if (task.held) throw ApplicationFailure.nonRetryable('waiting for the signer added before', TASK_REJECTIONS.held);
    if (!mayAct(task.audience, input.actor)) {
      throw ApplicationFailure.nonRetryable('user may not act on this task', TASK_REJECTIONS.notAllowed);
    }
    if (!isAllowedOutcome(task.allowedOutcomes, input.outcome ?? null)) {
      throw ApplicationFailure.nonRetryable('outcome not allowed', TASK_REJECTIONS.badOutcome);
    }
    if (changedFixedFields(task.spec.fixedData, input.data).length) {
      throw ApplicationFailure.nonRetryable('a fixed field was changed', TASK_REJECTIONS.badData);
    }
  }

  private async complete(input: CompleteTaskInput): Promise<TaskCompletion> {
    const task = this.open.get(input.taskId);
    if (!task) throw ApplicationFailure.nonRetryable('task is not open', TASK_REJECTIONS.closed);
    task.state = 'completing'; // before the first await: a concurrent update's validator now refuses
    try {
      const { recordId } = await handlerWrites().tasks.completeTask({
        taskId: input.taskId,
        instanceId: this.instanceId,
        actorId: input.actor.id,
        data: input.data,
        outcome: input.outcome ?? null,
        requestId: input.requestId,
      });
      task.result = {
        taskId: input.taskId,
        stepKey: task.stepKey,
        outcome: input.outcome ?? null,
        data: input.data,
        recordId,
        completedBy: input.actor.id,
        completedByRoles: input.actor.roles,
      };
      task.state = 'done';
      return task.result;
    } catch (err) {
      task.state = 'open';
      // The activity's own refusal (e.g. TaskClosed) is the update's answer.
      throw err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : err;
    }
  }
}
