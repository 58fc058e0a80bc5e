import type { Knex, MikroORM } from '@mikro-orm/postgresql';
import { COMPLAINT_STATUSES } from '../../db/entities/index.js';
import { chinaMidnight, DAY_MS } from '../../domain/chinaTime.js';
import { COMPLAINT_CATEGORIES, COMPLAINT_URGENCIES } from '../../forms/complaint.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { hasRole, type SessionUser } from '../http/auth.js';
import { ForbiddenError, ValidationError } from '../http/errors.js';
import { notOneOf, t } from '../http/messages.js';
import { paging, positiveInt } from '../http/requestBody.js';
import { overseenUserIds, type Overseen } from '../http/visibility.js';
import { chinaDateParam, EXPORT_FORMATS, EXPORT_MAX_ROWS, type ExportFormat } from '../hazards/hazardLedger.js';
import { text } from '../tasks/inboxFilter.js';
import { VISIT_SOURCES, type ComplaintItem, type VisitItem, type VisitSource } from './serviceContract.js';

/**
 * Who reads the complaint ledger: supervisors (their team's), the dept head, leaders and admins; 403 for
 * anyone else. Whose complaints a supervisor reads: those they assign, and those whose customer's manager
 * or complained-about manager reports to them.
 */
export async function complaintScope(orm: MikroORM, user: SessionUser): Promise<Overseen> {
  if (hasRole(user, 'dept_head', 'leader', 'admin')) return 'all';
  if (!hasRole(user, 'supervisor')) throw new ForbiddenError();
  return overseenUserIds(orm, user);
}

/** Whose visits a user reads: a manager their own, a supervisor their team's, the dept head, leaders and admins all; 403 for others. */
export async function visitScope(orm: MikroORM, user: SessionUser): Promise<Overseen> {
  if (hasRole(user, 'dept_head', 'leader', 'admin')) return 'all';
  if (!hasRole(user, 'supervisor', 'customer_manager')) throw new ForbiddenError();
  return overseenUserIds(orm, user);
}

type Row = Record<string, unknown>;
const instant = (value: unknown): string | null => (value == null ? null : new Date(String(value)).toISOString());
const person = (id: unknown, name: unknown) => (id == null ? null : { id: Number(id), name: String(name ?? '') });
const count = (value: unknown): number | null => (value == null ? null : Number(value));

function listParam(value: unknown): string[] | undefined {
  const raw = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(',') : value;
  if (typeof raw !== 'string') return undefined;
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  return items.length ? [...new Set(items)] : undefined;
}

/** What both ledgers share in their query: dates, a person, a customer, the export format. */
interface CommonQuery {
  from?: Date;
  before?: Date;
  customerId?: number;
  format?: ExportFormat;
}

function readCommon(query: Record<string, unknown>, locale: Locale, errors: FieldError[]): CommonQuery {
  const date = (name: string) => {
    const raw = text(query[name]);
    if (raw === undefined) return undefined;
    const value = chinaDateParam(raw);
    if (!value) errors.push({ path: `/${name}`, message: t(locale, 'calendarDate') });
    return value;
  };
  const from = date('from');
  const to = date('to');
  const customer = text(query.customerId);
  const customerId = customer === undefined ? undefined : positiveInt(customer);
  if (customer !== undefined && customerId === undefined) errors.push({ path: '/customerId', message: t(locale, 'notPositiveInt') });
  const format = text(query.format);
  if (format !== undefined && !EXPORT_FORMATS.includes(format as ExportFormat)) errors.push({ path: '/format', message: notOneOf(locale, EXPORT_FORMATS) });
  return {
    from: from ? chinaMidnight(from) : undefined, before: to ? new Date(chinaMidnight(to).getTime() + DAY_MS) : undefined, customerId,
    format: format as ExportFormat | undefined,
  };
}

