import { describe, expect, it } from 'vitest';
import { daysLate } from '../../domain/calendar.js';

describe('daysLate (the ledger\'s 超期天数)', () => {
  it('counts China days after the deadline date', () => {
    expect(daysLate('2026-11-20', new Date('2026-11-23T02:00:00Z'))).toBe(3);
  });

  it('is 0 on the deadline day itself, even late in the evening China time', () => {
    expect(daysLate('2026-11-20', new Date('2026-11-20T15:59:00Z'))).toBe(0); // 23:59 in Beijing
  });

  it('turns over at midnight China time, not UTC', () => {
    expect(daysLate('2026-11-20', new Date('2026-11-20T16:30:00Z'))).toBe(1); // 00:30 on the 21st in Beijing
  });

  it('is 0 when the report came before the deadline', () => {
    expect(daysLate('2026-11-30', new Date('2026-11-23T02:00:00Z'))).toBe(0);
  });
});
