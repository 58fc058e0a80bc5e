import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../db/ormConfig.js';
import type { Probe } from './benchHttp.js';
import { round } from './benchStats.js';

/** What `seedBenchData` wrote and how long it took. */
export interface SeedResult {
  fillerUsers: number;
  fillerInstances: number;
  openTasks: number;
  /** Open tasks per audience, e.g. `sup1` or `group:dept_head`. */
  byAudience: Record<string, number>;
  seconds: number;
}

type Execute = (sql: string, params?: unknown[]) => Promise<unknown>;

const FILLER_USERS = `
insert into users (username, display_name, roles, password_hash)
select 'bench-user-' || g, '压测用户' || g,
  case when g % 10 = 0 then array['supervisor'] else array['customer_manager'] end, 'x'
from generate_series(1, ?::int) g`;

const FILLER_USER_IDS = `(select array_agg(id order by id) a from users where username like 'bench-user-%') u`;

const FILLER_INSTANCES = `
insert into process_instances (id, process_key, business_key, title, status, started_by, start_request_id)
select gen_random_uuid(), 'bench-filler', 'bench:' || g, '压测填充流程 ' || g, 'running',
  u.a[1 + (g - 1) % cardinality(u.a)], 'bench-start-' || g
from generate_series(1, ?::int) g, ${FILLER_USER_IDS}`;

/** Tasks numbered `from`..`to` (step keys stay unique); `assignee` and `roles` are SQL over g and u.a. */
function taskInsert(assignee: string, roles: string): string {
  return `
insert into tasks (id, instance_id, process_key, step_key, name, form_key, form_version, assignee_id,
  candidate_roles, allowed_outcomes, priority, context, due_at, created_at)
select gen_random_uuid(), p.a[1 + g % cardinality(p.a)], 'bench-filler', 'bench-' || g, 'regrade.review',
  'approval-decision', 1, ${assignee}, ${roles}, array['approve','reject','return'], (g % 3)::smallint,
  jsonb_build_object('customerName', '压测客户' || g, 'customerCode', 'B' || lpad(g::text, 9, '0'),
    'fromTier', 1 + g % 30, 'proposedTier', 1 + (g + 1) % 30),
  now() + random() * interval '30 days', now() - random() * interval '10 days'
from generate_series(?::int, ?::int) g, ${FILLER_USER_IDS},
  (select array_agg(id order by id) a from process_instances where process_key = 'bench-filler') p`;
}

const ROTATING_ROLES = `case g % 4 when 0 then array['supervisor'] when 1 then array['customer_manager']
  when 2 then array['safety_officer'] else array['leader'] end`;

interface Segment { audience: string; count: number; assignee: string; roles: string; params: unknown[] }

function segments(total: number, sup1: number, sup2: number): Segment[] {
  const fixed: Segment[] = [
    { audience: 'sup1', count: 200, assignee: '?::int', roles: `'{}'::text[]`, params: [sup1] },
    { audience: 'sup2', count: 200, assignee: '?::int', roles: `'{}'::text[]`, params: [sup2] },
    { audience: 'group:dept_head', count: 100, assignee: 'null', roles: `array['dept_head']`, params: [] },
    // Offered to a role, as hazard or escalated tasks are: ~1,000 per role incl. supervisor and customer_manager.
    { audience: 'group:rotating', count: Math.round(total * 0.04), assignee: 'null', roles: ROTATING_ROLES, params: [] },
  ];
  const rest = total - fixed.reduce((sum, s) => sum + s.count, 0);
  return [...fixed, { audience: 'filler users', count: rest, assignee: 'u.a[1 + g % cardinality(u.a)]', roles: `'{}'::text[]`, params: [] }];
}

async function demoUserId(execute: Execute, username: string): Promise<number> {
  const rows = (await execute('select id from users where username = ?', [username])) as { id: number }[];
  if (!rows[0]) throw new Error(`demo user ${username} is missing: did the demo seed run?`);
  return rows[0].id;
}

/**
 * Writes filler users, running filler process instances and `tasks` open tasks straight into
 * PostgreSQL with set-based inserts, then analyzes, so the inbox is measured against a full table.
 */
export async function seedBenchData(url: string, tasks = 100_000, users = 1_000, instances = 1_000): Promise<SeedResult> {
  const orm = await MikroORM.init({ ...ormOptions(url, 2), migrations: undefined });
  const started = performance.now();
  try {
    const connection = orm.em.fork().getConnection();
    const execute: Execute = (sql, params = []) => connection.execute(sql, params);
    await execute(FILLER_USERS, [users]);
    await execute(FILLER_INSTANCES, [instances]);
    const [sup1, sup2] = [await demoUserId(execute, 'sup1'), await demoUserId(execute, 'sup2')];
    const byAudience: Record<string, number> = {};
    let next = 1;
    for (const s of segments(tasks, sup1, sup2)) {
      await execute(taskInsert(s.assignee, s.roles), [...s.params, next, next + s.count - 1]);
      byAudience[s.audience] = s.count;
      next += s.count;
    }
    // Fresh statistics, as autovacuum would soon give them, so the planner sees 100k rows.
    await execute('vacuum analyze tasks');
    await execute('analyze');
    const [open] = (await execute(`select count(*)::int n from tasks where status = 'open'`)) as { n: number }[];
    return {
      fillerUsers: users, fillerInstances: instances, openTasks: open?.n ?? 0, byAudience,
      seconds: round((performance.now() - started) / 1000, 2),
    };
  } finally {
    await orm.close(true);
  }
}

/** The bench's direct reads (see `Probe`), on a small pool of its own; `close` when done. */
export async function openProbe(url: string): Promise<Probe & { close(): Promise<void> }> {
  const orm = await MikroORM.init({ ...ormOptions(url, 4), migrations: undefined });
  const connection = orm.em.fork().getConnection();
  return {
    async openTaskId(instanceId, stepKey) {
      const rows = (await connection.execute(
        `select id from tasks where instance_id = ? and step_key = ? and status = 'open'`, [instanceId, stepKey])) as { id: string }[];
      return rows[0]?.id;
    },
    async completedRegrades(from, to) {
      const rows = (await connection.execute(
        `select count(*)::int n from process_instances where process_key = 'regrade' and status = 'completed'
           and ended_at >= ? and ended_at <= ?`, [from, to])) as { n: number }[];
      return rows[0]?.n ?? 0;
    },
    close: () => orm.close(true),
  };
}