function userParam(query: Record<string, unknown>, name: string, locale: Locale, errors: FieldError[]): number | undefined {
  const raw = text(query[name]);
  const id = raw === undefined ? undefined : positiveInt(raw);
  if (raw !== undefined && id === undefined) errors.push({ path: `/${name}`, message: t(locale, 'notPositiveInt') });
  return id;
}

function booleanParam(query: Record<string, unknown>, name: string, locale: Locale, errors: FieldError[]): boolean {
  const raw = text(query[name]);
  if (raw !== undefined && raw !== 'true' && raw !== 'false') errors.push({ path: `/${name}`, message: t(locale, 'notBoolean') });
  return raw === 'true';
}

function choices(query: Record<string, unknown>, name: string, allowed: readonly string[], locale: Locale, errors: FieldError[]) {
  const values = listParam(query[name]);
  if (values?.some((v) => !allowed.includes(v))) errors.push({ path: `/${name}`, message: notOneOf(locale, allowed) });
  return values;
}

export interface ComplaintQuery extends CommonQuery {
  statuses?: string[];
  categories?: string[];
  urgencies?: string[];
  handlerId?: number;
  overdue: boolean;
}

/** The complaint ledger's filters; 422 naming every bad parameter. */
export function readComplaintQuery(query: Record<string, unknown>, locale: Locale): ComplaintQuery {
  const errors: FieldError[] = [];
  const parsed: ComplaintQuery = {
    ...readCommon(query, locale, errors),
    statuses: choices(query, 'status', COMPLAINT_STATUSES, locale, errors),
    categories: choices(query, 'category', COMPLAINT_CATEGORIES, locale, errors),
    urgencies: choices(query, 'urgency', COMPLAINT_URGENCIES, locale, errors),
    handlerId: userParam(query, 'handler', locale, errors),
    overdue: booleanParam(query, 'overdue', locale, errors),
  };
  if (errors.length) throw new ValidationError(errors);
  return parsed;
}

export interface VisitQuery extends CommonQuery {
  managerId?: number;
  late: boolean;
  sources?: string[];
}

/** The visit ledger's filters; 422 naming every bad parameter. */
export function readVisitQuery(query: Record<string, unknown>, locale: Locale): VisitQuery {
  const errors: FieldError[] = [];
  const parsed: VisitQuery = {
    ...readCommon(query, locale, errors), managerId: userParam(query, 'managerId', locale, errors), late: booleanParam(query, 'late', locale, errors),
    sources: choices(query, 'source', VISIT_SOURCES, locale, errors),
  };
  if (errors.length) throw new ValidationError(errors);
  return parsed;
}

const OPEN_COMPLAINT = `c.status not in ('closed', 'cancelled')`;
/** The first response's due time: recorded with the assignment, before it the assignment task's own (they share it). */
const RESPONSE_DUE = `coalesce(c.response_due_at, (select t.due_at from tasks t where t.instance_id = c.instance_id and t.step_key = 'assign'))`;
const COMPLAINT_OVERDUE = `((${OPEN_COMPLAINT} and ((c.responded_at is null and ${RESPONSE_DUE} < now())
  or (c.status = 'handling' and c.resolve_due_at < now()))) or coalesce(c.response_late_minutes, 0) > 0 or coalesce(c.resolve_late_minutes, 0) > 0)`;

function whereComplaints(qb: Knex.QueryBuilder, scope: Overseen, user: SessionUser, q: ComplaintQuery): Knex.QueryBuilder {
  if (scope !== 'all') {
    qb.where((w) => {
      w.where('c.supervisor_id', user.id).orWhereIn('c.manager_id', scope).orWhereIn('c.complained_manager_id', scope);
    });
  }
  if (q.statuses) qb.whereIn('c.status', q.statuses);
  if (q.categories) qb.whereIn('c.category', q.categories);
  if (q.urgencies) qb.whereIn('c.urgency', q.urgencies);
  if (q.handlerId !== undefined) qb.where('c.handler_id', q.handlerId);
  if (q.customerId !== undefined) qb.where('c.customer_id', q.customerId);
  if (q.overdue) qb.whereRaw(COMPLAINT_OVERDUE);
  if (q.from) qb.where('c.recorded_at', '>=', q.from);
  if (q.before) qb.where('c.recorded_at', '<', q.before);
  return qb;
}

