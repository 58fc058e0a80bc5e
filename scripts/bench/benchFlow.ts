import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, refreshTier, type Api, type BenchCustomer, type Lane, type LoadStats, type Session } from './benchHttp.js';
import { bump } from './benchStats.js';

const POLL_MS = 20;
const WAIT_LIMIT_MS = 30_000;

/** The paths a regrade takes in practice, in proportion: most are approved at once. */
export type FlowKind = 'approve' | 'returnThenApprove' | 'twoLevel' | 'reject';
const REALISTIC: readonly FlowKind[] = [
  'approve', 'approve', 'approve', 'approve', 'approve', 'approve', 'returnThenApprove', 'returnThenApprove', 'twoLevel', 'reject',
];

/** Flow number `n`'s path: the realistic mix (1.5 human tasks a flow), or BENCH_MIX=simple for approvals only. */
export function flowKind(n: number): FlowKind {
  return process.env.BENCH_MIX === 'simple' ? 'approve' : REALISTIC[n % REALISTIC.length]!;
}

/** ±1 tier (±3 when the dept head must also decide), always inside D1–D30. */
function targetTier(tier: number, kind: FlowKind): number {
  const step = kind === 'twoLevel' ? 3 : 1;
  return tier + step <= 30 && (tier % 2 === 1 || tier - step < 1) ? tier + step : tier - step;
}

/** A regrade proposal as a manager fills it in: reason, three months' volumes, the visit. */
export function regradeProposal(customer: BenchCustomer, proposedTier: number) {
  return {
    customerId: customer.id, proposedTier,
    reason: '近三个月销量持续增长，经营面积扩大，申请调整档位',
    recentVolumes: [{ month: '2026-08', cartons: 120 }, { month: '2026-09', cartons: 135 }, { month: '2026-10', cartons: 150 }],
    visitDate: '2026-11-20',
    visitFacts: '实地走访核实：店面已扩建，客流明显增加',
  };
}

/** Waits (through the probe) until the instance has an open task with this step key. */
async function waitForTask(api: Api, instanceId: string, stepKey: string): Promise<string | undefined> {
  const deadline = performance.now() + WAIT_LIMIT_MS;
  while (performance.now() < deadline && !api.signal.aborted) {
    const id = await api.probe.openTaskId(instanceId, stepKey);
    if (id) return id;
    await sleep(POLL_MS);
  }
  return undefined;
}

/** Completes the step as `who` once it is open; times the complete call. False on any failure. */
async function completeStep(api: Api, stats: LoadStats, instanceId: string, stepKey: string, who: Session,
  body: Record<string, unknown>): Promise<boolean> {
  const taskId = await waitForTask(api, instanceId, stepKey);
  if (!taskId) { bump(stats.errors, `${stepKey} never opened`); return false; }
  const done = await call(api, 'POST', `/api/tasks/${taskId}/complete`, who.token, { ...body, requestId: randomUUID() });
  if (done.status !== 200) { bump(stats.errors, `complete ${stepKey} ${done.status}`); return false; }
  stats.completeMs.push(done.ms);
  stats.tasksDone.push(performance.now());
  return true;
}

const APPROVE = { outcome: 'approve', comment: '同意' };

/**
 * One regrade over HTTP along the path flow number `n` takes: the manager proposes, the supervisor
 * (and for big changes the dept head) decides; a return makes the manager resubmit first. The lane
 * moves on without waiting for the workflow to finish; finished flows are counted in the database.
 */
export async function runFlow(api: Api, lane: Lane, customer: BenchCustomer, stats: LoadStats, n: number): Promise<void> {
  const kind = flowKind(n);
  const target = targetTier(customer.tier, kind);
  const data = regradeProposal(customer, target);
  const started = await call(api, 'POST', '/api/processes/regrade/instances', lane.manager.token, { data, requestId: randomUUID() });
  if (started.status !== 201) {
    bump(stats.errors, `start ${started.status}`);
    if (started.status === 422) await refreshTier(api, lane.manager, customer);
    else if (started.status !== 409) await sleep(50);
    return;
  }
  const id = started.body.id as string;
  if (kind === 'reject') {
    await completeStep(api, stats, id, 'review', lane.supervisor, { outcome: 'reject', comment: '依据不足' });
    return;
  }
  let review = 'review';
  if (kind === 'returnThenApprove') {
    if (!(await completeStep(api, stats, id, review, lane.supervisor, { outcome: 'return', comment: '请补充走访情况' }))) return;
    if (!(await completeStep(api, stats, id, 'revise', lane.manager, { data }))) return;
    review = 'review#2';
  }
  if (!(await completeStep(api, stats, id, review, lane.supervisor, APPROVE))) return;
  if (kind === 'twoLevel' && !(await completeStep(api, stats, id, 'head-review', lane.head, APPROVE))) return;
  customer.tier = target;
}
