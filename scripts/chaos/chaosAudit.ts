import { MikroORM } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ormOptions } from '../../db/ormConfig.js';
import { taskStatesQuery } from '../../workflows/definitions.js';
import type { StartRecord } from './chaosLoad.js';

/** One problem, with the ids to investigate it. */
export interface Problem { kind: 'lost' | 'stuck' | 'doubled' | 'diverged'; ids: Record<string, unknown>; what: string }

export interface AuditResult {
  startsAnswered: { created201: number; replayed200: number; instances: number };
  byStatus: Record<string, number>;
  finished: number;
  cancelled: number;
  runningLegitimately: number;
  problems: Problem[];
  /** Starts answered 200 whose body said the instance had failed (a retry after the start sweep failed it). */
  toldFailed: StartRecord[];
  /** Workflows Temporal could not describe (should be none once settled). */
  unknown: string[];
}

interface InstanceRow { id: string; process_key: string; status: string; started_at: Date; start_request_id: string; current_step: string | null }
interface TaskRow { id: string; instance_id: string; step_key: string; status: string }

type WorkflowView =
  | { state: 'running'; tasks: Record<string, string> | undefined }
  | { state: 'ended'; status: string; resultStatus?: string; error?: string }
  | { state: 'missing' }
  | { state: 'unknown'; error: string };

async function viewWorkflow(temporal: Client, id: string): Promise<WorkflowView> {
  const handle = temporal.workflow.getHandle(id);
  try {
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') {
      const tasks = await handle.query(taskStatesQuery).catch(() => undefined);
      return { state: 'running', tasks };
    }
    if (status.name === 'COMPLETED') {
      const result: unknown = await handle.result().catch(() => undefined);
      const resultStatus = result && typeof result === 'object' && typeof (result as { status?: unknown }).status === 'string'
        ? (result as { status: string }).status : undefined;
      return { state: 'ended', status: status.name, resultStatus };
    }
    return { state: 'ended', status: status.name };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { state: 'missing' };
    return { state: 'unknown', error: String(err).slice(0, 200) };
  }
}

/** The instance status a workflow's state implies; a set when several are right. */
function impliedStatuses(view: WorkflowView): string[] {
  if (view.state === 'running') return ['running'];
  if (view.state === 'missing') return ['failed'];
  if (view.state === 'unknown') return [];
  // A regrade returns its instance's status; other processes return their own (a hazard's `closed`).
  if (view.status === 'COMPLETED') {
    return view.resultStatus && ['completed', 'rejected', 'cancelled'].includes(view.resultStatus)
      ? [view.resultStatus] : ['completed', 'rejected', 'cancelled'];
  }
  if (view.status === 'CANCELLED') return ['cancelled'];
  return ['failed'];
}

/**
 * Compares what the load was told, what PostgreSQL holds and what Temporal says, for every process
 * instance in the chaos database (the demo's own instances included) and every regrade workflow.
 */
