import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { flowKind, regradeProposal, type FlowKind } from '../bench/benchFlow.js';
import { call, customersOf, login, refreshTier, type Api, type BenchCustomer, type Lane, type Reply, type Session } from '../bench/benchHttp.js';
import { bump } from '../bench/benchStats.js';

/** How long one request is retried (same requestId) through an outage before the flow gives up. */
const RETRY_LIMIT_MS = 150_000;
const RETRY_PAUSE_MS = 1_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** How long a step may take to open (the product may be restarting meanwhile). */
const STEP_WAIT_MS = 150_000;

/** One start the load made, as the API answered it. */
export interface StartRecord {
  requestId: string;
  manager: string;
  customerId: number;
  kind: FlowKind;
  /** The final answer (after retries with the same requestId). */
  status: number;
  /** Answers before the final one, e.g. [0, 503, 503]. */
  retried: number[];
  instanceId?: string;
  /** The instance's status in the answer's body (a repeat may answer 200 with an ended instance). */
  answeredInstanceStatus?: string;
  answeredAt: number;
  /** What became of the flow on the client's side. */
  outcome: 'done' | 'abandoned' | 'not started';
  note?: string;
}

export interface ChaosLoadStats {
  starts: StartRecord[];
  stepsDone: number;
  stepRetries: number;
  errors: Record<string, number>;
}

/** A retryable answer: the request failed, or the product said it is unavailable / erred. */
function retryable(r: Reply): boolean {
  return r.status === 0 || r.status >= 500;
}

/**
 * The web app's behaviour: a submission that failed (no answer, 5xx) is sent again with the same
 * body and requestId until it gets an answer (or `RETRY_LIMIT_MS`, or the run is aborted).
 */
