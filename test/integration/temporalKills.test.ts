import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporalDevServer, type RunningTemporal } from '../../runtime/temporalDevServer.js';
import { demoUsers } from '../support/demoUsers.js';
import { freePort } from '../support/freePort.js';
import { customerOf, proposal, start } from '../support/regradeFlows.js';
import { killAndAwaitReady, settled } from '../support/projectionAudit.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { complete, openTask } from '../support/taskFlows.js';

/*
 * Issue 12, proof in the suite: the product on a Temporal server of its own (the real dev server with
 * its SQLite file, supervised like `npm start`'s), killed with SIGKILL at the windows that matter — a
 * start, a completion — and started again by its supervisor. Then an audit of PostgreSQL against
 * Temporal, with no client retry: no instance running without a workflow or an open task, no workflow
 * waiting without its task in the inbox, no instance finished whose workflow still waits, no duplicate.
 */
let dir: string;
let temporal: RunningTemporal;
let stack: TestStack;
let mgr1: string;
let sup1: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dutyflow-kills-'));
  chmodSync(dir, 0o700);
  temporal = await startTemporalDevServer({ port: await freePort(), dbFile: join(dir, 'temporal.db') });
  stack = await startStack({ DUTYFLOW_RECONCILE_INTERVAL: '0.5s', DUTYFLOW_START_GRACE: '3s' }, { temporalAddress: temporal.address });
  ({ mgr1, sup1 } = await (await demoUsers(stack)).tokens(['mgr1', 'sup1']));
}, 120_000);
afterAll(async () => {
  await stack?.close();
  await temporal?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const killTemporal = () => killAndAwaitReady(temporal, stack.baseUrl);

const rows = (sql: string, params: unknown[] = []) => stack.orm.em.fork().getConnection().execute<Record<string, any>[]>(sql, params);

describe('Temporal killed (kill -9) and started again by its supervisor', () => {
  it('at a start: the instance is running with its task, or failed with its customer free — never stuck', { timeout: 180_000 }, async () => {
    const ids: string[] = [];
    for (const tier of [11, 12, 13]) {
      const customer = await customerOf(stack, mgr1, tier);
      const killing = killTemporal();
      const answer = await start(stack, mgr1, proposal(customer.id, tier + 1), randomUUID());
      await killing;
      expect([201, 503]).toContain(answer.status);
      const [row] = await rows(`select id, status from process_instances where business_key = ? order by started_at desc limit 1`, [`customer:${customer.id}`]);
      if (!row) continue; // refused before anything was written
      ids.push(row.id as string);
      const status = await eventually(async () => {
        const [now] = await rows('select status from process_instances where id = ?', [row.id]);
        return now!.status === 'starting' ? undefined : now!.status as string;
      }, 45_000);
      // A start that did not happen blocks nobody: the customer can be proposed again at once.
      if (status === 'failed') expect((await start(stack, mgr1, proposal(customer.id, tier + 1))).status).toBe(201);
    }
    expect(await settled(stack, ids)).toEqual([]);
  });

  it('while a decision is written: done on both sides or open on both sides, exactly once', { timeout: 240_000 }, async () => {
    const ids: string[] = [];
    for (const [tier, delayMs] of [[14, 0], [15, 25], [16, 100]] as const) {
      const customer = await customerOf(stack, mgr1, tier);
      const started = await start(stack, mgr1, proposal(customer.id, tier + 1));
      expect(started.status).toBe(201);
      ids.push(started.body.id);
      const review = await openTask(stack, sup1, started.body.id, 'review');
      const deciding = complete(stack, sup1, review.id, { outcome: 'approve', comment: '同意' });
      await new Promise((r) => setTimeout(r, delayMs));
      await killTemporal();
      const answer = await deciding;
      expect([200, 503]).toContain(answer.status);
      const [task] = await rows('select status from tasks where id = ?', [review.id]);
      // A 200 is a decision Temporal has: the task is done and stays done.
      if (answer.status === 200) expect(task!.status).toBe('done');
    }
    expect(await settled(stack, ids)).toEqual([]);
    const records = await rows(`select instance_id, count(*) as n from form_records where instance_id = any(?::uuid[]) group by instance_id`,
      [`{${ids.join(',')}}`]);
    for (const r of records) expect(Number(r.n)).toBeLessThanOrEqual(2); // the proposal and at most one decision
  });
});
