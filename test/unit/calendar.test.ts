import { describe, expect, it } from 'vitest';
import { addDuration, nextAllocationMonth, parseDuration } from '../../activities/calendar.js';

// 2026-11-27 is a Friday; China time is UTC+8.
const fridayAfternoon = new Date('2026-11-27T07:00:00Z'); // 15:00 in Beijing

describe('working-day deadlines', () => {
  it('skips the weekend: Friday + 3 working days is Wednesday, same time of day', () => {
    expect(addDuration(fridayAfternoon, { workingDays: 3 }).toISOString()).toBe('2026-12-02T07:00:00.000Z');
  });

  it('Friday + 1 working day is Monday', () => {
    expect(addDuration(fridayAfternoon, { workingDays: 1 }).toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });

  it('judges the weekend in China time, not UTC', () => {
    // Friday 23:30 UTC is already Saturday 07:30 in Beijing: the whole of Monday counts, so the
    // deadline is Tuesday 00:00 Beijing time.
    const lateFridayUtc = new Date('2026-11-27T23:30:00Z');
    expect(addDuration(lateFridayUtc, { workingDays: 1 }).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    // Friday 15:59 UTC is still Friday 23:59 in Beijing: +1 working day is Monday 23:59.
    expect(addDuration(new Date('2026-11-27T15:59:00Z'), { workingDays: 1 }).toISOString()).toBe('2026-11-30T15:59:00.000Z');
  });

  it('counts natural days, hours and seconds as they are', () => {
    expect(addDuration(fridayAfternoon, { days: 2 }).toISOString()).toBe('2026-11-29T07:00:00.000Z');
    expect(addDuration(fridayAfternoon, { hours: 48 }).toISOString()).toBe('2026-11-29T07:00:00.000Z');
    expect(addDuration(fridayAfternoon, { seconds: 30 }).toISOString()).toBe('2026-11-27T07:00:30.000Z');
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
