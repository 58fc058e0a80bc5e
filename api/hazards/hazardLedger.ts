import type { Knex, MikroORM } from '@mikro-orm/postgresql';
import { chinaDate, chinaMidnight, DAY_MS } from '../../domain/chinaTime.js';
import { HAZARD_STATUSES, ProcessInstanceSchema, type HazardStatus } from '../../db/entities/index.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { HAZARD_LEVELS } from '../../forms/hazardReport.js';
import { hasRole, type SessionUser } from '../http/auth.js';
import { ApiError, ForbiddenError, ValidationError } from '../http/errors.js';
import { text } from '../tasks/inboxFilter.js';
import { maySee } from '../processes/instanceService.js';
import { notOneOf, t } from '../http/messages.js';
import { paging, positiveInt } from '../http/requestBody.js';


/** Who reads the whole ledger and its statistics. */
export const LEDGER_ROLES = ['safety_officer', 'leader', 'dept_head', 'admin'] as const;

/** 403 unless `user` may read the ledger. */
export function requireLedgerReader(user: SessionUser): void {
  if (!hasRole(user, ...LEDGER_ROLES)) throw new ForbiddenError();
}

/** An export holds at most this many rows; a wider filter is refused (422) rather than cut short. */
export const EXPORT_MAX_ROWS = 50_000;
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Statuses of a hazard that is no longer being worked on. */
const ENDED: readonly HazardStatus[] = ['closed', 'dismissed', 'cancelled'];
const OPEN = `h.status not in (${ENDED.map((s) => `'${s}'`).join(', ')})`;

const SORTS: Record<string, string> = {
  overdue: 'open_overdue desc, h.deadline asc nulls last, h.reported_at desc',
  deadline: 'h.deadline asc nulls last, h.reported_at desc',
  '-deadline': 'h.deadline desc nulls last, h.reported_at desc',
  reported: 'h.reported_at asc',
  '-reported': 'h.reported_at desc',
  '-overdueDays': 'overdue_days_now desc, h.deadline asc nulls last',
};

/** What narrows the ledger; the list, its exports and nothing else take it. */
export interface LedgerFilters {
  levels?: string[];
  statuses?: string[];
  place?: string;
  responsibleId?: number;
  overdue: boolean;
  /** Reported at or after (start of a China date). */
  from?: Date;
  /** Reported before (start of the China date after `to`). */
  before?: Date;
}

export interface LedgerQuery {
  filters: LedgerFilters;
  sort: string;
  format?: ExportFormat;
}

/** A person as the ledger names them. */
export interface PersonRef {
  id: number;
  name: string;
}

/** One row of the ledger (隐患台账) as the API sends it. */
export interface LedgerItem {
  code: string;
  instanceId: string;
  reportedAt: string;
  reportedBy: PersonRef;
  place: string;
  category: string;
  description: string;
  suspectedLevel: string;
  level: string | null;
  status: HazardStatus;
  responsible: PersonRef | null;
  /** China date. */
  deadline: string | null;
  measures: string | null;
  funds: number | null;
  rounds: number;
  rectifiedAt: string | null;
  /** Open and past the deadline: days overdue as of today (China dates); otherwise as recorded. */
  overdueDays: number;
  escalatedAt: string | null;
  verifiedBy: PersonRef | null;
  closedAt: string | null;
  result: string | null;
}

/** YYYY-MM-DD naming a real date of 1970–9999, else undefined. */
export function chinaDateParam(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  const year = Number(value.slice(0, 4));
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && year >= 1970 ? value : undefined;
}

/** A list parameter: `a,b` or repeated; empty items dropped. */
function listParam(value: unknown): string[] | undefined {
  const raw = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(',') : value;
  if (typeof raw !== 'string') return undefined;
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  return items.length ? [...new Set(items)] : undefined;
}

function choices(query: Record<string, unknown>, name: string, allowed: readonly string[], locale: Locale, errors: FieldError[]) {
  const values = listParam(query[name]);
  if (values?.some((v) => !allowed.includes(v))) errors.push({ path: `/${name}`, message: notOneOf(locale, allowed) });
  return values;
}

