import { describe, expect, it } from 'vitest';
import { addDuration, parseDuration, WEEKENDS_ONLY, workCalendar, type CalendarDay } from '../../domain/calendar.js';
import { chinaDate, nextAllocationMonth } from '../../domain/chinaTime.js';
import { cachedCalendar } from '../../activities/workCalendarLoader.js';

// 2026-11-27 is a Friday; China time is UTC+8.
const fridayAfternoon = new Date('2026-11-27T07:00:00Z'); // 15:00 in Beijing

describe('working-day deadlines without holidays', () => {
  it('skips the weekend: Friday + 3 working days is Wednesday, same time of day', () => {
    expect(addDuration(fridayAfternoon, { workingDays: 3 }, WEEKENDS_ONLY).toISOString()).toBe('2026-12-02T07:00:00.000Z');
  });

  it('Friday + 1 working day is Monday', () => {
    expect(addDuration(fridayAfternoon, { workingDays: 1 }, WEEKENDS_ONLY).toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });

  it('judges the weekend in China time, not UTC', () => {
    // Friday 23:30 UTC is already Saturday 07:30 in Beijing: the whole of Monday counts, so the
    // deadline is Tuesday 00:00 Beijing time.
    const lateFridayUtc = new Date('2026-11-27T23:30:00Z');
    expect(addDuration(lateFridayUtc, { workingDays: 1 }, WEEKENDS_ONLY).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    // Friday 15:59 UTC is still Friday 23:59 in Beijing: +1 working day is Monday 23:59.
    expect(addDuration(new Date('2026-11-27T15:59:00Z'), { workingDays: 1 }, WEEKENDS_ONLY).toISOString()).toBe('2026-11-30T15:59:00.000Z');
  });

  it('counts natural days, hours and seconds as they are', () => {
    expect(addDuration(fridayAfternoon, { days: 2 }, WEEKENDS_ONLY).toISOString()).toBe('2026-11-29T07:00:00.000Z');
    expect(addDuration(fridayAfternoon, { hours: 48 }, WEEKENDS_ONLY).toISOString()).toBe('2026-11-29T07:00:00.000Z');
    expect(addDuration(fridayAfternoon, { seconds: 30 }, WEEKENDS_ONLY).toISOString()).toBe('2026-11-27T07:00:30.000Z');
  });
});

/** Part of the State Council's 2026 schedule (as the migration seeds it): 春节, 中秋 and 国庆 with their 调休 days. */
const SCHEDULE_2026: CalendarDay[] = [
  { date: '2026-02-14', kind: 'workday' },
  ...['16', '17', '18', '19', '20', '23'].map((d) => ({ date: `2026-02-${d}`, kind: 'holiday' as const })),
  { date: '2026-02-28', kind: 'workday' },
  { date: '2026-09-20', kind: 'workday' },
  { date: '2026-09-25', kind: 'holiday' },
  ...['01', '02', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, kind: 'holiday' as const })),
  { date: '2026-10-10', kind: 'workday' },
];
const calendar2026 = workCalendar(SCHEDULE_2026);
/** An instant given as China wall-clock time. */
const beijing = (local: string) => new Date(`${local}+08:00`);
/** The deadline `workingDays` after a China wall-clock time. */
const due = (local: string, workingDays: number, calendar = calendar2026) => addDuration(beijing(local), { workingDays }, calendar);

