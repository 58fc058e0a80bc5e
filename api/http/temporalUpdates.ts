import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client, type UpdateDefinition } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { TASK_REJECTIONS } from '../../workflows/types.js';
import { ApiError, ConflictError, ForbiddenError, UnavailableError } from './errors.js';
import type { MessageKey } from './messages.js';

/** How long a call may wait for a workflow (e.g. while no worker runs) before it answers 503. */
export const WORKFLOW_DEADLINE_MS = 30_000;

/** The workflow refused because the task (or the instance) is no longer open, or has ended. */
export function isClosed(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError
    || (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === TASK_REJECTIONS.closed);
}

/** Maps a refused or failed update to the HTTP error a client can act on; `closedKey` words the 409. */
export function mapUpdateError(err: unknown, closedKey: MessageKey): Error {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return new UnavailableError();
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    if (err.cause.type === TASK_REJECTIONS.notAllowed) return new ForbiddenError();
    if (err.cause.type === TASK_REJECTIONS.held) return new ConflictError('taskHeld');
    if (err.cause.type === TASK_REJECTIONS.badOutcome || err.cause.type === TASK_REJECTIONS.badData) {
      return new ApiError(422, 'invalid_input', 'invalidInput');
    }
    return new ConflictError(closedKey);
  }
  if (err instanceof WorkflowNotFoundError) return new ConflictError(closedKey);
  if (err instanceof Error && /UNAVAILABLE|DEADLINE_EXCEEDED|connect/i.test(err.message)) return new UnavailableError();
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Sends `update` to the workflow `workflowId` and waits for its answer (at most WORKFLOW_DEADLINE_MS);
 * `updateId` makes a repeat the same update. A refusal or an outage becomes the HTTP error for it.
 */
export async function sendUpdate<Ret, Args extends [unknown, ...unknown[]]>(temporal: Client, workflowId: string, update: UpdateDefinition<Ret, Args>,
  args: Args, updateId: string, closedKey: MessageKey = 'taskClosed'): Promise<Ret> {
  try {
    return await temporal.connection.withDeadline(Date.now() + WORKFLOW_DEADLINE_MS, () =>
      temporal.workflow.getHandle(workflowId).executeUpdate(update, { args, updateId }));
  } catch (err) {
    throw mapUpdateError(err, closedKey);
  }
}
