import type { MikroORM } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { appendAudit } from '../db/audit.js';
import { ProcessInstanceSchema, type ProcessInstance } from '../db/entities/index.js';

/**
 * A new instance's row is written `starting` before its workflow is started: the row claims only that
 * someone asked. These turn it into what Temporal says happened, from any API replica or worker, as
 * often as they like: each change applies only to a row still `starting`. A row whose workflow a parent
 * workflow starts (`parentWorkflowId`) stays `starting` while that parent runs: Temporal will make the start.
 */

/** Temporal has the workflow: the instance is running (unless its workflow already moved it on). */
export async function markStarted(orm: MikroORM, instanceId: string): Promise<void> {
  await orm.em.fork().nativeUpdate(ProcessInstanceSchema, { id: instanceId, status: 'starting' }, { status: 'running' });
}

/** A `starting` row as the sweep judges it. */
export type PendingStart = Pick<ProcessInstance, 'id' | 'parentWorkflowId'>;

/**
 * Temporal has no such workflow and never will: the start failed, which frees its business key; audited once.
 * Not when another parent has taken the start on meanwhile (a re-run of the week).
 */
export async function markStartFailed(orm: MikroORM, start: PendingStart, reason: string): Promise<void> {
  await orm.em.fork().transactional(async (tx) => {
    const changed = await tx.nativeUpdate(ProcessInstanceSchema, { id: start.id, status: 'starting', parentWorkflowId: start.parentWorkflowId ?? null },
      { status: 'failed', endedAt: new Date() });
    if (changed) appendAudit(tx, { type: 'instance.startFailed', instanceId: start.id, data: { reason } });
  });
}

/** Temporal's status of workflow `id` (RUNNING, COMPLETED, …); null when it has none, undefined when it did not say within `deadlineMs`. */
async function workflowStatus(temporal: Client, id: string, deadlineMs = 5_000): Promise<string | null | undefined> {
  try {
    const { status } = await temporal.connection.withDeadline(Date.now() + deadlineMs, () => temporal.workflow.getHandle(id).describe());
    return status.name;
  } catch (err) {
    return err instanceof WorkflowNotFoundError ? null : undefined;
  }
}

/** Whether Temporal has the workflow `instanceId`; undefined when Temporal did not say within `deadlineMs`. */
export async function workflowExists(temporal: Client, instanceId: string, deadlineMs = 5_000): Promise<boolean | undefined> {
  const status = await workflowStatus(temporal, instanceId, deadlineMs);
  return status === undefined ? undefined : status !== null;
}

/**
 * Resolves one `starting` instance from Temporal's answer: running when its workflow exists, failed
 * when it does not and nothing will start it; left as it is when its parent workflow still runs (`awaitingParent`)
 * or Temporal cannot be asked now.
 */
export async function resolveStart(orm: MikroORM, temporal: Client, start: PendingStart):
  Promise<'running' | 'failed' | 'awaitingParent' | 'unknown'> {
  let exists = await workflowExists(temporal, start.id);
  if (exists === false && start.parentWorkflowId) {
    const parent = await workflowStatus(temporal, start.parentWorkflowId);
    if (parent === 'RUNNING') return 'awaitingParent';
    // The parent has ended, perhaps right after starting it: ask again (an ended parent starts nothing more).
    exists = parent === undefined ? undefined : await workflowExists(temporal, start.id);
  }
  if (exists === undefined) return 'unknown';
  if (exists) await markStarted(orm, start.id);
  else await markStartFailed(orm, start, 'workflow never started');
  return exists ? 'running' : 'failed';
}

export interface StartSweep { running: number; failed: number; awaitingParent: number; unknown: number }

/**
 * Resolves every instance `starting` for longer than `graceMs` (its start call has given up by then:
 * the API waits far less for Temporal), e.g. after the API was killed between its commit and the
 * workflow start, or Temporal was down.
 */
export async function sweepStarts(orm: MikroORM, temporal: Client, graceMs: number): Promise<StartSweep> {
  const stuck = await orm.em.fork().find(ProcessInstanceSchema, { status: 'starting', startedAt: { $lt: new Date(Date.now() - graceMs) } },
    { fields: ['id', 'parentWorkflowId'], limit: 500 });
  const counts: StartSweep = { running: 0, failed: 0, awaitingParent: 0, unknown: 0 };
  for (const start of stuck) counts[await resolveStart(orm, temporal, start)] += 1;
  return counts;
}
