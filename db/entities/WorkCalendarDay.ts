import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { CALENDAR_DAY_KINDS } from '../../domain/calendar.js';

/**
 * An exceptional day of the work calendar: a weekday off (`holiday`) or a weekend day worked
 * (`workday`, 调休). Every other day follows the weekday rule. Admins keep it up to date each year.
 */
export const WorkCalendarDaySchema = defineEntity({
  name: 'WorkCalendarDay',
  tableName: 'work_calendar_days',
  properties: (p) => ({
    /** China date, YYYY-MM-DD. */
    date: p.date().primary(),
    kind: p.enum([...CALENDAR_DAY_KINDS]),
    /** What the day is for, e.g. 春节, 国庆节. */
    name: p.string().length(40),
    /** Null for the rows the migration seeded. */
    updatedBy: p.integer().nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});

export type WorkCalendarDay = InferEntity<typeof WorkCalendarDaySchema>;
