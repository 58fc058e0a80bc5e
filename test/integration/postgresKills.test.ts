import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.js';
import { seedDemoData } from '../../db/demoSeed.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../../runtime/embeddedPostgres.js';
import { demoUsers } from '../support/demoUsers.js';
import { freePort } from '../support/freePort.js';
import { killAndAwaitReady, settled } from '../support/projectionAudit.js';
import { customerOf, proposal, start } from '../support/regradeFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { complete, openTask } from '../support/taskFlows.js';

/*
 * Issue 12, proof in the suite: the product on a PostgreSQL of its own (embedded, supervised like
 * `npm start`'s), killed with SIGKILL while a decision is being written and while a start comes in, and
 * started again by its supervisor. Temporal keeps the record: once the database is back, the workers'
 * retried activities write what Temporal recorded, and the audit finds the projection true — with no
 * client retry.
 */
let dir: string;
let postgres: RunningPostgres;
let stack: TestStack;
let mgr1: string;
let sup1: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dutyflow-pgkills-'));
  chmodSync(dir, 0o711); // as root, PostgreSQL runs as its own user and must pass through
  postgres = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: await freePort() });
  await postgres.createDatabase('dutyflow');
  const url = postgres.url('dutyflow');
  const seeding = await openDatabase(url, { poolMax: 2 });
  await seedDemoData(seeding.em.fork());
  await seeding.close(true);
  stack = await startStack({ DUTYFLOW_RECONCILE_INTERVAL: '0.5s', DUTYFLOW_START_GRACE: '3s' }, { databaseUrl: url });
  ({ mgr1, sup1 } = await (await demoUsers(stack)).tokens(['mgr1', 'sup1']));
}, 180_000);
afterAll(async () => {
  await stack?.close();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const killPostgres = () => killAndAwaitReady(postgres, stack.baseUrl);

describe('PostgreSQL killed (kill -9) and started again by its supervisor', () => {
  it('while a decision is written and while a start comes in: the projection catches up with Temporal, nothing doubled', { timeout: 240_000 }, async () => {
    const ids: string[] = [];
    for (const [tier, delayMs] of [[14, 0], [15, 40]] as const) {
      const customer = await customerOf(stack, mgr1, tier);
      const started = await start(stack, mgr1, proposal(customer.id, tier + 1));
      expect(started.status).toBe(201);
      ids.push(started.body.id);
      const review = await openTask(stack, sup1, started.body.id, 'review');
      const deciding = complete(stack, sup1, review.id, { outcome: 'approve', comment: '同意' });
      await new Promise((r) => setTimeout(r, delayMs));
      await killPostgres();
      expect([200, 503]).toContain((await deciding).status);
    }
    // A start that meets the database down is refused (503) or taken; either way nothing is stuck.
    const customer = await customerOf(stack, mgr1, 16);
    const killing = killPostgres();
    const answer = await start(stack, mgr1, proposal(customer.id, 17));
    await killing;
    expect([201, 503]).toContain(answer.status);
    if (answer.status === 201) ids.push(answer.body.id);

    expect(await settled(stack, ids)).toEqual([]);
    const records = await stack.orm.em.fork().getConnection().execute<{ n: string }[]>(
      'select count(*) as n from form_records where instance_id = any(?::uuid[]) group by instance_id', [`{${ids.join(',')}}`]);
    for (const r of records) expect(Number(r.n)).toBeLessThanOrEqual(2); // the proposal and at most one decision
  });
});