function dateFilter(query: Record<string, unknown>, name: string, locale: Locale, errors: FieldError[]): string | undefined {
  const raw = text(query[name]);
  if (raw === undefined) return undefined;
  const date = chinaDateParam(raw);
  if (!date) errors.push({ path: `/${name}`, message: t(locale, 'calendarDate') });
  return date;
}

/** The filters, sort and format of `query`; 422 naming every bad parameter. */
export function readLedgerQuery(query: Record<string, unknown>, locale: Locale): LedgerQuery {
  const errors: FieldError[] = [];
  const levels = choices(query, 'level', HAZARD_LEVELS, locale, errors);
  const statuses = choices(query, 'status', HAZARD_STATUSES, locale, errors);
  const responsible = text(query.responsible);
  const responsibleId = responsible === undefined ? undefined : positiveInt(responsible);
  if (responsible !== undefined && responsibleId === undefined) errors.push({ path: '/responsible', message: t(locale, 'notPositiveInt') });
  const overdue = text(query.overdue);
  if (overdue !== undefined && overdue !== 'true' && overdue !== 'false') errors.push({ path: '/overdue', message: t(locale, 'notBoolean') });
  const from = dateFilter(query, 'from', locale, errors);
  const to = dateFilter(query, 'to', locale, errors);
  const sort = text(query.sort) ?? 'overdue';
  if (!(sort in SORTS)) errors.push({ path: '/sort', message: notOneOf(locale, Object.keys(SORTS)) });
  const format = text(query.format);
  if (format !== undefined && !EXPORT_FORMATS.includes(format as ExportFormat)) {
    errors.push({ path: '/format', message: notOneOf(locale, EXPORT_FORMATS) });
  }
  if (errors.length) throw new ValidationError(errors);
  return {
    filters: {
      levels, statuses, place: text(query.place), responsibleId, overdue: overdue === 'true',
      from: from ? chinaMidnight(from) : undefined,
      before: to ? new Date(chinaMidnight(to).getTime() + DAY_MS) : undefined,
    },
    sort,
    format: format as ExportFormat | undefined,
  };
}