export async function audit(databaseUrl: string, temporal: Client, starts: StartRecord[], startGraceMs: number): Promise<AuditResult> {
  const orm = await MikroORM.init({ ...ormOptions(databaseUrl, 2), migrations: undefined });
  const problems: Problem[] = [];
  const unknown: string[] = [];
  try {
    const db = orm.em.fork().getConnection();
    const q = <T>(sql: string, params: unknown[] = []) => db.execute(sql, params) as Promise<T[]>;
    const instances = await q<InstanceRow>(
      `select id, process_key, status, started_at, start_request_id, current_step from process_instances order by started_at`);
    const tasks = await q<TaskRow>(`select id, instance_id, step_key, status from tasks`);
    const byId = new Map(instances.map((i) => [i.id, i]));
    const openTasks = new Map<string, TaskRow[]>();
    for (const t of tasks) if (t.status === 'open') (openTasks.get(t.instance_id) ?? openTasks.set(t.instance_id, []).get(t.instance_id)!).push(t);

    // lost: the client was told the start happened.
    const answered = starts.filter((s) => (s.status === 201 || s.status === 200) && s.instanceId);
    // A repeat (same requestId) answered 200 with an instance already failed told the client so: not lost, listed apart.
    const toldFailed = answered.filter((s) => s.status === 200 && s.answeredInstanceStatus === 'failed');
    for (const s of answered.filter((a) => !toldFailed.includes(a))) {
      const row = byId.get(s.instanceId!);
      if (!row) problems.push({ kind: 'lost', ids: { instanceId: s.instanceId, requestId: s.requestId, manager: s.manager, customerId: s.customerId }, what: `start answered ${s.status} (body status ${s.answeredInstanceStatus}) but no instance row` });
      else if (row.status === 'failed') problems.push({ kind: 'lost', ids: { instanceId: s.instanceId, requestId: s.requestId, manager: s.manager, customerId: s.customerId }, what: `start answered ${s.status} (body status ${s.answeredInstanceStatus}) but the instance is failed` });
    }

    // doubled
    for (const r of await q<{ task_id: string; n: number; ids: string[] }>(
      `select task_id, count(*)::int n, array_agg(id) ids from form_records where task_id is not null group by task_id having count(*) > 1`)) {
      problems.push({ kind: 'doubled', ids: { taskId: r.task_id, formRecordIds: r.ids }, what: `${r.n} form records for one task` });
    }
    for (const r of await q<{ instance_id: string; n: number }>(
      `select instance_id, count(*)::int n from customer_tier_history where instance_id is not null group by instance_id having count(*) > 1`)) {
      problems.push({ kind: 'doubled', ids: { instanceId: r.instance_id }, what: `${r.n} tier changes for one instance` });
    }
    for (const r of await q<{ started_by: number; start_request_id: string; ids: string[] }>(
      `select started_by, start_request_id, array_agg(id) ids from process_instances group by started_by, start_request_id having count(*) > 1`)) {
      problems.push({ kind: 'doubled', ids: { startedBy: r.started_by, requestId: r.start_request_id, instanceIds: r.ids }, what: 'a start requestId stored twice' });
    }
    for (const r of await q<{ created_by: number; request_id: string; ids: string[] }>(
      `select created_by, request_id, array_agg(id) ids from form_records where request_id is not null
       group by created_by, request_id having count(*) > 1`)) {
      problems.push({ kind: 'doubled', ids: { createdBy: r.created_by, requestId: r.request_id, formRecordIds: r.ids }, what: 'a submission requestId stored twice' });
    }
    // Completed approvals must each have exactly one tier change (none for rejected ones).
    for (const r of await q<{ id: string; n: number }>(
      `select i.id, count(h.id)::int n from process_instances i left join customer_tier_history h on h.instance_id = i.id
       where i.process_key = 'regrade' and i.status = 'completed' group by i.id having count(h.id) <> 1`)) {
      problems.push({ kind: r.n > 1 ? 'doubled' : 'diverged', ids: { instanceId: r.id }, what: `completed regrade with ${r.n} tier changes` });
    }

    // Each instance against its workflow.
    const byStatus: Record<string, number> = {};
    let runningLegitimately = 0;
    const now = Date.now();
    for (const row of instances) {
      byStatus[`${row.process_key}/${row.status}`] = (byStatus[`${row.process_key}/${row.status}`] ?? 0) + 1;
      const view = await viewWorkflow(temporal, row.id);
      const open = openTasks.get(row.id) ?? [];
      const ids = { instanceId: row.id, process: row.process_key, pgStatus: row.status, currentStep: row.current_step };
      const wf = view.state === 'ended' ? `${view.status}${view.resultStatus ? `(${view.resultStatus})` : ''}` : view.state;
      if (view.state === 'unknown') { unknown.push(`${row.id}: ${view.error}`); continue; }
      if (row.status === 'starting') {
        const age = now - new Date(row.started_at).getTime();
        if (age > startGraceMs) problems.push({ kind: 'stuck', ids: { ...ids, workflow: wf }, what: `starting for ${Math.round(age / 1000)} s (grace ${startGraceMs / 1000} s)` });
        continue;
      }
      if (row.status === 'running' && open.length === 0) {
        problems.push({ kind: 'stuck', ids: { ...ids, workflow: wf }, what: 'running in PostgreSQL with no open task row' });
      }
      if (row.status === 'running' && view.state !== 'running') {
        problems.push({ kind: 'stuck', ids: { ...ids, workflow: wf }, what: 'running in PostgreSQL but its workflow is not running' });
      }
      const implied = impliedStatuses(view);
      if (!implied.includes(row.status)) {
        problems.push({ kind: 'diverged', ids: { ...ids, workflow: wf }, what: `PostgreSQL says ${row.status}, the workflow implies ${implied.join('|')}` });
      }
      if (view.state === 'running') {
        if (!view.tasks) {
          problems.push({ kind: 'diverged', ids: { ...ids, workflow: wf }, what: 'running workflow did not answer taskStates' });
          continue;
        }
        const heldOpen = new Set(Object.entries(view.tasks).filter(([, s]) => s === 'open').map(([id]) => id));
        const rowsOpen = new Set(open.map((t) => t.id));
        for (const t of open) {
          if (!heldOpen.has(t.id)) problems.push({ kind: 'diverged', ids: { ...ids, taskId: t.id, stepKey: t.step_key, workflowSays: view.tasks[t.id] ?? 'unknown to the workflow' }, what: 'open task row the workflow does not hold open' });
        }
        for (const id of heldOpen) {
          if (!rowsOpen.has(id)) {
            const row2 = tasks.find((t) => t.id === id);
            problems.push({ kind: 'diverged', ids: { ...ids, taskId: id, taskRow: row2 ? `${row2.step_key}/${row2.status}` : 'missing' }, what: 'the workflow holds a task open that has no open row' });
          }
        }
        if (row.status === 'running' && open.length > 0 && open.every((t) => heldOpen.has(t.id)) && [...heldOpen].every((id) => rowsOpen.has(id))) {
          runningLegitimately += 1;
        }
      } else if (open.length > 0) {
        problems.push({ kind: 'diverged', ids: { ...ids, workflow: wf, openTaskIds: open.map((t) => `${t.id}:${t.step_key}`) }, what: 'open task rows of a workflow that is not running' });
      }
    }

    // Regrade workflows Temporal has that PostgreSQL does not.
    for await (const wf of temporal.workflow.list({ query: `WorkflowType = 'regrade'` })) {
      if (!byId.has(wf.workflowId)) {
        problems.push({ kind: 'diverged', ids: { workflowId: wf.workflowId, workflowStatus: wf.status.name }, what: 'regrade workflow without an instance row' });
      }
    }

    const count = (...statuses: string[]) => instances.filter((i) => i.process_key === 'regrade' && statuses.includes(i.status)).length;
    return {
      startsAnswered: {
        created201: answered.filter((s) => s.status === 201).length, replayed200: answered.filter((s) => s.status === 200).length,
        instances: new Set(answered.map((s) => s.instanceId)).size,
      },
      byStatus, finished: count('completed', 'rejected'), cancelled: count('cancelled'), runningLegitimately, problems, unknown, toldFailed,
    };
  } finally {
    await orm.close(true);
  }
}

