import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { ProcessInstanceSchema, type ProcessInstance } from '../db/entities/index.js';
import type { ApiDeps } from './deps.js';
import { UnavailableError } from './errors.js';

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
