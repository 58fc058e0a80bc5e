import { describe, expect, it } from 'vitest';
import {
  bandProblems, businessTypeRuleProblems, DEFAULT_VISIT_BANDS, isPeriodStart, isPlanWeek, periodEnd, periodOf, visitFrequencyOf, weekNumber,
  weekStart,
} from '../../domain/visitPlanRules.js';

describe('visit plan weeks', () => {
  it('start on Monday, China time', () => {
    expect(weekStart('2027-03-07')).toBe('2027-03-01'); // a Sunday
    expect(weekStart('2027-03-01')).toBe('2027-03-01');
    expect(periodOf(new Date('2027-03-07T16:30:00Z'))).toBe('2027-03-08'); // Monday 00:30 in China
    expect([isPeriodStart('2027-03-01'), isPeriodStart('2027-03-02'), isPeriodStart('2027-02-30'), isPeriodStart('monday')])
      .toEqual([true, false, false, false]);
  });

  it('alternate for two-weekly customers across a 53-week ISO year, and monthly ones fall in the first week', () => {
    // ISO 2026 has 53 weeks: week 53 (Dec 28) and 2027's week 1 (Jan 4) are both odd, but the plan weeks still alternate.
    const mondays = ['2026-12-21', '2026-12-28', '2027-01-04', '2027-01-11'];
    expect(mondays.map((m) => isPlanWeek('twoWeeks', m))).toEqual([false, true, false, true]);
    expect(weekNumber('2001-01-08')).toBe(1);
    expect(['2027-03-01', '2027-03-08', '2027-03-29', '2027-02-01'].map((m) => isPlanWeek('month', m))).toEqual([true, false, false, true]);
  });

  it('are due at the end of the band\'s period', () => {
    expect(periodEnd('week', '2027-03-29')).toBe('2027-04-04T23:59:59.999+08:00');
    expect(periodEnd('twoWeeks', '2027-03-22')).toBe('2027-04-04T23:59:59.999+08:00');
    expect(periodEnd('month', '2027-02-01')).toBe('2027-02-28T23:59:59.999+08:00');
  });
});

describe('visit bands', () => {
  it('cover D1–D30 once', () => {
    expect(bandProblems(DEFAULT_VISIT_BANDS)).toEqual([]);
    expect(bandProblems([{ fromTier: 1, toTier: 30, every: 'week' }, { fromTier: 30, toTier: 30, every: 'month' }]))
      .toEqual([{ path: '/1/fromTier', problem: 'bandOverlap', params: { n: 2, band: 1 } }]);
    expect(bandProblems([{ fromTier: 2, toTier: 29, every: 'week' }])).toEqual([{ path: '', problem: 'bandGap', params: { tiers: 'D1, D30' } }]);
    expect(bandProblems([{ fromTier: 30, toTier: 1, every: 'week' }])[0]).toMatchObject({ path: '/0/toTier', problem: 'bandOrder' });
  });
});

describe('a customer\'s visit frequency', () => {
  const bands = DEFAULT_VISIT_BANDS;
  it('is their business type\'s where a rule names it, over their band', () => {
    const rules = { bands, byBusinessType: [{ businessType: 'supermarket', every: 'week' as const }, { businessType: 'grocery', every: 'month' as const }] };
    expect(visitFrequencyOf(rules, { tier: 3, businessType: 'supermarket' })).toBe('week'); // D3's band: monthly
    expect(visitFrequencyOf(rules, { tier: 28, businessType: 'grocery' })).toBe('month'); // D28's band: weekly
    expect(visitFrequencyOf(rules, { tier: 20, businessType: 'convenience' })).toBe('twoWeeks'); // no rule: the band
  });

  it('is their band\'s when there are no business-type rules', () => {
    expect([28, 20, 3].map((tier) => visitFrequencyOf({ bands, byBusinessType: [] }, { tier, businessType: 'supermarket' })))
      .toEqual(['week', 'twoWeeks', 'month']);
  });

  it('has one rule per business type', () => {
    const rule = (businessType: string) => ({ businessType, every: 'week' as const });
    expect(businessTypeRuleProblems([rule('supermarket'), rule('grocery')])).toEqual([]);
    expect(businessTypeRuleProblems([rule('supermarket'), rule('grocery'), rule('supermarket')]))
      .toEqual([{ path: '/2/businessType', problem: 'businessTypeTwice', params: { n: 3, rule: 1, businessType: 'supermarket' } }]);
  });
});
