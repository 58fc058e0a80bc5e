import type { Duration } from '../workflows/types.js';

/** The company works on China Standard Time (UTC+8, no daylight saving). */
const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

function isWeekendInChina(instant: Date): boolean {
  const day = new Date(instant.getTime() + CST_OFFSET_MS).getUTCDay();
  return day === 0 || day === 6;
}

function startOfChinaDay(instant: number): number {
  return Math.floor((instant + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
}

/**
 * The instant `duration` after `from`. Working days skip Saturdays and Sundays in China time,
 * keeping the time of day (Friday 15:00 + 1 working day = Monday 15:00); from a weekend the count
 * starts at Monday 00:00 (Saturday + 1 working day = end of Monday).
 * Statutory holidays and 调休 come with the admin calendar (not yet built).
 */
export function addDuration(from: Date, duration: Duration): Date {
  if ('seconds' in duration) return new Date(from.getTime() + duration.seconds * 1000);
  if ('minutes' in duration) return new Date(from.getTime() + duration.minutes * 60_000);
  if ('hours' in duration) return new Date(from.getTime() + duration.hours * 3600_000);
  if ('days' in duration) return new Date(from.getTime() + duration.days * DAY_MS);
  let at = from.getTime();
  if (isWeekendInChina(from)) {
    // Work that arrives on a day off starts counting at the next working day's midnight (China time).
    at = startOfChinaDay(at);
    while (isWeekendInChina(new Date(at))) at += DAY_MS;
  }
  let left = duration.workingDays;
  while (left > 0) {
    at += DAY_MS;
    if (!isWeekendInChina(new Date(at))) left -= 1;
  }
  return new Date(at);
}

/** First day (YYYY-MM-DD) of the allocation month after the one `at` falls in, in China time. */
export function nextAllocationMonth(at: Date): string {
  const local = new Date(at.getTime() + CST_OFFSET_MS);
  const next = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1));
  return next.toISOString().slice(0, 10);
}

/**
 * Parses a duration as written in configuration: `3wd` (working days), `2d`, `48h`, `30m`, `10s`.
 * Returns undefined for anything else.
 */
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