function selectComplaints(qb: Knex.QueryBuilder, knex: Knex): Knex.QueryBuilder {
  return qb
    .leftJoin('customers as cu', 'cu.id', 'c.customer_id')
    .join('users as rb', 'rb.id', 'c.recorded_by')
    .leftJoin('users as mu', 'mu.id', 'c.manager_id')
    .leftJoin('users as cm', 'cm.id', 'c.complained_manager_id')
    .leftJoin('users as hu', 'hu.id', 'c.handler_id')
    .leftJoin('users as rv', 'rv.id', 'c.revisited_by')
    .select('c.*', 'cu.code as customer_code', 'cu.name as customer_name', 'rb.display_name as recorded_by_name', 'mu.display_name as manager_name',
      'cm.display_name as complained_name', 'hu.display_name as handler_name', 'rv.display_name as revisited_by_name')
    .select(knex.raw(`${RESPONSE_DUE} as response_due`), knex.raw(`${COMPLAINT_OVERDUE} as overdue`));
}

function complaintItem(row: Row): ComplaintItem {
  return {
    code: String(row.code), instanceId: String(row.instance_id), recordedAt: instant(row.recorded_at)!,
    recordedBy: person(row.recorded_by, row.recorded_by_name)!,
    customer: row.customer_id == null ? null : { id: Number(row.customer_id), code: String(row.customer_code), name: String(row.customer_name) },
    manager: person(row.manager_id, row.manager_name), complainedManager: person(row.complained_manager_id, row.complained_name),
    channel: row.channel as ComplaintItem['channel'], category: row.category as ComplaintItem['category'], urgency: row.urgency as ComplaintItem['urgency'],
    content: String(row.content), status: row.status as ComplaintItem['status'], handler: person(row.handler_id, row.handler_name),
    assignedAt: instant(row.assigned_at), responseDueAt: instant(row.response_due), respondedAt: instant(row.responded_at),
    responseLateMinutes: count(row.response_late_minutes), resolveDueAt: instant(row.resolve_due_at), resolvedAt: instant(row.resolved_at),
    resolveLateMinutes: count(row.resolve_late_minutes), result: (row.result as string | null) ?? null, rounds: Number(row.rounds),
    satisfaction: (row.satisfaction as ComplaintItem['satisfaction']) ?? null, revisitedBy: person(row.revisited_by, row.revisited_by_name),
    escalatedAt: instant(row.escalated_at), closedAt: instant(row.closed_at), overdue: Boolean(row.overdue),
  };
}

function whereVisits(qb: Knex.QueryBuilder, scope: Overseen, q: VisitQuery): Knex.QueryBuilder {
  if (scope !== 'all') qb.whereIn('v.manager_id', scope);
  if (q.managerId !== undefined) qb.where('v.manager_id', q.managerId);
  if (q.customerId !== undefined) qb.where('v.customer_id', q.customerId);
  if (q.late) qb.where('v.late_minutes', '>', 0);
  if (q.sources) qb.whereIn('v.source', q.sources);
  if (q.from) qb.where('v.arrived_at', '>=', q.from);
  if (q.before) qb.where('v.arrived_at', '<', q.before);
  return qb;
}

function selectVisits(qb: Knex.QueryBuilder): Knex.QueryBuilder {
  return qb
    .join('customers as cu', 'cu.id', 'v.customer_id')
    .join('users as mu', 'mu.id', 'v.manager_id')
    .leftJoin('service_requests as sr', 'sr.instance_id', 'v.instance_id')
    .select('v.*', 'cu.code as customer_code', 'cu.name as customer_name', 'mu.display_name as manager_name', 'sr.code as request_code');
}

