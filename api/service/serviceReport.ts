import type { MikroORM } from '@mikro-orm/postgresql';
import { UserSchema } from '../../db/entities/index.js';
import { chinaDate, chinaMidnight } from '../../domain/chinaTime.js';
import { COMPLAINT_CATEGORIES } from '../../forms/complaint.js';
import type { Locale } from '../../forms/formDefinition.js';
import { hasRole, type SessionUser } from '../http/auth.js';
import { ForbiddenError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { overseenUserIds, type Overseen } from '../http/visibility.js';
import { text } from '../tasks/inboxFilter.js';
import type { ServiceReport, ServiceReportLine } from './serviceContract.js';

/** The counts a report line is made of; rates and means are computed from them. */
interface Counts {
  requests: number;
  replyJudged: number;
  repliedOnTime: number;
  visitJudged: number;
  visitedOnTime: number;
  complaints: number;
  byCategory: Record<string, number>;
  closed: number;
  hoursToClose: number;
  revisits: number;
  satisfied: number;
  planned: number;
  plannedJudged: number;
  plannedDone: number;
  plannedOnTime: number;
}

const empty = (): Counts => ({
  requests: 0, replyJudged: 0, repliedOnTime: 0, visitJudged: 0, visitedOnTime: 0, complaints: 0,
  byCategory: Object.fromEntries(COMPLAINT_CATEGORIES.map((c) => [c, 0])), closed: 0, hoursToClose: 0, revisits: 0, satisfied: 0,
  planned: 0, plannedJudged: 0, plannedDone: 0, plannedOnTime: 0,
});

function add(into: Counts, from: Counts): void {
  for (const key of [
    'requests', 'replyJudged', 'repliedOnTime', 'visitJudged', 'visitedOnTime', 'complaints', 'closed', 'hoursToClose', 'revisits', 'satisfied',
    'planned', 'plannedJudged', 'plannedDone', 'plannedOnTime',
  ] as const) {
    into[key] += from[key];
  }
  for (const [category, n] of Object.entries(from.byCategory)) into.byCategory[category] = (into.byCategory[category] ?? 0) + n;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

function line(counts: Counts): Omit<ServiceReportLine, 'manager' | 'supervisor'> {
  return {
    requests: counts.requests,
    repliesJudged: counts.replyJudged, repliedOnTime: counts.repliedOnTime, replyOnTimeRate: rate(counts.repliedOnTime, counts.replyJudged),
    visitsJudged: counts.visitJudged, visitedOnTime: counts.visitedOnTime, visitOnTimeRate: rate(counts.visitedOnTime, counts.visitJudged),
    complaints: counts.complaints, complaintsByCategory: counts.byCategory as ServiceReportLine['complaintsByCategory'],
    complaintsClosed: counts.closed,
    meanHoursToResolve: counts.closed === 0 ? null : Math.round((counts.hoursToClose / counts.closed) * 10) / 10,
    revisits: counts.revisits, satisfactionRate: rate(counts.satisfied, counts.revisits),
    plannedVisits: counts.planned, plannedJudged: counts.plannedJudged, plannedDone: counts.plannedDone, plannedOnTime: counts.plannedOnTime,
    plannedOverdue: counts.plannedJudged - counts.plannedOnTime,
    plannedCompletionRate: rate(counts.plannedDone, counts.plannedJudged), plannedOnTimeRate: rate(counts.plannedOnTime, counts.plannedJudged),
  };
}

/** `month` (YYYY-MM, 1970–2999) or this China month; 422 at `/month` otherwise. */
function readMonth(query: Record<string, unknown>, locale: Locale): string {
  const raw = text(query.month);
  if (raw === undefined) return chinaDate(new Date()).slice(0, 7);
  if (!/^(19[7-9]\d|2\d{3})-(0[1-9]|1[0-2])$/.test(raw)) throw new ValidationError([{ path: '/month', message: t(locale, 'calendarMonth') }]);
  return raw;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * 服务月报: per customer manager and per team (their supervisor), the month's requests answered and visited
 * on time, complaints by category, and of the complaints closed in the month the mean hours from record to
 * close, of the month's 回访 answers the share 满意 or 基本满意, and of the planned visits (差异化服务) due in the month
 * how many were recorded, and recorded on time. A planned visit counts once recorded, closed or past due. A request's reply or visit counts once it is done or
 * overdue (one still within its time is not judged yet). Supervisors read their team, the dept head,
 * leaders and admins everyone (anonymous complaints only in the total), a manager themselves.
 */
export function createServiceReport(orm: MikroORM) {
  return {
    async report(user: SessionUser, query: Record<string, unknown>, locale: Locale): Promise<ServiceReport> {
      const month = readMonth(query, locale);
      let scope: Overseen;
      if (hasRole(user, 'dept_head', 'leader', 'admin', 'supervisor')) scope = await overseenUserIds(orm, user);
      else if (hasRole(user, 'customer_manager')) scope = [user.id];
      else throw new ForbiddenError();
      const from = chinaMidnight(`${month}-01`);
      const to = chinaMidnight(`${nextMonth(month)}-01`);
      const em = orm.em.fork();
      const knex = em.getKnex();
      const managers = await em.find(UserSchema, {
        roles: { $contains: ['customer_manager'] }, ...(scope === 'all' ? {} : { id: { $in: scope } }),
      }, { orderBy: { id: 'asc' } });
      const inScope = (qb: ReturnType<typeof knex>, column: string) => (scope === 'all' ? qb : qb.whereIn(column, scope));

      const due = (step: string) => `(select t.due_at from tasks t where t.instance_id = r.instance_id and t.step_key = '${step}')`;
      const requests = await inScope(knex('service_requests as r'), 'r.manager_id')
        .where('r.requested_at', '>=', from).where('r.requested_at', '<', to).whereNot('r.status', 'cancelled')
        .groupBy('r.manager_id')
        .select('r.manager_id', knex.raw('count(*)::int as requests'),
          knex.raw(`count(*) filter (where r.replied_at is not null or ${due('reply')} < now())::int as reply_judged`),
          knex.raw('count(*) filter (where r.reply_late_minutes = 0)::int as replied_on_time'),
          knex.raw(`count(*) filter (where r.visited_at is not null or ${due('visit')} < now())::int as visit_judged`),
          knex.raw('count(*) filter (where r.visit_late_minutes = 0)::int as visited_on_time'));
      const recorded = await inScope(knex('complaints as c'), 'c.manager_id')
        .where('c.recorded_at', '>=', from).where('c.recorded_at', '<', to).whereNot('c.status', 'cancelled')
        .groupBy('c.manager_id', 'c.category').select('c.manager_id', 'c.category', knex.raw('count(*)::int as n'));
      const closed = await inScope(knex('complaints as c'), 'c.manager_id')
        .where('c.closed_at', '>=', from).where('c.closed_at', '<', to)
        .groupBy('c.manager_id')
        .select('c.manager_id', knex.raw('count(*)::int as closed'),
          knex.raw('coalesce(sum(extract(epoch from (c.closed_at - c.recorded_at)) / 3600), 0)::float as hours'));
      // Every 回访 answer given in the month, 不满意 ones too (a complaint sent back may be asked again).
      const revisits = await inScope(knex('complaints as c'), 'c.manager_id')
        .join('form_records as fr', 'fr.instance_id', 'c.instance_id').where('fr.form_key', 'complaint-revisit')
        .where('fr.created_at', '>=', from).where('fr.created_at', '<', to)
        .groupBy('c.manager_id')
        .select('c.manager_id', knex.raw('count(*)::int as revisits'),
          knex.raw(`count(*) filter (where fr.data->>'satisfaction' in ('satisfied', 'basically_satisfied'))::int as satisfied`));

      // Planned visits due in the month; one cancelled with its plan is not counted.
      const planned = await inScope(knex('planned_visits as pv'), 'pv.manager_id')
        .where('pv.due_at', '>=', from).where('pv.due_at', '<', to).whereNot('pv.status', 'cancelled')
        .groupBy('pv.manager_id')
        .select('pv.manager_id', knex.raw('count(*)::int as planned'),
          knex.raw(`count(*) filter (where pv.status <> 'open' or pv.due_at < now())::int as judged`),
          knex.raw(`count(*) filter (where pv.status = 'done')::int as done`),
          knex.raw(`count(*) filter (where pv.status = 'done' and pv.late_minutes = 0)::int as on_time`));

      const byManager = new Map<number | null, Counts>();
      const of = (id: unknown) => {
        const key = id == null ? null : Number(id);
        if (!byManager.has(key)) byManager.set(key, empty());
        return byManager.get(key)!;
      };
      for (const row of requests as Record<string, number>[]) {
        Object.assign(of(row.manager_id), {
          requests: row.requests, replyJudged: row.reply_judged, repliedOnTime: row.replied_on_time, visitJudged: row.visit_judged,
          visitedOnTime: row.visited_on_time,
        });
      }
      for (const row of recorded as Record<string, string | number>[]) {
        const counts = of(row.manager_id);
        counts.complaints += Number(row.n);
        counts.byCategory[String(row.category)] = (counts.byCategory[String(row.category)] ?? 0) + Number(row.n);
      }
      for (const row of closed as Record<string, number>[]) {
        Object.assign(of(row.manager_id), { closed: row.closed, hoursToClose: Number(row.hours) });
      }
      for (const row of revisits as Record<string, number>[]) Object.assign(of(row.manager_id), { revisits: row.revisits, satisfied: row.satisfied });
      for (const row of planned as Record<string, number>[]) {
        Object.assign(of(row.manager_id), { planned: row.planned, plannedJudged: row.judged, plannedDone: row.done, plannedOnTime: row.on_time });
      }

      const supervisors = new Map((await em.find(UserSchema, { id: { $in: managers.map((m) => m.supervisorId).filter((id): id is number => id != null) } }))
        .map((s) => [s.id, s]));
      const teams = new Map<number | null, Counts>();
      const total = empty();
      const people = managers.map((manager) => {
        const counts = byManager.get(manager.id) ?? empty();
        const team = teams.get(manager.supervisorId ?? null) ?? empty();
        teams.set(manager.supervisorId ?? null, team);
        add(team, counts);
        add(total, counts);
        const supervisor = manager.supervisorId == null ? null : supervisors.get(manager.supervisorId);
        return {
          manager: { id: manager.id, name: manager.displayName },
          supervisor: supervisor ? { id: supervisor.id, name: supervisor.displayName } : null,
          ...line(counts),
        };
      });
      // Complaints without a manager (anonymous) count in the whole department's total only.
      if (scope === 'all' && byManager.has(null)) add(total, byManager.get(null)!);
      return {
        month, asOf: chinaDate(new Date()), people,
        teams: [...teams].map(([id, counts]) => {
          const supervisor = id === null ? null : supervisors.get(id);
          return { manager: null, supervisor: supervisor ? { id: supervisor.id, name: supervisor.displayName } : null, ...line(counts) };
        }),
        total: { manager: null, supervisor: null, ...line(total) },
      };
    },
  };
}
