import { setTimeout as sleep } from 'node:timers/promises';
import { runFlow } from './benchFlow.js';
import { call, type Api, type Lane, type LoadStats, type Session } from './benchHttp.js';
import { bump, round, summarize, type LatencySummary } from './benchStats.js';

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
      await runFlow(api, lane, lane.customers[i % lane.customers.length]!, stats, i);
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
    running.push(runFlow(api, lanes[laneIndex]!, customer, stats, k).finally(() => free[laneIndex]!.push(customer)));
  }
  const waitEnd = end - performance.now();
  if (waitEnd > 0 && !api.signal.aborted) await sleep(waitEnd);
  await Promise.all(running);
  await sleep(1_000);
  return result(api, stats, window, performance.now());
}
