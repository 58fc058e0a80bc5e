import type { MikroORM } from '@mikro-orm/postgresql';
import { WorkCalendarDaySchema } from '../db/entities/index.js';
import { workCalendar, type CalendarDay, type WorkCalendar } from '../domain/calendar.js';

/** How long a worker keeps the calendar before reading it again: an admin's edit applies within this. */
export const CALENDAR_CACHE_MS = 60_000;

/**
 * The calendar `load` returns, kept for `ttlMs` (0: read every time). Callers during a load share
 * it; a failed load is not kept, so the next caller tries again.
 */
export function cachedCalendar(load: () => Promise<CalendarDay[]>, ttlMs: number, now: () => number = Date.now):
  () => Promise<WorkCalendar> {
  let cached: { calendar: WorkCalendar; loadedAt: number } | undefined;
  let loading: Promise<WorkCalendar> | undefined;
  return () => {
    if (cached && now() - cached.loadedAt < ttlMs) return Promise.resolve(cached.calendar);
    loading ??= (async () => {
      // Stamped when the read starts: the rows are at least that fresh.
      const loadedAt = now();
      try {
        const calendar = workCalendar(await load());
        cached = { calendar, loadedAt };
        return calendar;
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  };
}

/** Every exceptional day in the database (a few dozen a year: all of them fit in memory). */
export async function readCalendarDays(orm: MikroORM): Promise<CalendarDay[]> {
  const rows = await orm.em.fork().find(WorkCalendarDaySchema, {}, { fields: ['date', 'kind'] });
  return rows.map((row) => ({ date: row.date, kind: row.kind }));
}

/** The worker's view of the work calendar: read from the database, cached for `ttlMs`. */
export function workCalendarLoader(orm: MikroORM, ttlMs = CALENDAR_CACHE_MS): () => Promise<WorkCalendar> {
  return cachedCalendar(() => readCalendarDays(orm), ttlMs);
}