/** Audit events and task rows of one instance, for a problem's report. */
export async function instanceStory(databaseUrl: string, temporal: Client, instanceId: string): Promise<string[]> {
  const orm = await MikroORM.init({ ...ormOptions(databaseUrl, 1), migrations: undefined });
  const lines: string[] = [];
  try {
    const db = orm.em.fork().getConnection();
    const rows = (await db.execute(`select status, current_step, started_at, updated_at, ended_at from process_instances where id = ?`, [instanceId])) as object[];
    lines.push(`row: ${JSON.stringify(rows[0] ?? null)}`);
    for (const t of (await db.execute(`select id, step_key, status, outcome, created_at, completed_at from tasks where instance_id = ? order by created_at`, [instanceId])) as object[]) {
      lines.push(`task: ${JSON.stringify(t)}`);
    }
    for (const a of (await db.execute(`select at, type, task_id, data from audit_log where instance_id = ? order by id`, [instanceId])) as { at: Date; type: string; task_id: string | null; data: unknown }[]) {
      lines.push(`audit: ${new Date(a.at).toISOString()} ${a.type}${a.task_id ? ` task ${a.task_id}` : ''} ${JSON.stringify(a.data).slice(0, 160)}`);
    }
  } finally {
    await orm.close(true);
  }
  try {
    const history = await temporal.workflow.getHandle(instanceId).fetchHistory();
    const events = (history.events ?? []).map((e) => {
      const type = Object.keys(e).find((k) => k.endsWith('Attributes') && (e as Record<string, unknown>)[k]);
      const attrs = type ? (e as Record<string, any>)[type] : undefined;
      const detail = attrs?.activityType?.name ?? attrs?.name ?? attrs?.failure?.message ?? '';
      return `${String(e.eventId)}:${type?.replace(/EventAttributes$/, '')}${detail ? `(${detail})` : ''}`;
    });
    // The routine workflow-task events say nothing here; the rest is the story.
    const told = events.filter((e) => !/:workflowTask(Scheduled|Started|Completed)$/.test(e));
    lines.push(`history (${events.length} events, workflow-task events left out): ${told.join(' ')}`);
  } catch (err) {
    lines.push(`history: ${String(err).slice(0, 200)}`);
  }
  return lines;
}
