import type { MikroORM } from '@mikro-orm/postgresql';
import { chinaDate, chinaMidnight } from '../../domain/chinaTime.js';
import { HAZARD_STATUSES, type HazardStatus } from '../../db/entities/index.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { HAZARD_LEVELS } from '../../forms/hazardReport.js';
import type { SessionUser } from '../http/auth.js';
import { ValidationError } from '../http/errors.js';
import { requireLedgerReader } from './hazardLedger.js';
import { text } from '../tasks/inboxFilter.js';
import { notOneOf, t } from '../http/messages.js';

export const STATS_PERIODS = ['month', 'quarter'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

/** A level not (yet) confirmed: still being assessed, dismissed, or withdrawn before assessment. */
const UNCONFIRMED = 'unconfirmed';

/** The figures of one period (a month, a quarter or the whole year). */
export interface PeriodStats {
  /** `2026-03`, `2026-Q1`, or `2026` for the year. */
  key: string;
  /** First and last China date of the period. */
  from: string;
  to: string;
  /** Hazards reported in the period. */
  reported: number;
  /** Of those, by confirmed level (`unconfirmed`: not assessed or dismissed). */
  byLevel: Record<string, number>;
  /** Of those, by their status now. */
  byStatus: Record<HazardStatus, number>;
  /** Hazards closed (销号) in the period, whenever reported. */
  closed: number;
  /** Of those, closed without an overdue rectification (overdue_days = 0). */
  closedOnTime: number;
  /** closedOnTime / closed (0–1, 4 decimals); null when none closed. */
  onTimeRate: number | null;
  /** Mean days from report to close of those closed, one decimal; null when none closed. */
  meanDaysToClose: number | null;
}

interface Tally {
  reported: number;
  byLevel: Record<string, number>;
  byStatus: Record<HazardStatus, number>;
  closed: number;
  closedOnTime: number;
  closeSeconds: number;
}

const emptyTally = (): Tally => ({
  reported: 0,
  byLevel: Object.fromEntries([...HAZARD_LEVELS, UNCONFIRMED].map((l) => [l, 0])),
  byStatus: Object.fromEntries(HAZARD_STATUSES.map((s) => [s, 0])) as Record<HazardStatus, number>,
  closed: 0, closedOnTime: 0, closeSeconds: 0,
});

function addTally(into: Tally, from: Tally): void {
  into.reported += from.reported;
  for (const [k, n] of Object.entries(from.byLevel)) into.byLevel[k] = (into.byLevel[k] ?? 0) + n;
  for (const s of HAZARD_STATUSES) into.byStatus[s] += from.byStatus[s];
  into.closed += from.closed;
  into.closedOnTime += from.closedOnTime;
  into.closeSeconds += from.closeSeconds;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The last day of `month` (1–12) of `year`. */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function periodStats(key: string, from: string, to: string, tally: Tally): PeriodStats {
  const { closeSeconds: _seconds, ...counts } = tally;
  return {
    key, from, to, ...counts,
    onTimeRate: tally.closed ? Math.round((tally.closedOnTime / tally.closed) * 10_000) / 10_000 : null,
    meanDaysToClose: tally.closed ? Math.round((tally.closeSeconds / tally.closed / 86_400) * 10) / 10 : null,
  };
}

/** `?period=month|quarter&year=YYYY` (defaults: month, this China year); 422 naming each bad one. */
export function readStatsQuery(query: Record<string, unknown>, locale: Locale): { period: StatsPeriod; year: number } {
  const errors: FieldError[] = [];
  const period = text(query.period) ?? 'month';
  if (!STATS_PERIODS.includes(period as StatsPeriod)) errors.push({ path: '/period', message: notOneOf(locale, STATS_PERIODS) });
  const yearText = text(query.year) ?? chinaDate(new Date()).slice(0, 4);
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < 1970 || year > 2999) errors.push({ path: '/year', message: t(locale, 'calendarYear') });
  if (errors.length) throw new ValidationError(errors);
  return { period: period as StatsPeriod, year };
}

const REPORTED_BY_MONTH = `
select extract(month from h.reported_at at time zone 'Asia/Shanghai')::int as month,
  coalesce(h.level, '${UNCONFIRMED}') as level, h.status, count(*)::int as n
from hazards h
where h.reported_at >= ? and h.reported_at < ?
group by 1, 2, 3`;

const CLOSED_BY_MONTH = `
select extract(month from h.closed_at at time zone 'Asia/Shanghai')::int as month, count(*)::int as closed,
  (count(*) filter (where h.overdue_days = 0))::int as on_time,
  sum(extract(epoch from h.closed_at - h.reported_at))::float8 as seconds
from hazards h
where h.status = 'closed' and h.closed_at >= ? and h.closed_at < ?
group by 1`;

/** Monthly or quarterly figures of the ledger (隐患统计): reported, by level and status, closed, on time, days to close. */
export function createHazardStats(orm: MikroORM) {
  return {
    async stats(user: SessionUser, query: Record<string, unknown>, locale: Locale) {
      requireLedgerReader(user);
      const { period, year } = readStatsQuery(query, locale);
      const start = chinaMidnight(`${year}-01-01`);
      const end = chinaMidnight(`${year + 1}-01-01`);
      const connection = orm.em.fork().getConnection();
      const [reported, closed] = await Promise.all([
        connection.execute<{ month: number; level: string; status: HazardStatus; n: number }[]>(REPORTED_BY_MONTH, [start, end]),
        connection.execute<{ month: number; closed: number; on_time: number; seconds: number }[]>(CLOSED_BY_MONTH, [start, end]),
      ]);
      const months = Array.from({ length: 12 }, emptyTally);
      for (const row of reported) {
        const tally = months[row.month - 1]!;
        tally.reported += row.n;
        tally.byLevel[row.level] = (tally.byLevel[row.level] ?? 0) + row.n;
        tally.byStatus[row.status] += row.n;
      }
      for (const row of closed) {
        const tally = months[row.month - 1]!;
        tally.closed += row.closed;
        tally.closedOnTime += row.on_time;
        tally.closeSeconds += row.seconds;
      }
      const span = period === 'month' ? 1 : 3;
      const items = Array.from({ length: 12 / span }, (_, i) => {
        const tally = emptyTally();
        for (const month of months.slice(i * span, (i + 1) * span)) addTally(tally, month);
        const first = i * span + 1;
        const last = first + span - 1;
        const key = period === 'month' ? `${year}-${pad(first)}` : `${year}-Q${i + 1}`;
        return periodStats(key, `${year}-${pad(first)}-01`, `${year}-${pad(last)}-${pad(lastDay(year, last))}`, tally);
      });
      const whole = emptyTally();
      for (const month of months) addTally(whole, month);
      return { year, period, items, total: periodStats(String(year), `${year}-01-01`, `${year}-12-31`, whole) };
    },
  };
}
