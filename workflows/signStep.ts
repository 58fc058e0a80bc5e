import { condition } from '@temporalio/workflow';
import { TaskCancelled, type SignGroup, type TaskBoard } from './humanTask.js';
import type { SignerPosition, TaskCompletion, TaskSpec } from './types.js';

/** 会签: every signer must approve (the first other decision ends it); 或签: the first decision wins. */
export type SignMode = 'all' | 'any';

/**
 * One decision by several people: a task per signer (the first keeps the step's key, others get
 * `<step>-<userId>`), decided by `mode`. A signer may 加签 (if the step allows `addSigner`): beside
 * them (another decider now), after them (a decider once they approve), or before them (an opinion
 * they must wait for). What is still open when the decision is made is cancelled.
 */
export async function signStep(board: TaskBoard, spec: TaskSpec, signers: number[], mode: SignMode): Promise<TaskCompletion> {
  let decision: TaskCompletion | undefined;
  let withdrawn = false; // a task cancelled before the decision: the whole process was (cancelAll)
  let deciders = 0; // open decider tasks, plus signers waiting to come after an approval
  const after = new Map<string, number[]>();
  const opened: string[] = [];

  const group: SignGroup = {
    addSigner(fromTaskId: string, userId: number, position: SignerPosition) {
      if (position === 'parallel') open(userId, 'decider');
      else if (position === 'after') {
        deciders += 1;
        after.set(fromTaskId, [...(after.get(fromTaskId) ?? []), userId]);
      } else {
        board.hold(fromTaskId, true);
        open(userId, 'advisor', fromTaskId);
      }
    },
  };

  function settle(result: TaskCompletion, role: 'decider' | 'advisor', heldTaskId?: string): void {
    if (decision) return;
    if (role === 'advisor') {
      board.hold(heldTaskId!, false);
      return;
    }
    deciders -= 1;
    if (mode === 'any' || result.outcome !== 'approve') {
      decision = result;
      return;
    }
    const next = after.get(result.taskId) ?? [];
    after.delete(result.taskId);
    deciders -= next.length; // counted when added; open() counts them again
    for (const userId of next) open(userId, 'decider');
    if (deciders === 0) decision = result;
  }

  function open(userId: number, role: 'decider' | 'advisor', heldTaskId?: string): void {
    if (role === 'decider') deciders += 1;
    const stepKey = opened.length === 0 ? spec.stepKey : `${spec.stepKey}-${userId}`;
    board.run({ ...spec, stepKey, assigneeId: userId, candidateRoles: [] }, { group, onOpened: (taskId) => opened.push(taskId) })
      .then((result) => settle(result, role, heldTaskId), (err: unknown) => {
        if (!(err instanceof TaskCancelled)) throw err;
        if (!decision) withdrawn = true;
      });
  }

  for (const userId of signers) open(userId, 'decider');
  await condition(() => decision !== undefined || withdrawn);
  if (!decision) throw new TaskCancelled();
  for (const taskId of opened) await board.cancel(taskId, null);
  return decision;
}
