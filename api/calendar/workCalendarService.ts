import type { MikroORM } from '@mikro-orm/postgresql';
import { isWeekendDate, type CalendarDayKind } from '../../domain/calendar.js';
import { appendAudit } from '../../db/audit.js';
import { WorkCalendarDaySchema, type WorkCalendarDay } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import type { SessionUser } from '../http/auth.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import type { CalendarDayBody } from './calendarContract.js';

/** Key of the advisory lock that serialises calendar edits (rare, admin only), so each audit event sees the row it changed. */
const CALENDAR_LOCK = 0x0ca1_e4da;

export interface CalendarDayInput {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

function dayJson(day: WorkCalendarDay) {
  return { date: day.date, kind: day.kind, name: day.name, updatedBy: day.updatedBy ?? null, updatedAt: day.updatedAt };
}

/** A real calendar date written YYYY-MM-DD, in the years 1900–2999 (so 2026-02-30 is not one). */
function isIsoDate(text: string): boolean {
  if (!/^(19|2\d)\d\d-\d\d-\d\d$/.test(text)) return false;
  const at = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === text;
}

/** `{kind, name}` for `date` (its body already checked), else 422: a date that is none, or a kind that means nothing on that day. */
export function calendarDayInput(date: string, { kind, name }: CalendarDayBody, locale: Locale): CalendarDayInput {
  if (!isIsoDate(date)) throw new ValidationError([{ path: '/date', message: t(locale, 'calendarDate') }]);
  if ((kind === 'holiday') === isWeekendDate(date)) {
    throw new ValidationError([{ path: '/kind', message: t(locale, kind === 'holiday' ? 'holidayOnWeekend' : 'workdayOnWeekday') }]);
  }
  return { date, kind, name: name.trim() };
}

/**
 * The work calendar's exceptional days (法定节假日 and 调休上班日), as admins keep them. Workers read
 * the same rows for working-day deadlines (cached for up to a minute).
 */
export function createWorkCalendarService(orm: MikroORM) {
  return {
    /** The days of `year` (YYYY), or of every year when it is absent, by date. */
    async list(year: unknown, locale: Locale) {
      let where = {};
      if (year !== undefined) {
        if (typeof year !== 'string' || !/^\d{4}$/.test(year)) {
          throw new ValidationError([{ path: '/year', message: t(locale, 'calendarYear') }]);
        }
        where = { date: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } };
      }
      const days = await orm.em.fork().find(WorkCalendarDaySchema, where, { orderBy: { date: 'asc' } });
      return { items: days.map(dayJson) };
    },

    /** Sets the day (`created` tells a new row); the same values again change nothing and audit nothing. */
    async put(user: SessionUser, date: string, body: CalendarDayBody, locale: Locale) {
      const input = calendarDayInput(date, body, locale);
      const { day, created } = await orm.em.fork().transactional(async (tx) => {
        await tx.execute('select pg_advisory_xact_lock(?)', [CALENDAR_LOCK]);
        const existing = await tx.findOne(WorkCalendarDaySchema, { date: input.date });
        if (existing && existing.kind === input.kind && existing.name === input.name) return { day: existing, created: false };
        appendAudit(tx, {
          type: 'calendar.daySet', actorId: user.id,
          data: { ...input, before: existing ? { kind: existing.kind, name: existing.name } : null },
        });
        if (!existing) return { day: tx.create(WorkCalendarDaySchema, { ...input, updatedBy: user.id }), created: true };
        existing.kind = input.kind;
        existing.name = input.name;
        existing.updatedBy = user.id;
        return { day: existing, created: false };
      });
      // After the commit: updatedAt is set by the flush.
      return { day: dayJson(day), created };
    },

    /** Removes the day, so it follows the weekday rule again; a day without a row is already that. */
    async remove(user: SessionUser, date: string, locale: Locale): Promise<void> {
      if (!isIsoDate(date)) throw new ValidationError([{ path: '/date', message: t(locale, 'calendarDate') }]);
      await orm.em.fork().transactional(async (tx) => {
        await tx.execute('select pg_advisory_xact_lock(?)', [CALENDAR_LOCK]);
        const existing = await tx.findOne(WorkCalendarDaySchema, { date });
        if (!existing) return;
        tx.remove(existing);
        appendAudit(tx, { type: 'calendar.dayRemoved', actorId: user.id, data: { date, before: { kind: existing.kind, name: existing.name } } });
      });
    },
  };
}
