/**
 * 差异化服务: how often each class of customer is visited (issue 16). Customers are banded by tier; each
 * band is visited every week, every other week or once a month. A plan is made at the start of each week
 * (Monday, China time) for the customers due that week. Pure: shared by the activities, the API and the tests.
 */
import { chinaDate, DAY_MS, endOfChinaDay } from './chinaTime.js';

export const VISIT_FREQUENCIES = ['week', 'twoWeeks', 'month'] as const;
/** `week`: every week; `twoWeeks`: every other week (see {@link weekNumber}); `month`: the first week of each month. */
export type VisitFrequency = (typeof VISIT_FREQUENCIES)[number];

/** Customers of tiers `fromTier`…`toTier` (D1–D30, inclusive) are visited this often. */
export interface VisitBand {
  fromTier: number;
  toTier: number;
  every: VisitFrequency;
}

/** The job standard's classes: D25–D30 every week, D15–D24 every two weeks, D1–D14 every month. */
export const DEFAULT_VISIT_BANDS: readonly VisitBand[] = [
  { fromTier: 25, toTier: 30, every: 'week' },
  { fromTier: 15, toTier: 24, every: 'twoWeeks' },
  { fromTier: 1, toTier: 14, every: 'month' },
];

/**
 * A customer whose 经营状态 matches this (case-insensitive; a PostgreSQL and JavaScript regular expression) is
 * not planned: closed (停业, 歇业, 注销) or suspended (暂停营业). Unknown (null) and anything else is served.
 */
export const INACTIVE_CUSTOMER_STATUS = '停|歇业|注销|closed|suspend';

export const LOWEST_TIER = 1;
export const HIGHEST_TIER = 30;

/** Monday 2001-01-01: week 0 of the two-weekly count. */
const WEEK_ZERO = Date.UTC(2001, 0, 1);

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The Monday (China date) of the week China date `date` falls in: the plan period it belongs to. */
export function weekStart(date: string): string {
  const day = dayOf(date);
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return dateOf(day - sinceMonday * DAY_MS);
}

/** The plan period (its Monday) an instant falls in, in China time. */
export function periodOf(instant: Date | number): string {
  return weekStart(chinaDate(instant));
}

/** Whether `date` (YYYY-MM-DD) is a Monday: the start of a plan period. */
export function isPeriodStart(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(dayOf(date)) && dateOf(dayOf(date)) === date && weekStart(date) === date;
}

/**
 * Weeks from Monday 2001-01-01 to `monday`. Two-weekly customers are planned in the even ones: a stable
 * alternation (in 2027 the even ISO weeks) that, unlike ISO numbering, never puts two plan weeks or two
 * skipped weeks side by side where a year has 53 ISO weeks.
 */
export function weekNumber(monday: string): number {
  return Math.round((dayOf(monday) - WEEK_ZERO) / (7 * DAY_MS));
}

/** Whether customers visited `every` are due in the week starting `monday`. */
export function isPlanWeek(every: VisitFrequency, monday: string): boolean {
  if (every === 'week') return true;
  if (every === 'twoWeeks') return weekNumber(monday) % 2 === 0;
  return Number(monday.slice(8, 10)) <= 7; // the month's first Monday
}

/**
 * When a visit planned in the week starting `monday` is due: the end (23:59:59.999 China time) of its
 * band's period — that Sunday, the next Sunday for a two-weekly visit, the month's last day for a monthly one.
 */
export function periodEnd(every: VisitFrequency, monday: string): string {
  if (every === 'week') return endOfChinaDay(dateOf(dayOf(monday) + 6 * DAY_MS));
  if (every === 'twoWeeks') return endOfChinaDay(dateOf(dayOf(monday) + 13 * DAY_MS));
  const [y, m] = monday.split('-').map(Number) as [number, number];
  return endOfChinaDay(dateOf(Date.UTC(y, m, 0)));
}

/** The band of `tier`, if any. */
export function bandOf(bands: readonly VisitBand[], tier: number): VisitBand | undefined {
  return bands.find((b) => tier >= b.fromTier && tier <= b.toTier);
}

/** Customers of 业态 `businessType` (as the customer master has it, e.g. `supermarket`) are visited this often, whatever their tier. */
export interface BusinessTypeVisitRule {
  businessType: string;
  every: VisitFrequency;
}

/** How often customers are visited: by business type where a rule names the customer's, else by tier band. */
export interface VisitRules {
  bands: readonly VisitBand[];
  byBusinessType: readonly BusinessTypeVisitRule[];
}

/**
 * How often a customer is visited: their business type's rule (it takes precedence over the band), else their tier's
 * band; undefined when neither says (bands that leave a tier out are refused by settings, so only for stale data).
 */
export function visitFrequencyOf(rules: VisitRules, customer: { tier: number; businessType: string }): VisitFrequency | undefined {
  return rules.byBusinessType.find((r) => r.businessType === customer.businessType)?.every ?? bandOf(rules.bands, customer.tier)?.every;
}

/** The business-type rules' problems (a business type named twice, at the later rule), at paths under the list. */
export function businessTypeRuleProblems(rules: readonly BusinessTypeVisitRule[]): VisitRuleProblem[] {
  return rules.flatMap((rule, i) => {
    const first = rules.findIndex((r) => r.businessType === rule.businessType);
    return first < i
      ? [{ path: `/${i}/businessType`, problem: 'businessTypeTwice' as const, params: { n: i + 1, rule: first + 1, businessType: rule.businessType } }]
      : [];
  });
}

/** A problem of a band list or of the business-type rules, at the path of the field to fix (under the list). */
export interface VisitRuleProblem {
  path: string;
  problem: 'bandOrder' | 'bandOverlap' | 'bandGap' | 'businessTypeTwice';
  params: Record<string, string | number>;
}

/**
 * What is wrong with `bands`: a band whose `fromTier` is above its `toTier`, a band overlapping an earlier one
 * (at its `fromTier`), and tiers of D1–D30 no band covers (at the list itself). Empty: every tier is in exactly one band.
 */
export function bandProblems(bands: readonly VisitBand[]): VisitRuleProblem[] {
  const problems: VisitRuleProblem[] = [];
  bands.forEach((band, i) => {
    if (band.fromTier > band.toTier) {
      problems.push({ path: `/${i}/toTier`, problem: 'bandOrder', params: { n: i + 1, from: band.fromTier, to: band.toTier } });
      return;
    }
    const other = bands.findIndex((b, j) => j < i && b.fromTier <= b.toTier && b.fromTier <= band.toTier && band.fromTier <= b.toTier);
    if (other >= 0) problems.push({ path: `/${i}/fromTier`, problem: 'bandOverlap', params: { n: i + 1, band: other + 1 } });
  });
  if (problems.length) return problems;
  const missing: number[] = [];
  for (let tier = LOWEST_TIER; tier <= HIGHEST_TIER; tier++) if (!bandOf(bands, tier)) missing.push(tier);
  if (missing.length) problems.push({ path: '', problem: 'bandGap', params: { tiers: missing.map((t) => `D${t}`).join(', ') } });
  return problems;
}
