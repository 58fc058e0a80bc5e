import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Task } from '../../db/entities/index.js';
import { whereInbox, type InboxFilters, type InboxStatus } from '../../api/tasks/inboxFilter.js';
import { canAct } from '../../api/tasks/taskView.js';
import type { SessionUser } from '../../api/http/auth.js';
import { claimAllows, mayAct } from '../../domain/taskRules.js';
import { startStack, type TestStack } from '../support/stack.js';

/*
 * Who may act on a task is written once, in TypeScript (`mayAct`, `claimAllows` in domain/taskRules.ts);
 * the inbox asks PostgreSQL the same question in SQL (`whereInbox`). Here the real SQL runs on the real
 * PostgreSQL over generated tasks and users, and must answer as the TypeScript rules do.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

/** The columns the inbox's views read, typed as in the `tasks` table. */
const COLUMNS: [string, string][] = [
  ['status', 'varchar(16)'], ['assignee_id', 'int'], ['candidate_roles', 'text[]'], ['excluded_user_ids', 'int[]'],
  ['claimed_by', 'int'], ['completed_by', 'int'],
];
const NO_FILTERS: InboxFilters = { overdue: false };
const USER_IDS = [1, 2, 3, 4];

interface TaskRow {
  status: 'open' | 'done' | 'cancelled';
  assigneeId: number | null;
  candidateRoles: string[];
  excludedUserIds: number[];
  claimedBy: number | null;
  completedBy: number | null;
}

const userId = fc.constantFrom(...USER_IDS);
const roles = fc.subarray([...ROLES]);
const taskArb: fc.Arbitrary<TaskRow> = fc.record({
  status: fc.constantFrom('open', 'done', 'cancelled'),
  assigneeId: fc.option(userId, { nil: null }),
  candidateRoles: roles,
  excludedUserIds: fc.subarray(USER_IDS),
  claimedBy: fc.option(userId, { nil: null }),
  completedBy: fc.option(userId, { nil: null }),
});
const userArb = fc.record({ id: userId, roles }).map((u): SessionUser => ({
  ...u, username: `u${u.id}`, displayName: `u${u.id}`, supervisorId: null, locale: 'zh-CN',
}));

/** The indexes of `tasks` that a view shows `user`, as PostgreSQL answers the inbox's own WHERE. */
async function shown(tasks: TaskRow[], user: SessionUser, view: 'mine' | 'group', status: InboxStatus): Promise<number[]> {
  const knex = stack.orm.em.getKnex();
  const rows = tasks.map((task, i) => ({
    i, status: task.status, assignee_id: task.assigneeId, candidate_roles: task.candidateRoles,
    excluded_user_ids: task.excludedUserIds, claimed_by: task.claimedBy, completed_by: task.completedBy,
  }));
  const columns = ['i int', ...COLUMNS.map(([name, type]) => `${name} ${type}`)].join(', ');
  const qb = knex.queryBuilder().from(knex.raw(`jsonb_to_recordset(?::jsonb) as t(${columns})`, [JSON.stringify(rows)]));
  const found = (await whereInbox(qb, user, view, status, NO_FILTERS).select('t.i')) as { i: number }[];
  return found.map((row) => row.i).sort((a, b) => a - b);
}

/** The indexes of `tasks` for which `rule` holds. */
const where = (tasks: TaskRow[], rule: (task: TaskRow) => boolean) => tasks.flatMap((task, i) => (rule(task) ? [i] : []));

describe('the inbox SQL and the TypeScript task rules', () => {
  it('reads columns typed as in the tasks table', async () => {
    const typed = (await stack.orm.em.getConnection().execute(`select attname as name, format_type(atttypid, atttypmod) as type
      from pg_attribute where attrelid = 'tasks'::regclass and attnum > 0 and not attisdropped`)) as { name: string; type: string }[];
    const tableTypes = Object.fromEntries(typed.map((c) => [c.name, c.type]));
    const sameNames: Record<string, string> = { int: 'integer', 'int[]': 'integer[]', 'text[]': 'text[]', 'varchar(16)': 'character varying(16)' };
    for (const [name, type] of COLUMNS) expect(tableTypes[name], name).toBe(sameNames[type]);
  });

  it('the group view is mayAct and claimAllows, for tasks not assigned to me', async () => {
    await fc.assert(fc.asyncProperty(fc.array(taskArb, { maxLength: 12 }), userArb, fc.constantFrom<InboxStatus>('open', 'done'),
      async (tasks, user, status) => {
        expect(await shown(tasks, user, 'group', status)).toEqual(where(tasks, (task) =>
          task.status === status && task.assigneeId !== user.id && mayAct(task, user) && claimAllows(task, user.id)));
      }), { numRuns: 150 });
  });

  it('every open task I may act on now is in my own view or my group view', async () => {
    await fc.assert(fc.asyncProperty(fc.array(taskArb, { maxLength: 12 }), userArb, async (tasks, user) => {
      const [mine, group] = await Promise.all([shown(tasks, user, 'mine', 'open'), shown(tasks, user, 'group', 'open')]);
      const actable = where(tasks, (task) => canAct(task as unknown as Task, user));
      expect(actable.filter((i) => !mine.includes(i) && !group.includes(i))).toEqual([]);
      expect(group.filter((i) => !actable.includes(i))).toEqual([]);
    }), { numRuns: 150 });
  });
});
