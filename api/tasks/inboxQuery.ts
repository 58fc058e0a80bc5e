import type { MikroORM } from '@mikro-orm/postgresql';
import { TaskSchema } from '../../db/entities/index.js';
import type { SessionUser } from '../http/auth.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { ValidationError } from '../http/errors.js';
import {
  handedOnByMe, INBOX_STATUSES, INBOX_VIEWS, readInboxFilters, text, whereInbox, type InboxFilters, type InboxStatus, type InboxView,
} from './inboxFilter.js';
import { notOneOf } from '../http/messages.js';
import { paging } from '../http/requestBody.js';
import { taskJson } from './taskView.js';

/**
 * Each sort's ORDER BY on the task columns of `t` (a table alias); `doneAt` is when the row was done (in 已办:
 * when I completed or handed it on).
 */
const SORTS: Record<string, (t: string, doneAt: string) => string> = {
  due: (t) => `${t}.due_at asc nulls last, ${t}.created_at asc`,
  '-due': (t) => `${t}.due_at desc nulls last, ${t}.created_at desc`,
  created: (t) => `${t}.created_at asc`,
  '-created': (t) => `${t}.created_at desc`,
  priority: (t) => `${t}.priority desc, ${t}.due_at asc nulls last`,
  completed: (t, doneAt) => `${doneAt} asc nulls last, ${t}.created_at asc`,
  '-completed': (t, doneAt) => `${doneAt} desc nulls last, ${t}.created_at desc`,
};
type Sort = (t: string, doneAt: string) => string;

/** Open tasks come due first; what is done, most recently completed (or handed on) first. */
const DEFAULT_SORT: Record<InboxStatus, string> = { open: 'due', done: '-completed' };

/** 已办's columns beside the task's: when I acted, and for a task I handed on how and to whom. */
interface DoneColumns {
  acted_at: Date;
  handed_on: 'transfer' | 'addSigner' | null;
  handed_to: number | null;
}

/** What 已办 says of a task handed on: the action, to whom, and when (null for one I completed). */
function handedOn(row: DoneColumns) {
  return row.handed_on ? { action: row.handed_on, to: row.handed_to!, at: new Date(row.acted_at).toISOString() } : null;
}

/** A field error for each parameter that has a value outside its choices. */
function choiceErrors(query: Record<string, unknown>, locale: Locale): FieldError[] {
  const choices: [string, readonly string[]][] = [['view', INBOX_VIEWS], ['status', INBOX_STATUSES], ['sort', Object.keys(SORTS)]];
  return choices
    .filter(([name, allowed]) => text(query[name]) !== undefined && !allowed.includes(text(query[name])!))
    .map(([name, allowed]) => ({ path: `/${name}`, message: notOneOf(locale, allowed) }));
}

/** The filters of `query`; 422 naming every bad parameter, the choices first. */
function checkedFilters(query: Record<string, unknown>, locale: Locale, more: FieldError[] = []): InboxFilters {
  const { filters, errors } = readInboxFilters(query, locale);
  if (more.length || errors.length) throw new ValidationError([...more, ...errors]);
  return filters;
}

/**
 * The inbox: lists and counts of tasks per view (see `whereInbox`). Reads PostgreSQL only, on indexed columns.
 */
export function createInboxQuery(orm: MikroORM) {
  const knex = () => orm.em.fork().getKnex();
  function tasks(user: SessionUser, view: InboxView, status: InboxStatus, filters: InboxFilters) {
    return whereInbox(knex()('tasks as t'), user, view, status, filters);
  }
  const isDone = (view: InboxView, status: InboxStatus) => view === 'mine' && status === 'done';

  /** A view's count; 已办's is what I completed plus what I handed on (the two never share a task). */
  async function count(user: SessionUser, view: InboxView, status: InboxStatus, filters: InboxFilters): Promise<number> {
    const parts = [tasks(user, view, status, filters), ...(isDone(view, status) ? [handedOnByMe(knex(), user, filters)] : [])];
    const totals = await Promise.all(parts.map(async (qb) => ((await qb.count({ total: '*' })) as { total: string }[])[0]?.total));
    return totals.reduce((sum: number, total) => sum + Number(total ?? 0), 0);
  }

  /**
   * A page of 已办: the first `offset + size` of what I completed and of what I handed on, each in the
   * sort's order on its own index, merged, then the page of them.
   */
  function donePage(user: SessionUser, filters: InboxFilters, sort: Sort, size: number, offset: number) {
    const db = knex();
    const completed = tasks(user, 'mine', 'done', filters)
      .select('t.*', db.raw('t.completed_at as acted_at, null::text as handed_on, null::int as handed_to'))
      .orderByRaw(sort('t', 't.completed_at')).limit(offset + size);
    const handed = handedOnByMe(db, user, filters)
      .select('t.*', db.raw('h.at as acted_at, h.action as handed_on, h.to_user as handed_to'))
      .orderByRaw(sort('t', 'h.at')).limit(offset + size);
    return db.queryBuilder().from(db.raw('(? union all ?) as d', [completed, handed])).select('d.*')
      .orderByRaw(sort('d', 'd.acted_at')).limit(size).offset(offset);
  }

  return {
    async list(user: SessionUser, query: Record<string, unknown>, locale: Locale) {
      const filters = checkedFilters(query, locale, choiceErrors(query, locale));
      const view = (text(query.view) ?? 'mine') as InboxView;
      const status = (text(query.status) ?? 'open') as InboxStatus;
      const { page, size, offset } = paging(query);
      const sort = SORTS[text(query.sort) ?? DEFAULT_SORT[status]] ?? SORTS.due!;
      const done = isDone(view, status);
      const em = orm.em.fork();
      const [rows, total] = await Promise.all([
        done
          ? donePage(user, filters, sort, size, offset)
          : tasks(user, view, status, filters).select('t.*').orderByRaw(sort('t', 't.completed_at')).limit(size).offset(offset),
        count(user, view, status, filters),
      ]);
      const items = (rows as Record<string, unknown>[]).map((row) => {
        const task = taskJson(em.map(TaskSchema, row), user);
        return done ? { ...task, handedOn: handedOn(row as unknown as DoneColumns) } : task;
      });
      return { items, total, page, size };
    },

    /** The inbox tabs' badges under the same filters: my open tasks, my groups' open tasks, what I completed or handed on. */
    async counts(user: SessionUser, query: Record<string, unknown>, locale: Locale) {
      const filters = checkedFilters(query, locale);
      const [mine, group, done] = await Promise.all([
        count(user, 'mine', 'open', filters),
        count(user, 'group', 'open', filters),
        count(user, 'mine', 'done', filters),
      ]);
      return { mine, group, done };
    },
  };
}
