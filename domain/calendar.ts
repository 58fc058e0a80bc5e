import { chinaDate, DAY_MS, startOfChinaDay } from './chinaTime.js';

/** A span of time as people state it in the job standard. Working days follow the admin-edited work calendar (法定工作日). */
export type Duration =
  | { workingDays: number }
  | { days: number }
  | { hours: number }
  | { minutes: number }
  | { seconds: number }
  /** A fixed instant (ISO 8601), e.g. the end of a rectification deadline a person set. */
  | { until: string };

/** Kinds of exceptional day in the work calendar. */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
/** `holiday`: a weekday that is off (法定节假日); `workday`: a weekend day that is worked (调休上班). */
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** One exceptional day of the work calendar, as the table holds it. */
export interface CalendarDay {
  /** China date, YYYY-MM-DD. */
  date: string;
  kind: CalendarDayKind;
}

/** Which China dates are working days (法定工作日). */
export interface WorkCalendar {
  isWorkingDay(chinaDate: string): boolean;
}

/** True for a Saturday or Sunday (of a YYYY-MM-DD date; the weekday of a date needs no time zone). */
export function isWeekendDate(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * The calendar of `days`: weekends are off unless marked `workday`, weekdays are worked unless
 * marked `holiday`. A date without a row (e.g. a year whose schedule is not entered yet) follows
 * the weekday rule alone.
 */
export function workCalendar(days: Iterable<CalendarDay>): WorkCalendar {
  const exceptions = new Map<string, CalendarDayKind>();
  for (const day of days) exceptions.set(day.date, day.kind);
  return {
    isWorkingDay(date) {
      const kind = exceptions.get(date);
      if (kind === 'holiday') return false;
      if (kind === 'workday') return true;
      return !isWeekendDate(date);
    },
  };
}

/** Weekends off, nothing else: the calendar before any holiday is entered. */
export const WEEKENDS_ONLY: WorkCalendar = workCalendar([]);

/**
 * The instant `duration` after `from`. Hours and natural days are plain elapsed time. Working days
 * count the days `calendar` says are worked (China dates), keeping the time of day (Friday 15:00 +
 * 1 working day = Monday 15:00; a 调休 Saturday counts like any working day); work that arrives on a
 * day off (weekend or holiday) starts counting at the next working day's 00:00 China time
 * (Saturday + 1 working day = end of Monday).
 */
export function addDuration(from: Date, duration: Duration, calendar: WorkCalendar): Date {
  if ('until' in duration) return new Date(duration.until);
  if ('seconds' in duration) return new Date(from.getTime() + duration.seconds * 1000);
  if ('minutes' in duration) return new Date(from.getTime() + duration.minutes * 60_000);
  if ('hours' in duration) return new Date(from.getTime() + duration.hours * 3600_000);
  if ('days' in duration) return new Date(from.getTime() + duration.days * DAY_MS);
  let at = from.getTime();
  if (!calendar.isWorkingDay(chinaDate(at))) {
    at = startOfChinaDay(at);
    while (!calendar.isWorkingDay(chinaDate(at))) at += DAY_MS;
  }
  let left = duration.workingDays;
  while (left > 0) {
    at += DAY_MS;
    if (calendar.isWorkingDay(chinaDate(at))) left -= 1;
  }
  return new Date(at);
}

/** Days from `deadline` (a China date) to the China date of `at`; 0 when on time. */
export function daysLate(deadline: string, at: Date): number {
  const late = (Date.parse(chinaDate(at)) - Date.parse(deadline)) / DAY_MS;
  return Math.max(0, Math.round(late));
}

/**
 * Parses a duration as written in configuration: `3wd` (working days), `2d`, `48h`, `30m`, `10s`.
 * Returns undefined for anything else.
 */
/** Milliseconds of a natural-time duration; undefined for working days or a fixed instant. */
export function naturalMs(duration: Duration): number | undefined {
  if ('seconds' in duration) return duration.seconds * 1000;
  if ('minutes' in duration) return duration.minutes * 60_000;
  if ('hours' in duration) return duration.hours * 3600_000;
  if ('days' in duration) return duration.days * 86_400_000;
  return undefined;
}

export function parseDuration(text: string): Duration | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(wd|d|h|m|s)$/.exec(text.trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  switch (match[2]) {
    case 'wd': return { workingDays: n };
    case 'd': return { days: n };
    case 'h': return { hours: n };
    case 'm': return { minutes: n };
    default: return { seconds: n };
  }
}
