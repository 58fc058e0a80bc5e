import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client, type UpdateDefinition } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { TASK_REJECTIONS } from '../../workflows/types.js';
import { ConflictError, ForbiddenError, RefusedInputError, UnavailableError } from './errors.js';
import type { MessageKey } from './messages.js';
import { outageOf } from './outages.js';

/** How long a call may wait for a workflow (e.g. while no worker runs) before it answers 503. */
export const WORKFLOW_DEADLINE_MS = 30_000;

/**
 * The 409 for a workflow that refused because the task (or the instance) is no longer open, or has
 * ended: a repeat of a request that already took effect may answer with what that stored instead.
 */
export class WorkflowClosedError extends ConflictError {}

/** The workflow refused because the task (or the instance) is no longer open, or has ended. */
function isClosed(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError
    || (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === TASK_REJECTIONS.closed);
}

/** Where a refused input is reported: the field it is about and how to word it. */
export interface RefusedField {
  path: string;
  key: MessageKey;
}

/**
 * Maps a refused or failed update to the HTTP error a client can act on; `closedKey` words the 409,
 * `refused` the 422 for data the workflow refused.
 */
export function mapUpdateError(err: unknown, closedKey: MessageKey, refused: RefusedField = { path: '', key: 'invalidInput' }): Error {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return new UnavailableError();
  if (isClosed(err)) return new WorkflowClosedError(closedKey);
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    if (err.cause.type === TASK_REJECTIONS.notAllowed) return new ForbiddenError();
    if (err.cause.type === TASK_REJECTIONS.held) return new ConflictError('taskHeld');
    // The workflow is re-running up to the task (its worker died before recording it): a retry will find it.
    if (err.cause.type === TASK_REJECTIONS.unknown) return new UnavailableError();
    if (err.cause.type === TASK_REJECTIONS.badOutcome || err.cause.type === TASK_REJECTIONS.badData) {
      return new RefusedInputError(refused.path, refused.key);
    }
    return new ConflictError(closedKey);
  }
  if (outageOf(err)) return new UnavailableError();
  return err instanceof Error ? err : new Error(String(err));
}

/** How `sendUpdate` words and waits. */
export interface SendUpdateOptions {
  /** Words the 409 when the task or the instance is closed (default `taskClosed`). */
  closedKey?: MessageKey;
  /** The field a refusal of the input is about (default: the whole input). */
  refused?: RefusedField;
  /** Also waits for the workflow to end (within the same deadline): for an update that ends it. */
  untilEnded?: boolean;
}

/**
 * Sends `update` to the workflow `workflowId` and waits for its answer (at most WORKFLOW_DEADLINE_MS);
 * `updateId` makes a repeat the same update. A refusal or an outage becomes the HTTP error for it
 * (a closed task or instance: WorkflowClosedError).
 */
export async function sendUpdate<Ret, Args extends [unknown, ...unknown[]]>(temporal: Client, workflowId: string, update: UpdateDefinition<Ret, Args>,
  args: Args, updateId: string, options: SendUpdateOptions = {}): Promise<Ret> {
  try {
    return await temporal.connection.withDeadline(Date.now() + WORKFLOW_DEADLINE_MS, async () => {
      const handle = temporal.workflow.getHandle(workflowId);
      const answer = await handle.executeUpdate(update, { args, updateId });
      if (options.untilEnded) await handle.result();
      return answer;
    });
  } catch (err) {
    throw mapUpdateError(err, options.closedKey ?? 'taskClosed', options.refused);
  }
}
