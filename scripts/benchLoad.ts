import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { bump, round, summarize, type LatencySummary } from './benchStats.js';

/**
 * Reads the bench makes straight from PostgreSQL, so that waiting for the workflow costs the
 * product nothing (a person would see the task in the inbox, not poll for it).
 */
export interface Probe {
  /** The open `review` task of the instance, once the workflow has opened it. */
  reviewTaskId(instanceId: string): Promise<string | undefined>;
  /** How many regrades ended `completed` between the two instants. */
  completedRegrades(from: Date, to: Date): Promise<number>;
}

/** Where the product answers; aborting `signal` ends every request and load loop at once (Ctrl-C). */
export interface Api { baseUrl: string; signal: AbortSignal; probe: Probe }

/** One HTTP answer with its round-trip time. `status` 0: the request itself failed. */
export interface Reply { status: number; body: any; ms: number }

/** A logged-in demo user. */
export interface Session { username: string; id: number; token: string }

/** A customer a lane may regrade; `tier` follows the approvals the bench makes. */
export interface BenchCustomer { id: number; tier: number }

/** A manager with the customers one client may use, and the supervisor who decides. */
export interface Lane { manager: Session; supervisor: Session; customers: BenchCustomer[] }

/** Counts of one load phase; timestamps are `performance.now()` values. */
export interface LoadStats {
  tasksDone: number[];
  completeMs: number[];
  errors: Record<string, number>;
}

/** What a load phase reports. */
export interface LoadResult {
  seconds: number;
  flowsCompleted: number;
  tasksCompleted: number;
  flowsPerSecond: number;
  tasksPerSecond: number;
  complete: LatencySummary;
  errors: Record<string, number>;
  drainSeconds: number;
}

const POLL_MS = 10;
const WAIT_LIMIT_MS = 30_000;

/** A JSON request against the product; never throws. */
export async function call(api: Api, method: string, path: string, token?: string, body?: unknown): Promise<Reply> {
  const started = performance.now();
  try {
    const res = await fetch(api.baseUrl + path, {
      method,
      signal: api.signal,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
    return { status: res.status, body: parsed, ms: performance.now() - started };
  } catch (err) {
    return { status: 0, body: String(err), ms: performance.now() - started };
  }
}

/** Logs a demo user in (password `dutyflow`). */
export async function login(api: Api, username: string): Promise<Session> {
  const reply = await call(api, 'POST', '/api/auth/login', undefined, { username, password: 'dutyflow' });
  if (reply.status !== 200) throw new Error(`login ${username}: HTTP ${reply.status}`);
  return { username, id: reply.body.user.id, token: reply.body.token };
}

/** The manager's customers (up to 100), as the manager sees them. */
export async function customersOf(api: Api, manager: Session): Promise<BenchCustomer[]> {
  const reply = await call(api, 'GET', `/api/customers?managerId=${manager.id}&size=100`, manager.token);
  if (reply.status !== 200) throw new Error(`customers of ${manager.username}: HTTP ${reply.status}`);
  return (reply.body.items as BenchCustomer[]).map(({ id, tier }) => ({ id, tier }));
}

/** Inbox latencies per `user/view` and their row totals. */
export interface InboxResult { all: LatencySummary; byView: Record<string, LatencySummary & { total: number }>; errors: Record<string, number> }

/**
 * `requests` sequential inbox reads (page 1, size 20, sort due) cycling over every session and
 * view=mine / view=group, after an unrecorded warm-up round.
 */
export async function measureInbox(api: Api, sessions: Session[], requests: number): Promise<InboxResult> {
  const combos = sessions.flatMap((s) => (['mine', 'group'] as const).map((view) => ({ s, view })));
  const samples: Record<string, number[]> = {};
  const totals: Record<string, number> = {};
  const errors: Record<string, number> = {};
  for (let i = -combos.length * 3; i < requests && !api.signal.aborted; i++) {
    const { s, view } = combos[((i % combos.length) + combos.length) % combos.length]!;
    const reply = await call(api, 'GET', `/api/tasks?view=${view}&page=1&size=20&sort=due`, s.token);
    if (i < 0) continue;
    const key = `${s.username}/${view}`;
    if (reply.status !== 200) { bump(errors, `${reply.status}`); continue; }
    (samples[key] ??= []).push(reply.ms);
    totals[key] = reply.body.total;
  }
  const byView = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, { ...summarize(v), total: totals[k] ?? 0 }]));
  return { all: summarize(Object.values(samples).flat()), byView, errors };
}

/** Odd tiers go up, even tiers down: always ±1 and inside 1–30. */
function nextTier(tier: number): number {
  return tier % 2 === 1 ? tier + 1 : tier - 1;
}

function proposal(customer: BenchCustomer, proposedTier: number) {
  return {
    customerId: customer.id, proposedTier,
    reason: '近三个月销量持续增长，经营面积扩大，申请调整档位',
    recentVolumes: [{ month: '2026-08', cartons: 120 }, { month: '2026-09', cartons: 135 }, { month: '2026-10', cartons: 150 }],
    visitDate: '2026-11-20',
    visitFacts: '实地走访核实：店面已扩建，客流明显增加',
  };
}

