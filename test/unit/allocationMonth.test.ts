import { describe, expect, it } from 'vitest';
import { lastWorkingDayEnd } from '../../activities/allocationMonth.js';
import { WEEKENDS_ONLY, workCalendar } from '../../domain/calendar.js';

describe('lastWorkingDayEnd: when the month\'s market reports are due', () => {
  it('is the end of the last weekday, China time', () => {
    // 2026-10-31 is a Saturday.
    expect(lastWorkingDayEnd('2026-10', WEEKENDS_ONLY)).toEqual({ date: '2026-10-30', dueAt: '2026-10-30T15:59:59.000Z' });
    expect(lastWorkingDayEnd('2026-12', WEEKENDS_ONLY).date).toBe('2026-12-31');
  });

  it('follows the work calendar: a holiday moves it earlier, a 调休 weekend day counts', () => {
    expect(lastWorkingDayEnd('2026-10', workCalendar([{ date: '2026-10-30', kind: 'holiday' }])).date).toBe('2026-10-29');
    expect(lastWorkingDayEnd('2026-10', workCalendar([{ date: '2026-10-31', kind: 'workday' }])).date).toBe('2026-10-31');
  });
});
