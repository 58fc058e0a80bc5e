import type { MikroORM } from '@mikro-orm/postgresql';
import { TaskSchema } from '../../db/entities/index.js';
import type { SessionUser } from '../http/auth.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { ValidationError } from '../http/errors.js';
import {
  inboxFrom, INBOX_STATUSES, INBOX_VIEWS, readInboxFilters, text, whereInbox, type InboxFilters, type InboxStatus, type InboxView,
} from './inboxFilter.js';
import { notOneOf } from '../http/messages.js';
import { paging } from '../http/requestBody.js';
import { taskJson } from './taskView.js';

/** Each sort's ORDER BY; `doneAt` is when the row was done (for 已办: when I completed or handed it on). */
const SORTS: Record<string, (doneAt: string) => string> = {
  due: () => 't.due_at asc nulls last, t.created_at asc',
  '-due': () => 't.due_at desc nulls last, t.created_at desc',
  created: () => 't.created_at asc',
  '-created': () => 't.created_at desc',
  priority: () => 't.priority desc, t.due_at asc nulls last',
  completed: (doneAt) => `${doneAt} asc nulls last, t.created_at asc`,
  '-completed': (doneAt) => `${doneAt} desc nulls last, t.created_at desc`,
};

/** Open tasks come due first; what is done, most recently completed (or handed on) first. */
const DEFAULT_SORT: Record<InboxStatus, string> = { open: 'due', done: '-completed' };

/** 已办's row as `doneByMe` gives it beside the task's columns. */
interface HandedOnColumns {
  acted_at: Date;
  handed_on: 'transfer' | 'addSigner' | null;
  handed_to: number | null;
}

/** What 已办 says of a task handed on: the action, to whom, and when (null for one I completed). */
function handedOn(row: HandedOnColumns) {
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
  function tasks(user: SessionUser, view: InboxView, status: InboxStatus, filters: InboxFilters) {
    return whereInbox(inboxFrom(orm.em.fork().getKnex(), user, view, status), user, view, status, filters);
  }

  async function count(user: SessionUser, view: InboxView, status: InboxStatus, filters: InboxFilters): Promise<number> {
    const rows = (await tasks(user, view, status, filters).count({ total: '*' })) as { total: string }[];
    return Number(rows[0]?.total ?? 0);
  }

  return {
    async list(user: SessionUser, query: Record<string, unknown>, locale: Locale) {
      const filters = checkedFilters(query, locale, choiceErrors(query, locale));
      const view = (text(query.view) ?? 'mine') as InboxView;
      const status = (text(query.status) ?? 'open') as InboxStatus;
      const { page, size, offset } = paging(query);
      const doneByMe = view === 'mine' && status === 'done';
      const sort = (SORTS[text(query.sort) ?? DEFAULT_SORT[status]] ?? SORTS.due!)(doneByMe ? 'd.acted_at' : 't.completed_at');
      const em = orm.em.fork();
      const [rows, total] = await Promise.all([
        tasks(user, view, status, filters).select(doneByMe ? ['t.*', 'd.acted_at', 'd.handed_on', 'd.handed_to'] : ['t.*'])
          .orderByRaw(sort).limit(size).offset(offset),
        count(user, view, status, filters),
      ]);
      const items = (rows as Record<string, unknown>[]).map((row) => {
        const task = taskJson(em.map(TaskSchema, row), user);
        return doneByMe ? { ...task, handedOn: handedOn(row as unknown as HandedOnColumns) } : task;
      });
      return { items, total, page, size };
    },

    /** The inbox tabs' badges under the same filters: my open tasks, my groups' open tasks, what I completed. */
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
