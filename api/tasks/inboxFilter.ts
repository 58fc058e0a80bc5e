import type { Knex } from '@mikro-orm/postgresql';
import { HAND_OVER_EVENTS } from '../../db/audit.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import type { SessionUser } from '../http/auth.js';
import { ForbiddenError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { overseesAll } from '../http/visibility.js';

export const INBOX_VIEWS = ['mine', 'group', 'all'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
export const INBOX_STATUSES = ['open', 'done'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** What narrows any inbox view: the list and the counts take the same. */
export interface InboxFilters {
  processKey?: string;
  /** The step's name (e.g. `regrade.review`): the tasks of the same kind as one just done. */
  step?: string;
  q?: string;
  dueBefore?: Date;
  dueAfter?: Date;
  /** Only open tasks past their due time. */
  overdue: boolean;
}

/** A query parameter's trimmed text; empty counts as absent. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A date parameter; years outside 1970–9999 are refused too (PostgreSQL and JSON would disagree on them). */
function dateParam(query: Record<string, unknown>, name: string, locale: Locale, errors: FieldError[]): Date | undefined {
  const raw = text(query[name]);
  if (raw === undefined) return undefined;
  const date = new Date(raw);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1970 || year > 9999) {
    errors.push({ path: `/${name}`, message: t(locale, 'notDate') });
    return undefined;
  }
  return date;
}

/** The filters of `query`, with a field error for each bad one (the caller decides when to throw). */
export function readInboxFilters(query: Record<string, unknown>, locale: Locale): { filters: InboxFilters; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const dueBefore = dateParam(query, 'dueBefore', locale, errors);
  const dueAfter = dateParam(query, 'dueAfter', locale, errors);
  const overdue = text(query.overdue);
  if (overdue !== undefined && overdue !== 'true' && overdue !== 'false') errors.push({ path: '/overdue', message: t(locale, 'notBoolean') });
  const filters: InboxFilters = { processKey: text(query.process), step: text(query.step), q: text(query.q), dueBefore, dueAfter, overdue: overdue === 'true' };
  return { filters, errors };
}

/**
 * The one WHERE of the inbox, on `tasks as t`: `mine` (assigned to or claimed by me; done: completed by me,
 * to which 已办 adds `handedOnByMe`),
 * `group` (offered to my roles, not taken by someone else), `all` (admin, leader, dept head; else 403),
 * narrowed by `filters`. Each view's condition matches an index of the tasks table. The group view is
 * the SQL form of `mayAct` and `claimAllows` (domain/taskRules.ts) for tasks not assigned to me, and the
 * two views together hold every task I may act on: test/integration/taskRulesSql.test.ts checks both
 * on generated tasks and users, so the TypeScript rules stay their one owner.
 */
export function whereInbox(qb: Knex.QueryBuilder, user: SessionUser, view: InboxView, status: InboxStatus, filters: InboxFilters):
  Knex.QueryBuilder {
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
  return whereFilters(qb, filters);
}

/**
 * 已办's other half: each task I handed on by 转交 or 加签 that is no longer in my hands (neither completed by
 * me, which `whereInbox` has, nor open and mine again), as `t`, with my last such action as `h` (`at`,
 * `action`, `to_user`), narrowed by `filters`. The task row keeps only its new holder: the hand-over is the
 * audit event the action wrote with it (indexed by actor for these two types).
 */
export function handedOnByMe(knex: Knex, user: SessionUser, filters: InboxFilters): Knex.QueryBuilder {
  const latest = knex.raw(`(select distinct on (a.task_id) a.task_id, a.at,
      case a.type when ? then 'transfer' else 'addSigner' end as action,
      coalesce(a.data->>'to', a.data->>'userId')::int as to_user
    from audit_log a where a.type in (?, ?) and a.actor_id = ?
    order by a.task_id, a.at desc) as h`, [HAND_OVER_EVENTS.transfer, HAND_OVER_EVENTS.transfer, HAND_OVER_EVENTS.addSigner, user.id]);
  const qb = knex.queryBuilder().from(latest).join('tasks as t', 't.id', 'h.task_id').whereRaw(`t.completed_by is distinct from ?
    and not (t.status = 'open' and (t.assignee_id is not distinct from ? or t.claimed_by is not distinct from ?))`, [user.id, user.id, user.id]);
  return whereFilters(qb, filters);
}

/** What every view is narrowed by, on `t`. */
function whereFilters(qb: Knex.QueryBuilder, filters: InboxFilters): Knex.QueryBuilder {
  if (filters.processKey) qb.andWhereRaw('t.process_key = ?', [filters.processKey]);
  if (filters.step) qb.andWhereRaw('t.name = ?', [filters.step]);
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    qb.andWhereRaw(`(t.context->>'customerName' ilike ? or t.context->>'customerCode' ilike ? or t.name ilike ?)`, [like, like, like]);
  }
  if (filters.dueBefore) qb.andWhereRaw('t.due_at < ?', [filters.dueBefore]);
  if (filters.dueAfter) qb.andWhereRaw('t.due_at >= ?', [filters.dueAfter]);
  if (filters.overdue) qb.andWhereRaw('t.status = ? and t.due_at < now()', ['open']);
  return qb;
}