describe('working-day deadlines with the statutory calendar', () => {
  it('3 working days from the Friday before 春节 count the 调休 Saturday, then skip the 9-day holiday', () => {
    // Fri 02-13 15:00 → Sat 02-14 (worked) 1 → 02-15…02-23 off → Tue 02-24 2 → Wed 02-25 3.
    expect(due('2026-02-13T15:00', 3)).toEqual(beijing('2026-02-25T15:00'));
    // Weekends alone would have said Wednesday 02-18, in the middle of the holiday.
    expect(due('2026-02-13T15:00', 3, WEEKENDS_ONLY)).toEqual(beijing('2026-02-18T15:00'));
  });

  it('3 working days from the eve of 国庆 skip the holiday and land on the 调休 Saturday after it', () => {
    // Wed 09-30 10:00 → 10-01…10-07 off → Thu 10-08 1 → Fri 10-09 2 → Sat 10-10 (worked) 3.
    expect(due('2026-09-30T10:00', 3)).toEqual(beijing('2026-10-10T10:00'));
  });

  it('the 调休 Sunday before 中秋 counts, 中秋 itself does not', () => {
    // Fri 09-18 → Sun 09-20 (worked) 1 → Mon 2 → Tue 3.
    expect(due('2026-09-18T09:00', 3)).toEqual(beijing('2026-09-22T09:00'));
    // Thu 09-24 → Fri 09-25 中秋 off → Mon 09-28 1.
    expect(due('2026-09-24T09:00', 1)).toEqual(beijing('2026-09-28T09:00'));
  });

  it('work arriving on a holiday starts counting at the next working day\'s midnight', () => {
    // Thu 10-01 (holiday) 10:00: counting starts Thu 10-08 00:00; +1 working day is the end of 10-08.
    expect(due('2026-10-01T10:00', 1)).toEqual(beijing('2026-10-09T00:00'));
    // Sat 10-03 inside the holiday: the same.
    expect(due('2026-10-03T22:00', 1)).toEqual(beijing('2026-10-09T00:00'));
  });

  it('work arriving on a 调休 Saturday is work on a working day: the time of day is kept', () => {
    // Sat 02-28 (worked) 10:00 + 1 → Mon 03-02 10:00 (Sunday 03-01 is off).
    expect(due('2026-02-28T10:00', 1)).toEqual(beijing('2026-03-02T10:00'));
  });

  it('leaves hours and natural days alone', () => {
    const eve = beijing('2026-09-30T10:00');
    expect(addDuration(eve, { hours: 48 }, calendar2026)).toEqual(beijing('2026-10-02T10:00'));
    expect(addDuration(eve, { days: 3 }, calendar2026)).toEqual(beijing('2026-10-03T10:00'));
  });

  it('reads dates in China time', () => {
    expect(chinaDate(beijing('2026-10-01T00:00'))).toBe('2026-10-01');
    expect(chinaDate(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
    expect(calendar2026.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar2026.isWorkingDay('2026-10-11')).toBe(false);
    expect(calendar2026.isWorkingDay('2026-10-07')).toBe(false);
    expect(calendar2026.isWorkingDay('2026-10-08')).toBe(true);
  });
});

describe('the worker\'s calendar cache', () => {
  it('reads again once the cached copy is older than its lifetime, and shares a read in flight', async () => {
    let clock = 0;
    let reads = 0;
    let rows: CalendarDay[] = [];
    const calendar = cachedCalendar(async () => {
      reads += 1;
      return rows;
    }, 60_000, () => clock);
    const [first, second] = await Promise.all([calendar(), calendar()]);
    expect(reads).toBe(1);
    expect(first).toBe(second);
    expect(first.isWorkingDay('2026-12-01')).toBe(true);

    rows = [{ date: '2026-12-01', kind: 'holiday' }];
    clock = 59_999;
    expect((await calendar()).isWorkingDay('2026-12-01')).toBe(true);
    clock = 60_000;
    expect((await calendar()).isWorkingDay('2026-12-01')).toBe(false);
    expect(reads).toBe(2);
  });

  it('keeps no failed read', async () => {
    let fail = true;
    const calendar = cachedCalendar(async () => {
      if (fail) throw new Error('database down');
      return [];
    }, 60_000, () => 0);
    await expect(calendar()).rejects.toThrow('database down');
    fail = false;
    await expect(calendar()).resolves.toBeDefined();
  });
});

describe('allocation month', () => {
  it('is the first day of the next month in China time', () => {
    expect(nextAllocationMonth(fridayAfternoon)).toBe('2026-12-01');
    expect(nextAllocationMonth(new Date('2026-12-31T17:00:00Z'))).toBe('2027-02-01'); // already Jan 1 in Beijing
    expect(nextAllocationMonth(new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
  });
});

describe('durations in configuration', () => {
  it('parses the written forms and refuses others', () => {
    expect(parseDuration('3wd')).toEqual({ workingDays: 3 });
    expect(parseDuration('48h')).toEqual({ hours: 48 });
    expect(parseDuration('2d')).toEqual({ days: 2 });
    expect(parseDuration('10s')).toEqual({ seconds: 10 });
    expect(parseDuration('3 weeks')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
});
