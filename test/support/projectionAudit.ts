import { WorkflowNotFoundError } from '@temporalio/client';
import { taskStatesQuery } from '../../workflows/definitions.js';
import { eventually, type TestStack } from './stack.js';

/*
 * The audit of issue 12's fault tests: PostgreSQL's projection of some instances against what Temporal
 * says of their workflows, after a kill and a restart, with no client retry.
 */

/** What Temporal says of a workflow: its status, and its tasks' states; undefined when it has none. */
async function workflowOf(stack: TestStack, id: string) {
  try {
    const handle = stack.temporal.workflow.getHandle(id);
    const { status } = await handle.describe();
    const tasks = status.name === 'RUNNING' ? await handle.query(taskStatesQuery) : {};
    return { status: status.name, tasks };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/** Every way the projection of these instances could disagree with Temporal; [] when it is true. */
export async function disagreements(stack: TestStack, instanceIds: string[]): Promise<string[]> {
  const rows = (sql: string, params: unknown[] = []) => stack.orm.em.fork().getConnection().execute<Record<string, any>[]>(sql, params);
  const problems: string[] = [];
  for (const id of instanceIds) {
    const [instance] = await rows('select status from process_instances where id = ?', [id]);
    const open = await rows(`select id from tasks where instance_id = ? and status = 'open'`, [id]);
    const workflow = await workflowOf(stack, id);
    const status = instance?.status as string | undefined;
    if (status === 'running' || status === 'starting') {
      if (!workflow) problems.push(`${id}: ${status} without a workflow`);
      else if (workflow.status !== 'RUNNING') problems.push(`${id}: ${status} while its workflow is ${workflow.status}`);
      else if (!open.length) problems.push(`${id}: running without an open task`);
    } else if (workflow?.status === 'RUNNING') {
      problems.push(`${id}: ${status} while its workflow still waits`);
    }
    for (const task of open) {
      if (workflow?.status === 'RUNNING' && workflow.tasks[task.id] !== 'open') problems.push(`${id}: task ${task.id} open, its workflow says ${workflow.tasks[task.id]}`);
    }
    if (workflow?.status === 'RUNNING') {
      for (const [taskId, state] of Object.entries(workflow.tasks)) {
        if (state === 'open' && !open.some((t) => t.id === taskId)) problems.push(`${id}: the workflow waits on ${taskId}, not open in the inbox`);
      }
    }
  }
  const doubled = await rows(`select request_id, count(*) as n from form_records where instance_id = any(?::uuid[]) group by request_id having count(*) > 1`,
    [`{${instanceIds.join(',')}}`]);
  for (const d of doubled) problems.push(`request ${d.request_id} stored ${d.n} times`);
  return problems;
}

/** Waits until the audit finds nothing (the reconciler and the workers have caught up), or gives its last findings. */
export async function settled(stack: TestStack, instanceIds: string[]): Promise<string[]> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const problems = await disagreements(stack, instanceIds).catch((err: unknown) => [`audit failed: ${String(err)}`]);
    if (!problems.length || Date.now() > deadline) return problems;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A supervised server of a test's own (runtime/supervisedChild.ts), as the kill tests see it. */
interface Killable {
  pid(): number | undefined;
  state(): string;
}

/** kill -9 of `server`; resolves once its supervisor has it serving again and the API at `baseUrl` is ready. */
export async function killAndAwaitReady(server: Killable, baseUrl: string): Promise<void> {
  const pid = server.pid()!;
  process.kill(pid, 'SIGKILL');
  await eventually(async () => (server.state() === 'running' && server.pid() !== pid ? true : undefined), 60_000);
  await eventually(async () => ((await fetch(`${baseUrl}/readyz`)).status === 200 ? true : undefined), 60_000);
}