async function submit(api: Api, path: string, token: string, body: unknown, retried: number[]): Promise<Reply> {
  const deadline = performance.now() + RETRY_LIMIT_MS;
  for (;;) {
    // A request that hangs (an engine gone mid-call) counts as failed after REQUEST_TIMEOUT_MS.
    const signal = AbortSignal.any([api.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
    const reply = await call({ ...api, signal }, 'POST', path, token, body);
    if (!retryable(reply) || performance.now() > deadline || api.signal.aborted) return reply;
    retried.push(reply.status);
    await sleep(RETRY_PAUSE_MS);
  }
}

/** The probe's read, surviving a PostgreSQL outage (an error is just "not yet"). */
async function waitForTask(api: Api, instanceId: string, stepKey: string): Promise<string | undefined> {
  const deadline = performance.now() + STEP_WAIT_MS;
  while (performance.now() < deadline && !api.signal.aborted) {
    const id = await api.probe.openTaskId(instanceId, stepKey).catch(() => undefined);
    if (id) return id;
    await sleep(100);
  }
  return undefined;
}

function targetTier(tier: number, kind: FlowKind): number {
  const step = kind === 'twoLevel' ? 3 : 1;
  return tier + step <= 30 && (tier % 2 === 1 || tier - step < 1) ? tier + step : tier - step;
}

async function completeStep(api: Api, stats: ChaosLoadStats, instanceId: string, stepKey: string, who: Session,
  body: Record<string, unknown>): Promise<string | undefined> {
  const taskId = await waitForTask(api, instanceId, stepKey);
  if (!taskId) { bump(stats.errors, `${stepKey} never opened`); return `${stepKey} never opened`; }
  const retried: number[] = [];
  const done = await submit(api, `/api/tasks/${taskId}/complete`, who.token, { ...body, requestId: randomUUID() }, retried);
  stats.stepRetries += retried.length;
  if (done.status !== 200) {
    bump(stats.errors, `complete ${stepKey} ${done.status}`);
    return `complete ${stepKey} (task ${taskId}) answered ${done.status} ${JSON.stringify(done.body).slice(0, 200)}`;
  }
  stats.stepsDone += 1;
  return undefined;
}

const APPROVE = { outcome: 'approve', comment: '同意' };

/** One regrade along flow `n`'s path, retrying each submission with its requestId through outages. */
export async function runChaosFlow(api: Api, lane: Lane, customer: BenchCustomer, stats: ChaosLoadStats, n: number,
  onStarted?: (record: StartRecord) => void, kindOverride?: FlowKind): Promise<StartRecord> {
  const kind = kindOverride ?? flowKind(n);
  const target = targetTier(customer.tier, kind);
  const data = regradeProposal(customer, target);
  const record: StartRecord = {
    requestId: randomUUID(), manager: lane.manager.username, customerId: customer.id, kind, status: 0, retried: [],
    answeredAt: 0, outcome: 'not started',
  };
  stats.starts.push(record);
  const started = await submit(api, '/api/processes/regrade/instances', lane.manager.token, { data, requestId: record.requestId }, record.retried);
  record.status = started.status;
  record.answeredAt = Date.now();
  if (started.status !== 201 && started.status !== 200) {
    bump(stats.errors, `start ${started.status}`);
    record.note = JSON.stringify(started.body).slice(0, 200);
    if (started.status === 422) await refreshTier(api, lane.manager, customer);
    else await sleep(200);
    return record;
  }
  record.instanceId = started.body.id as string;
  record.answeredInstanceStatus = started.body.status as string;
  if (record.answeredInstanceStatus === 'failed') {
    bump(stats.errors, 'start answered 200 with a failed instance');
    record.note = 'start answered 200 with status failed';
    record.outcome = 'abandoned';
    return record;
  }
  onStarted?.(record);
  const fail = (note: string) => { record.outcome = 'abandoned'; record.note = note; return record; };
  let problem: string | undefined;
  if (kind === 'reject') {
    problem = await completeStep(api, stats, record.instanceId, 'review', lane.supervisor, { outcome: 'reject', comment: '依据不足' });
    if (problem) return fail(problem);
    record.outcome = 'done';
    return record;
  }
  let review = 'review';
  if (kind === 'returnThenApprove') {
    problem = await completeStep(api, stats, record.instanceId, review, lane.supervisor, { outcome: 'return', comment: '请补充走访情况' });
    if (problem) return fail(problem);
    problem = await completeStep(api, stats, record.instanceId, 'revise', lane.manager, { data });
    if (problem) return fail(problem);
    review = 'review#2';
  }
  problem = await completeStep(api, stats, record.instanceId, review, lane.supervisor, APPROVE);
  if (problem) return fail(problem);
  if (kind === 'twoLevel') {
    problem = await completeStep(api, stats, record.instanceId, 'head-review', lane.head, APPROVE);
    if (problem) return fail(problem);
  }
  customer.tier = target;
  record.outcome = 'done';
  return record;
}

/**
 * One lane per manager mgr1..mgr5 (their supervisor decides, the dept head for big changes); mgr6's
 * customers are kept for the recovery probe, so a probe never meets a load flow's open regrade.
 */
export async function buildChaosLanes(api: Api): Promise<{ lanes: Lane[]; probeLane: Lane }> {
  const sup1 = await login(api, 'sup1');
  const sup2 = await login(api, 'sup2');
  const head = await login(api, 'head');
  const lanes: Lane[] = [];
  for (let m = 1; m <= 6; m++) {
    const manager = await login(api, `mgr${m}`);
    lanes.push({ manager, supervisor: m <= 3 ? sup1 : sup2, head, customers: await customersOf(api, manager) });
  }
  return { lanes: lanes.slice(0, 5), probeLane: lanes[5]! };
}

/** Each lane runs flows back to back over its customers until `until` (performance.now()); a 409 moves on. */
export async function runLanes(api: Api, lanes: Lane[], stats: ChaosLoadStats, until: number): Promise<void> {
  await Promise.all(lanes.map(async (lane, l) => {
    for (let i = 0; performance.now() < until && !api.signal.aborted; i++) {
      await runChaosFlow(api, lane, lane.customers[i % lane.customers.length]!, stats, i * 7 + l);
    }
  }));
}