function visitItem(row: Row): VisitItem {
  return {
    recordId: String(row.record_id), instanceId: String(row.instance_id), requestCode: (row.request_code as string | null) ?? null,
    customer: { id: Number(row.customer_id), code: String(row.customer_code), name: String(row.customer_name) },
    manager: person(row.manager_id, row.manager_name)!, source: row.source as VisitSource, arrivedAt: instant(row.arrived_at)!, checked: String(row.checked),
    followUps: (row.follow_ups as string | null) ?? null, analysis: String(row.analysis), photoCount: Number(row.photo_count),
    hasLocation: Boolean(row.has_location), dueAt: instant(row.due_at), lateMinutes: Number(row.late_minutes), recordedAt: instant(row.recorded_at)!,
  };
}

const COMPLAINT_ORDER = `(${OPEN_COMPLAINT}) desc, c.recorded_at desc, c.code desc`;
const VISIT_ORDER = 'v.arrived_at desc, v.record_id';

/** 投诉台账 and 拜访记录: filtered, newest first (open complaints first), a page or the whole list for an export. */
export function createServiceLedgers(orm: MikroORM) {
  const knexOf = () => orm.em.fork().getKnex();
  const tooLarge = (locale: Locale) => new ValidationError([{ path: '/format', message: t(locale, 'exportTooLarge', { max: EXPORT_MAX_ROWS }) }]);

  return {
    async complaints(user: SessionUser, q: ComplaintQuery, query: Record<string, unknown>) {
      const scope = await complaintScope(orm, user);
      const { page, size, offset } = paging(query);
      const knex = knexOf();
      const [rows, counted] = await Promise.all([
        selectComplaints(whereComplaints(knex('complaints as c'), scope, user, q), knex).orderByRaw(COMPLAINT_ORDER).limit(size).offset(offset),
        whereComplaints(knex('complaints as c'), scope, user, q).count({ total: '*' }),
      ]);
      return { items: (rows as Row[]).map(complaintItem), total: Number((counted as { total: string }[])[0]?.total ?? 0), page, size };
    },

    async allComplaints(user: SessionUser, q: ComplaintQuery, locale: Locale): Promise<ComplaintItem[]> {
      const scope = await complaintScope(orm, user);
      const knex = knexOf();
      const rows = await selectComplaints(whereComplaints(knex('complaints as c'), scope, user, q), knex).orderByRaw(COMPLAINT_ORDER).limit(EXPORT_MAX_ROWS + 1);
      if (rows.length > EXPORT_MAX_ROWS) throw tooLarge(locale);
      return (rows as Row[]).map(complaintItem);
    },

    async visits(user: SessionUser, q: VisitQuery, query: Record<string, unknown>) {
      const scope = await visitScope(orm, user);
      const { page, size, offset } = paging(query);
      const knex = knexOf();
      const [rows, counted] = await Promise.all([
        selectVisits(whereVisits(knex('customer_visits as v'), scope, q)).orderByRaw(VISIT_ORDER).limit(size).offset(offset),
        whereVisits(knex('customer_visits as v'), scope, q).count({ total: '*' }),
      ]);
      return { items: (rows as Row[]).map(visitItem), total: Number((counted as { total: string }[])[0]?.total ?? 0), page, size };
    },

    async allVisits(user: SessionUser, q: VisitQuery, locale: Locale): Promise<VisitItem[]> {
      const scope = await visitScope(orm, user);
      const rows = await selectVisits(whereVisits(knexOf()('customer_visits as v'), scope, q)).orderByRaw(VISIT_ORDER).limit(EXPORT_MAX_ROWS + 1);
      if (rows.length > EXPORT_MAX_ROWS) throw tooLarge(locale);
      return (rows as Row[]).map(visitItem);
    },
  };
}