/** Polls the probe until the review task is open (or the wait limit passes). */
async function waitForReview(api: Api, instanceId: string): Promise<string | undefined> {
  const deadline = performance.now() + WAIT_LIMIT_MS;
  while (performance.now() < deadline && !api.signal.aborted) {
    const id = await api.probe.reviewTaskId(instanceId);
    if (id) return id;
    await sleep(POLL_MS);
  }
  return undefined;
}

/**
 * One regrade over HTTP: the manager proposes ±1 tier and the supervisor approves the `review`
 * task (timed). The lane moves on without waiting for the workflow to finish; finished flows are
 * counted in the database. A 409 start (the customer's previous flow still running) skips it.
 */
export async function runFlow(api: Api, lane: Lane, customer: BenchCustomer, stats: LoadStats): Promise<void> {
  const target = nextTier(customer.tier);
  const started = await call(api, 'POST', '/api/processes/regrade/instances', lane.manager.token,
    { data: proposal(customer, target), requestId: randomUUID() });
  if (started.status !== 201) {
    bump(stats.errors, `start ${started.status}`);
    if (started.status === 422) await refreshTier(api, lane.manager, customer);
    else if (started.status !== 409) await sleep(50);
    return;
  }
  const taskId = await waitForReview(api, started.body.id as string);
  if (!taskId) { bump(stats.errors, 'review task never opened'); return; }
  const done = await call(api, 'POST', `/api/tasks/${taskId}/complete`, lane.supervisor.token,
    { outcome: 'approve', comment: '同意', requestId: randomUUID() });
  if (done.status !== 200) { bump(stats.errors, `complete ${done.status}`); return; }
  stats.completeMs.push(done.ms);
  stats.tasksDone.push(performance.now());
  customer.tier = target;
}

async function refreshTier(api: Api, manager: Session, customer: BenchCustomer): Promise<void> {
  const reply = await call(api, 'GET', `/api/customers/${customer.id}`, manager.token);
  if (reply.status === 200) customer.tier = reply.body.tier;
}

function newStats(): LoadStats {
  return { tasksDone: [], completeMs: [], errors: {} };
}

/** A load window in both clocks: performance.now() for samples, wall time for the database. */
interface Window { start: number; end: number; startedAt: Date }

function openWindow(seconds: number): Window {
  const start = performance.now();
  return { start, end: start + seconds * 1000, startedAt: new Date() };
}

async function result(api: Api, stats: LoadStats, window: Window, drainedAt: number): Promise<LoadResult> {
  const { start, end } = window;
  const seconds = (end - start) / 1000;
  const endedAt = new Date(window.startedAt.getTime() + (end - start));
  const flowsCompleted = await api.probe.completedRegrades(window.startedAt, endedAt);
  const tasksCompleted = stats.tasksDone.filter((t) => t <= end).length;
  return {
    seconds: round(seconds, 2), flowsCompleted, tasksCompleted,
    flowsPerSecond: round(flowsCompleted / seconds, 2), tasksPerSecond: round(tasksCompleted / seconds, 2),
    complete: summarize(stats.completeMs), errors: stats.errors, drainSeconds: round((drainedAt - end) / 1000, 2),
  };
}

/**
 * Closed loop: every lane runs flows back to back over its own customers for `seconds`.
 * Only completions inside the window count; flows still running at its end are drained.
 */
export async function runClosedLoop(api: Api, lanes: Lane[], seconds: number): Promise<LoadResult> {
  const stats = newStats();
  const window = openWindow(seconds);
  await Promise.all(lanes.map(async (lane) => {
    for (let i = 0; performance.now() < window.end && !api.signal.aborted; i++) {
      await runFlow(api, lane, lane.customers[i % lane.customers.length]!, stats);
    }
  }));
  await sleep(1_000); // let the last approvals finish their workflows before counting
  return result(api, stats, window, performance.now());
}

/**
 * Open loop: starts one flow every 1/`perSecond` s on a fixed schedule, whatever the previous
 * ones are doing, each on a customer no running flow uses (a busy pool is counted as an error).
 */
export async function runPaced(api: Api, lanes: Lane[], seconds: number, perSecond: number): Promise<LoadResult> {
  const stats = newStats();
  const free = lanes.map((lane) => [...lane.customers]);
  const running: Promise<void>[] = [];
  const window = openWindow(seconds);
  const { start, end } = window;
  for (let k = 0; start + (k * 1000) / perSecond < end && !api.signal.aborted; k++) {
    const wait = start + (k * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    const laneIndex = k % lanes.length;
    const customer = free[laneIndex]!.shift();
    if (!customer) { bump(stats.errors, 'no free customer'); continue; }
    running.push(runFlow(api, lanes[laneIndex]!, customer, stats).finally(() => free[laneIndex]!.push(customer)));
  }
  const waitEnd = end - performance.now();
  if (waitEnd > 0 && !api.signal.aborted) await sleep(waitEnd);
  await Promise.all(running);
  await sleep(1_000);
  return result(api, stats, window, performance.now());
}
