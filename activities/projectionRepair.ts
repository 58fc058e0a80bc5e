import type { MikroORM } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { appendAudit } from '../db/audit.js';
import { OPEN_INSTANCE_STATUSES, ProcessInstanceSchema, TaskSchema } from '../db/entities/index.js';
import { taskStatesQuery } from '../workflows/definitions.js';

/**
 * Repairs the projection from the workflows' own state, for what no activity will ever write: an
 * instance row still open whose workflow has ended without saying so (terminated, failed, lost), and
 * an open task row that its workflow has closed or never had. Every repair is audited.
 */

type TaskStates = Record<string, 'open' | 'done' | 'cancelled'>;
type WorkflowState = { running: true; tasks?: TaskStates } | { running: false; status: string };

const ASK_MS = 5_000;

/** What Temporal says of workflow `id`; undefined when it cannot be asked now. */
async function workflowState(temporal: Client, id: string): Promise<WorkflowState | undefined> {
  const handle = temporal.workflow.getHandle(id);
  try {
    const { status } = await temporal.connection.withDeadline(Date.now() + ASK_MS, () => handle.describe());
    if (status.name !== 'RUNNING') return { running: false, status: status.name };
    // A workflow without tasks (a webhook delivery) has no such query: nothing to compare then.
    const tasks = await temporal.connection.withDeadline(Date.now() + ASK_MS, () => handle.query(taskStatesQuery)).catch(() => undefined);
    return { running: true, tasks };
  } catch (err) {
    return err instanceof WorkflowNotFoundError ? { running: false, status: 'NOT_FOUND' } : undefined;
  }
}

/** How an ended workflow leaves its instance; undefined: its own activities have said (or will). */
function endedAs(status: string): 'failed' | 'cancelled' | undefined {
  if (status === 'CANCELLED') return 'cancelled';
  return ['FAILED', 'TERMINATED', 'TIMED_OUT', 'NOT_FOUND'].includes(status) ? 'failed' : undefined;
}

/** Ends an open instance its workflow ended without a word, and cancels its open tasks; true when it did. */
export async function repairInstance(orm: MikroORM, instanceId: string, workflowStatus: string): Promise<boolean> {
  const status = endedAs(workflowStatus);
  if (!status) return false;
  return orm.em.fork().transactional(async (tx) => {
    const changed = await tx.nativeUpdate(ProcessInstanceSchema, { id: instanceId, status: { $in: [...OPEN_INSTANCE_STATUSES] } },
      { status, endedAt: new Date(), currentStep: null });
    if (!changed) return false;
    appendAudit(tx, { type: 'instance.repaired', instanceId, data: { status, workflowStatus } });
    const open = await tx.find(TaskSchema, { instanceId, status: 'open' }, { fields: ['id'] });
    for (const { id } of open) await cancelTaskRow(tx, id, instanceId, workflowStatus);
    return true;
  });
}

/** Cancels an open task row the workflow does not hold open; true when it did. */
async function cancelTaskRow(tx: ReturnType<MikroORM['em']['fork']>, taskId: string, instanceId: string, workflowSays: string): Promise<boolean> {
  const changed = await tx.nativeUpdate(TaskSchema, { id: taskId, status: 'open' }, { status: 'cancelled', completedAt: new Date() });
  if (changed) appendAudit(tx, { type: 'task.repaired', instanceId, taskId, data: { status: 'cancelled', workflowSays } });
  return changed > 0;
}

export interface RepairCounts { instances: number; tasks: number; unknown: number }

/**
 * Compares `instanceIds` (open in the projection) and `tasks` (open rows older than a grace period,
 * so a row being written right now is not judged) with their workflows, and repairs what differs.
 */
export async function repairFromWorkflows(orm: MikroORM, temporal: Client, instanceIds: string[],
  tasks: { id: string; instanceId: string }[]): Promise<RepairCounts> {
  const counts: RepairCounts = { instances: 0, tasks: 0, unknown: 0 };
  const states = new Map<string, WorkflowState | undefined>();
  const stateOf = async (id: string) => {
    if (!states.has(id)) states.set(id, await workflowState(temporal, id));
    return states.get(id);
  };
  for (const id of instanceIds) {
    const state = await stateOf(id);
    if (!state) counts.unknown += 1;
    else if (!state.running && (await repairInstance(orm, id, state.status))) counts.instances += 1;
  }
  for (const task of tasks) {
    const state = await stateOf(task.instanceId);
    if (!state || (state.running && !state.tasks)) {
      counts.unknown += state ? 0 : 1;
      continue;
    }
    // A task the workflow completed is written by its (retried) activity: only cancelled or unknown ones are repaired.
    const says = state.running ? (state.tasks![task.id] ?? 'unknown') : state.status;
    if (says === 'open' || says === 'done') continue;
    if (await orm.em.fork().transactional((tx) => cancelTaskRow(tx, task.id, task.instanceId, says))) counts.tasks += 1;
  }
  return counts;
}
