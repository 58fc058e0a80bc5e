import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { ProcessInstanceSchema, type ProcessInstance } from '../../db/entities/index.js';
import type { ApiDeps } from '../http/deps.js';
import { ConflictError, UnavailableError } from '../http/errors.js';

/**
 * Starts the instance's workflow unless it exists (running or ended: the id is never reused).
 * If Temporal cannot be reached the instance is marked failed, which frees its business key.
 */
export async function ensureWorkflow(deps: ApiDeps, instance: ProcessInstance, workflowType: string, input: unknown): Promise<void> {
  try {
    await deps.temporal.workflow.start(workflowType, {
      workflowId: instance.id, taskQueue: deps.config.temporal.taskQueue, args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (err) {
    const exists = await deps.temporal.workflow.getHandle(instance.id).describe().then(() => true, () => false);
    if (exists) return;
    deps.log.error({ err, instanceId: instance.id, workflowType }, 'could not start workflow');
    await deps.orm.em.fork().nativeUpdate(ProcessInstanceSchema, { id: instance.id, status: 'running' }, { status: 'failed', endedAt: new Date() });
    throw new UnavailableError();
  }
}

/** How a process creates a new instance, and resumes one a repeated start finds still running. */
export interface StartSteps {
  /** Validates, writes the instance in one transaction and starts its workflow. */
  create(): Promise<ProcessInstance>;
  /** Makes sure the workflow of a running instance exists (the first call may have died before starting it). */
  resume(instance: ProcessInstance): Promise<void>;
}

/**
 * A start that is idempotent per (user, requestId): a repeat returns the instance the first call
 * made (200, its workflow ensured) without validating again; the same requestId for another
 * process is 409. Two identical calls at once: the loser of the unique key finds the winner's instance.
 */
export async function startOnce(deps: ApiDeps, user: { id: number }, requestId: string, processKey: string, steps: StartSteps):
  Promise<{ instance: ProcessInstance; created: boolean }> {
  const find = () => deps.orm.em.fork().findOne(ProcessInstanceSchema, { startedBy: user.id, startRequestId: requestId });
  const repeat = async (instance: ProcessInstance) => {
    if (instance.processKey !== processKey) throw new ConflictError('requestIdReused');
    if (instance.status === 'running') await steps.resume(instance);
    return { instance, created: false };
  };
  const repeated = await find();
  if (repeated) return repeat(repeated);
  try {
    return { instance: await steps.create(), created: true };
  } catch (err) {
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
    const again = await find();
    if (!again) throw err;
    return repeat(again);
  }
}
