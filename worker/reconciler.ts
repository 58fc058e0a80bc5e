import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { sweepStarts, type StartSweep } from '../activities/instanceStarts.js';
import { repairFromWorkflows, type RepairCounts } from '../activities/projectionRepair.js';
import { carryOutHandOvers, requestHandOversOfInactiveHolders } from '../activities/taskHandOvers.js';
import type { AppConfig } from '../runtime/config.js';
import { startOrphanCleanup } from './orphanCleanup.js';

export interface ReconcileLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** One pass's counts, as `GET /api/admin/health` shows the last one. */
export type Reconciliation = StartSweep & {
  instancesRepaired: number; tasksRepaired: number; unknown: number; checked: number;
  /** Tasks handed on from deactivated users or former managers (activities/taskHandOvers.ts), and those still waiting. */
  handedOver: number; handOversPending: number;
};

const INSTANCES_PER_PASS = 100;
const TASKS_PER_PASS = 200;
/** Below every uuid: where a cursor starts. */
const FIRST = '00000000-0000-0000-0000-000000000000';

/**
 * Keeps the projection true to Temporal, on worker start and every `intervalMs`: resolves starts that
 * never reached Temporal, then compares the next slice of open instances and open tasks with their
 * workflows (a cursor walks all of them over the passes) and repairs what differs. Every worker runs
 * it: each repair applies to a row only once. What it repaired is logged and audited; each pass is
 * stored for the admins' health page. Beside it runs the attachment store's orphan cleanup (orphanCleanup.ts).
 */
export function startReconciling(orm: MikroORM, temporal: Client, { intervalMs, startGraceMs, orphans }: AppConfig['reconcile'], log?: ReconcileLog) {
  const cursor = { instance: FIRST, task: FIRST };
  let running: Promise<void> = Promise.resolve();

  async function pass(): Promise<Reconciliation> {
    const starts = await sweepStarts(orm, temporal, startGraceMs);
    const em = orm.em.fork();
    const instances = await em.execute<{ id: string }[]>(
      `select id from process_instances where status = 'running' and id > ? order by id limit ?`, [cursor.instance, INSTANCES_PER_PASS]);
    const tasks = await em.execute<{ id: string; instance_id: string }[]>(
      `select id, instance_id from tasks where status = 'open' and created_at < now() - ? * interval '1 millisecond' and id > ?
       order by id limit ?`, [startGraceMs, cursor.task, TASKS_PER_PASS]);
    // Past the last row: start again from the first on the next pass.
    cursor.instance = instances.length === INSTANCES_PER_PASS ? instances.at(-1)!.id : FIRST;
    cursor.task = tasks.length === TASKS_PER_PASS ? tasks.at(-1)!.id : FIRST;
    const repairs: RepairCounts = await repairFromWorkflows(orm, temporal, instances.map((r) => r.id),
      tasks.map((t) => ({ id: t.id, instanceId: t.instance_id })));
    await requestHandOversOfInactiveHolders(orm);
    const handOvers = await carryOutHandOvers(orm, temporal);
    return {
      ...starts, instancesRepaired: repairs.instances, tasksRepaired: repairs.tasks,
      unknown: starts.unknown + repairs.unknown, checked: instances.length + tasks.length,
      handedOver: handOvers.handedOver, handOversPending: handOvers.pending,
    };
  }

  const reconcile = () => {
    running = pass().then(
      async (counts) => {
        if (counts.running || counts.failed || counts.instancesRepaired || counts.tasksRepaired || counts.handedOver) {
          log?.info({ ...counts }, 'repaired the projection from Temporal');
        }
        await orm.em.fork().execute(
          `insert into reconciliation (id, finished_at, counts) values (1, now(), ?)
           on conflict (id) do update set finished_at = excluded.finished_at, counts = excluded.counts`, [JSON.stringify(counts)]);
      },
    ).catch((err: unknown) => log?.warn({ err }, 'could not reconcile the projection'));
  };
  reconcile();
  const timer = setInterval(reconcile, intervalMs);
  timer.unref();
  // The attachment store's repair: bytes whose row was never written.
  const cleanup = startOrphanCleanup(orm, orphans, log);
  return {
    /** Stops reconciling once the pass under way has ended. */
    async stop(): Promise<void> {
      clearInterval(timer);
      await Promise.all([running, cleanup.stop()]);
    },
  };
}
