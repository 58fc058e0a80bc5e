import { chinaDate } from '../../domain/chinaTime.js';
import { AssignedTrackSchema, UserSchema, type TrackStatus } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import { OPEN_TRACK_STATUSES, trackDaysOverdue } from './assignedTaskService.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ForbiddenError, ValidationError } from '../http/errors.js';
import { text } from '../tasks/inboxFilter.js';
import { notOneOf, t } from '../http/messages.js';
import { overseesAll } from '../http/visibility.js';

export const REPORT_FORMATS = ['xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

interface Person {
  id: number;
  name: string;
}

/** One assignee's month: the tracks whose original deadline falls in it. */
export interface ReportPerson {
  assignee: Person;
  /** Tracks assigned to them with an original deadline in the month (withdrawn ones not counted). */
  assigned: number;
  /** Closed (销号), reported by the original deadline. */
  closedOnTime: number;
  /** Closed, reported after the original deadline. */
  closedLate: number;
  /** Not closed yet and past the original deadline today. */
  openOverdue: number;
  /** Days overdue over the closed-late and open-overdue tracks (open ones counted to today). */
  overdueDays: number;
  /** Mean of the leaders' ratings (1–5) of the closed tracks, two decimals; null without one. */
  averageRating: number | null;
}

/** A track past its original deadline: reported late, or still open. */
export interface ReportOverdueItem {
  instanceId: string;
  title: string;
  assignee: Person;
  leader: Person;
  originalDeadline: string;
  /** After approved extensions; overdue is still judged against the original one. */
  deadline: string;
  daysOverdue: number;
  status: TrackStatus;
}

/** The monthly 通报 of 督办: per person, then every overdue item; figures as of `asOf` (today, China). */
export interface AssignmentReport {
  month: string;
  asOf: string;
  people: ReportPerson[];
  overdue: ReportOverdueItem[];
}

/** The 通报 is for leaders, the dept head and admins: 403 for anyone else. */
export function requireReportReader(user: SessionUser): void {
  if (!overseesAll(user)) throw new ForbiddenError();
}

/** `?month=YYYY-MM` (default: this China month) and `format=xlsx`; 422 naming each bad one. */
export function readReportQuery(query: Record<string, unknown>, locale: Locale): { month: string; format?: ReportFormat } {
  const errors = [];
  const month = text(query.month) ?? chinaDate(new Date()).slice(0, 7);
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(match?.[1]);
  const monthNo = Number(match?.[2]);
  if (!match || year < 1970 || year > 2999 || monthNo < 1 || monthNo > 12) errors.push({ path: '/month', message: t(locale, 'calendarMonth') });
  const format = text(query.format);
  if (format !== undefined && !REPORT_FORMATS.includes(format as ReportFormat)) errors.push({ path: '/format', message: notOneOf(locale, REPORT_FORMATS) });
  if (errors.length) throw new ValidationError(errors);
  return { month, ...(format ? { format: format as ReportFormat } : {}) };
}

/** The first day of the month after `month` (YYYY-MM), YYYY-MM-DD. */
function nextMonthStart(month: string): string {
  const [year, monthNo] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNo, 1)).toISOString().slice(0, 10);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** 督办通报: who was given what for the month, and what ran late. */
export function createAssignmentReport(deps: Pick<ApiDeps, 'orm'>) {
  return {
    /** The 通报 of `month` (YYYY-MM); the caller checks the reader (`requireReportReader`). */
    async report(month: string): Promise<AssignmentReport> {
      const em = deps.orm.em.fork();
      const tracks = await em.find(AssignedTrackSchema, {
        originalDeadline: { $gte: `${month}-01`, $lt: nextMonthStart(month) },
        status: { $ne: 'cancelled' },
      }, { orderBy: { originalDeadline: 'asc', assignedAt: 'asc' } });
      const ids = [...new Set(tracks.flatMap((track) => [track.assigneeId, track.leaderId]))];
      const users = ids.length ? await em.find(UserSchema, { id: { $in: ids } }, { fields: ['id', 'displayName'] }) : [];
      const names = new Map(users.map((u) => [u.id, u.displayName]));
      const person = (id: number): Person => ({ id, name: names.get(id) ?? `#${id}` });

      const people = new Map<number, ReportPerson & { ratings: number[] }>();
      const overdue: ReportOverdueItem[] = [];
      for (const track of tracks) {
        const entry = people.get(track.assigneeId) ?? {
          assignee: person(track.assigneeId), assigned: 0, closedOnTime: 0, closedLate: 0, openOverdue: 0, overdueDays: 0, averageRating: null, ratings: [],
        };
        people.set(track.assigneeId, entry);
        const daysOverdue = trackDaysOverdue(track);
        const open = OPEN_TRACK_STATUSES.includes(track.status);
        entry.assigned += 1;
        if (!open && daysOverdue === 0) entry.closedOnTime += 1;
        if (!open && daysOverdue > 0) entry.closedLate += 1;
        if (open && daysOverdue > 0) entry.openOverdue += 1;
        entry.overdueDays += daysOverdue;
        if (!open && track.rating != null) entry.ratings.push(track.rating);
        if (daysOverdue > 0) {
          overdue.push({
            instanceId: track.instanceId, title: track.title, assignee: person(track.assigneeId), leader: person(track.leaderId),
            originalDeadline: track.originalDeadline, deadline: track.deadline, daysOverdue, status: track.status,
          });
        }
      }
      const rows = [...people.values()].map(({ ratings, ...row }) => ({
        ...row, averageRating: ratings.length ? round2(ratings.reduce((sum, r) => sum + r, 0) / ratings.length) : null,
      }));
      // The 通报 leads with who ran late most.
      rows.sort((a, b) => b.overdueDays - a.overdueDays || (b.openOverdue + b.closedLate) - (a.openOverdue + a.closedLate)
        || b.assigned - a.assigned || a.assignee.id - b.assignee.id);
      overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || a.originalDeadline.localeCompare(b.originalDeadline) || a.assignee.id - b.assignee.id);
      return { month, asOf: chinaDate(new Date()), people: rows, overdue };
    },
  };
}
