import type { MikroORM } from '@mikro-orm/postgresql';
import { TaskSchema } from '../db/entities/index.js';
import type { SessionUser } from './auth.js';
import type { Locale } from '../forms/formDefinition.js';
import { ForbiddenError, ValidationError } from './errors.js';
import { paging } from './requestBody.js';
import { taskJson } from './taskView.js';
import { overseesAll } from './visibility.js';

const SORTS: Record<string, string> = {
  due: 't.due_at asc nulls last, t.created_at asc',
  '-due': 't.due_at desc nulls last, t.created_at desc',
  created: 't.created_at asc',
  '-created': 't.created_at desc',
  priority: 't.priority desc, t.due_at asc nulls last',
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

const VIEWS = ['mine', 'group', 'all'];
const STATUSES = ['open', 'done'];

/** 422 naming each query parameter that has a value outside its choices. */
function checkChoices(query: Record<string, unknown>, locale: Locale): void {
  const choices: [string, string[]][] = [['view', VIEWS], ['status', STATUSES], ['sort', Object.keys(SORTS)]];
  const errors = choices
    .filter(([name, allowed]) => text(query[name]) !== undefined && !allowed.includes(text(query[name])!))
    .map(([name, allowed]) => ({
      path: `/${name}`,
      message: locale === 'en' ? `must be one of: ${allowed.join(', ')}` : `取值只能是：${allowed.join('、')}`,
    }));
  const dueBefore = text(query.dueBefore);
  const dueYear = dueBefore ? new Date(dueBefore).getUTCFullYear() : 2000;
  if (dueBefore && (Number.isNaN(Date.parse(dueBefore)) || dueYear < 1970 || dueYear > 9999)) {
    errors.push({ path: '/dueBefore', message: locale === 'en' ? 'must be a date' : '应为日期' });
  }
  if (errors.length) throw new ValidationError(errors);
}

/**
 * The inbox: `view=mine` (assigned to or claimed by me), `group` (offered to my roles, not taken by
 * someone else), `all` (admin, leader, dept head). Reads PostgreSQL only, on indexed columns.
 */
export function createInboxQuery(orm: MikroORM) {
  return async function listTasks(user: SessionUser, query: Record<string, unknown>, locale: Locale) {
    checkChoices(query, locale);
    const view = text(query.view) ?? 'mine';
    const status = text(query.status) ?? 'open';
    const { page, size, offset } = paging(query);
    const em = orm.em.fork();
    const qb = em.getKnex()('tasks as t');
    if (view === 'mine') {
      if (status === 'open') qb.whereRaw('t.status = ? and (t.assignee_id = ? or t.claimed_by = ?)', ['open', user.id, user.id]);
      else qb.whereRaw('t.status = ? and t.completed_by = ?', ['done', user.id]);
    } else if (view === 'group') {
      qb.whereRaw(`t.status = ? and t.candidate_roles && ?::text[] and not (? = any(t.excluded_user_ids))
        and (t.claimed_by is null or t.claimed_by = ?) and t.assignee_id is distinct from ?`,
      [status, user.roles, user.id, user.id, user.id]);
    } else {
      if (!overseesAll(user)) throw new ForbiddenError();
      qb.whereRaw('t.status = ?', [status]);
    }
    const processKey = text(query.process);
    if (processKey) qb.andWhereRaw('t.process_key = ?', [processKey]);
    const q = text(query.q);
    if (q) {
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhereRaw(`(t.context->>'customerName' ilike ? or t.context->>'customerCode' ilike ? or t.name ilike ?)`, [like, like, like]);
    }
    const dueBefore = text(query.dueBefore);
    if (dueBefore) qb.andWhereRaw('t.due_at < ?', [new Date(dueBefore)]);
    const sort = SORTS[text(query.sort) ?? 'due'] ?? SORTS.due!;
    const [rows, counted] = await Promise.all([
      qb.clone().select('t.*').orderByRaw(sort).limit(size).offset(offset),
      qb.clone().count({ total: '*' }),
    ]);
    const items = (rows as Record<string, unknown>[]).map((row) => taskJson(em.map(TaskSchema, row), user));
    return { items, total: Number((counted as { total: string }[])[0]?.total ?? 0), page, size };
  };
}