/** `filters` as the WHERE of `hazards as h`; `today` is the China date overdue is judged on. */
function whereLedger(qb: Knex.QueryBuilder, filters: LedgerFilters, today: string): Knex.QueryBuilder {
  if (filters.levels) qb.whereIn('h.level', filters.levels);
  if (filters.statuses) qb.whereIn('h.status', filters.statuses);
  if (filters.place) qb.whereRaw(`h.place ilike ?`, [`%${filters.place.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]);
  if (filters.responsibleId !== undefined) qb.where('h.responsible_id', filters.responsibleId);
  if (filters.overdue) {
    qb.whereRaw(`((${OPEN} and h.deadline < ?::date) or (h.status = 'closed' and h.overdue_days > 0))`, [today]);
  }
  if (filters.from) qb.where('h.reported_at', '>=', filters.from);
  if (filters.before) qb.where('h.reported_at', '<', filters.before);
  return qb;
}

/** The ledger's columns: the row, the names of its people, and overdue judged on `today`. */
function selectLedger(qb: Knex.QueryBuilder, knex: Knex, today: string): Knex.QueryBuilder {
  return qb
    .join('users as ru', 'ru.id', 'h.reported_by')
    .leftJoin('users as rp', 'rp.id', 'h.responsible_id')
    .leftJoin('users as vu', 'vu.id', 'h.verified_by')
    .select('h.*', 'ru.display_name as reported_by_name', 'rp.display_name as responsible_name', 'vu.display_name as verified_by_name')
    .select(knex.raw(`(${OPEN} and coalesce(h.deadline < ?::date, false)) as open_overdue`, [today]))
    .select(knex.raw(`case when ${OPEN} and h.deadline < ?::date then ?::date - h.deadline else h.overdue_days end as overdue_days_now`,
      [today, today]));
}

type Row = Record<string, unknown>;

const instant = (value: unknown): string | null => (value == null ? null : new Date(String(value)).toISOString());
const person = (id: unknown, name: unknown): PersonRef | null => (id == null ? null : { id: Number(id), name: String(name ?? '') });

function ledgerItem(row: Row): LedgerItem {
  return {
    code: String(row.code), instanceId: String(row.instance_id), reportedAt: instant(row.reported_at)!,
    reportedBy: person(row.reported_by, row.reported_by_name)!, place: String(row.place), category: String(row.category),
    description: String(row.description), suspectedLevel: String(row.suspected_level), level: (row.level as string | null) ?? null,
    status: row.status as HazardStatus, responsible: person(row.responsible_id, row.responsible_name),
    deadline: (row.deadline as string | null) ?? null, measures: (row.measures as string | null) ?? null,
    funds: row.funds == null ? null : Number(row.funds), rounds: Number(row.rounds), rectifiedAt: instant(row.rectified_at),
    overdueDays: Number(row.overdue_days_now), escalatedAt: instant(row.escalated_at),
    verifiedBy: person(row.verified_by, row.verified_by_name), closedAt: instant(row.closed_at), result: (row.result as string | null) ?? null,
  };
}

/** 隐患台账: every reported hazard with the facts its workflow recorded, filtered, sorted, paged or whole. */
export function createHazardLedger(orm: MikroORM) {
  const knexOf = () => orm.em.fork().getKnex();

  return {
    /** One page of the ledger under the filters and sort of `parsed` (see readLedgerQuery). */
    async list(user: SessionUser, parsed: LedgerQuery, query: Record<string, unknown>) {
      requireLedgerReader(user);
      const { filters, sort } = parsed;
      const { page, size, offset } = paging(query);
      const knex = knexOf();
      const today = chinaDate(new Date());
      const [rows, counted] = await Promise.all([
        selectLedger(whereLedger(knex('hazards as h'), filters, today), knex, today).orderByRaw(`${SORTS[sort]!}, h.code`).limit(size).offset(offset),
        whereLedger(knex('hazards as h'), filters, today).count({ total: '*' }),
      ]);
      const total = Number((counted as { total: string }[])[0]?.total ?? 0);
      return { items: (rows as Row[]).map(ledgerItem), total, page, size };
    },

    /** The whole ledger under the filters, for an export; 422 when more than EXPORT_MAX_ROWS match. */
    async all(user: SessionUser, parsed: LedgerQuery, locale: Locale): Promise<LedgerItem[]> {
      requireLedgerReader(user);
      const knex = knexOf();
      const today = chinaDate(new Date());
      const rows = await selectLedger(whereLedger(knex('hazards as h'), parsed.filters, today), knex, today)
        .orderByRaw(`${SORTS[parsed.sort]!}, h.code`).limit(EXPORT_MAX_ROWS + 1);
      if (rows.length > EXPORT_MAX_ROWS) {
        throw new ValidationError([{ path: '/format', message: t(locale, 'exportTooLarge', { max: EXPORT_MAX_ROWS }) }]);
      }
      return (rows as Row[]).map(ledgerItem);
    },

    /** One hazard by code: for ledger readers and whoever may see its instance (the reporter, people with a task on it). */
    async get(code: string, user: SessionUser): Promise<LedgerItem> {
      const knex = knexOf();
      const today = chinaDate(new Date());
      const [row] = code.length > 20 ? [] : (await selectLedger(knex('hazards as h').where('h.code', code), knex, today)) as Row[];
      if (!row) throw new ApiError(404, 'not_found', 'hazardNotFound');
      const item = ledgerItem(row);
      if (!hasRole(user, ...LEDGER_ROLES)) {
        const em = orm.em.fork();
        const instance = await em.findOne(ProcessInstanceSchema, { id: item.instanceId });
        if (!instance || !(await maySee(orm, em, instance, user))) throw new ForbiddenError();
      }
      return item;
    },
  };
}

export type HazardLedger = ReturnType<typeof createHazardLedger>;
