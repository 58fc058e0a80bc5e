import type { MikroORM } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { appendAudit } from '../db/audit.js';
import { ProcessInstanceSchema } from '../db/entities/index.js';

/**
 * A new instance's row is written `starting` before its workflow is started: the row claims only that
 * someone asked. These turn it into what Temporal says happened, from any API replica or worker, as
 * often as they like: each change applies only to a row still `starting`.
 */

/** Temporal has the workflow: the instance is running (unless its workflow already moved it on). */
export async function markStarted(orm: MikroORM, instanceId: string): Promise<void> {
  await orm.em.fork().nativeUpdate(ProcessInstanceSchema, { id: instanceId, status: 'starting' }, { status: 'running' });
}

/** Temporal has no such workflow and never will: the start failed, which frees its business key; audited once. */
export async function markStartFailed(orm: MikroORM, instanceId: string, reason: string): Promise<void> {
  await orm.em.fork().transactional(async (tx) => {
    const changed = await tx.nativeUpdate(ProcessInstanceSchema, { id: instanceId, status: 'starting' }, { status: 'failed', endedAt: new Date() });
    if (changed) appendAudit(tx, { type: 'instance.startFailed', instanceId, data: { reason } });
  });
}

/** Whether Temporal has the workflow `instanceId`; undefined when Temporal did not say within `deadlineMs`. */
export async function workflowExists(temporal: Client, instanceId: string, deadlineMs = 5_000): Promise<boolean | undefined> {
  try {
    await temporal.connection.withDeadline(Date.now() + deadlineMs, () => temporal.workflow.getHandle(instanceId).describe());
    return true;
  } catch (err) {
    return err instanceof WorkflowNotFoundError ? false : undefined;
  }
}

/**
 * Resolves one `starting` instance from Temporal's answer: running when its workflow exists, failed
 * when it does not; left as it is when Temporal cannot be asked now.
 */
export async function resolveStart(orm: MikroORM, temporal: Client, instanceId: string): Promise<'running' | 'failed' | 'unknown'> {
  const exists = await workflowExists(temporal, instanceId);
  if (exists === undefined) return 'unknown';
  if (exists) await markStarted(orm, instanceId);
  else await markStartFailed(orm, instanceId, 'workflow never started');
  return exists ? 'running' : 'failed';
}

export interface StartSweep { running: number; failed: number; unknown: number }

/**
 * Resolves every instance `starting` for longer than `graceMs` (its start call has given up by then:
 * the API waits far less for Temporal), e.g. after the API was killed between its commit and the
 * workflow start, or Temporal was down.
 */
export async function sweepStarts(orm: MikroORM, temporal: Client, graceMs: number): Promise<StartSweep> {
  const stuck = await orm.em.fork().find(ProcessInstanceSchema, { status: 'starting', startedAt: { $lt: new Date(Date.now() - graceMs) } },
    { fields: ['id'], limit: 500 });
  const counts: StartSweep = { running: 0, failed: 0, unknown: 0 };
  for (const { id } of stuck) counts[await resolveStart(orm, temporal, id)] += 1;
  return counts;
}
