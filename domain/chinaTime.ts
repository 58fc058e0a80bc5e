/**
 * China time: the company works on China Standard Time (UTC+8, no daylight saving), so dates,
 * day ends and months are counted there, whatever the server's own zone. Pure and deterministic:
 * safe in workflow code.
 */

/** The IANA zone for APIs that take one (Temporal Schedules, PostgreSQL `at time zone`, Intl). */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 24 * 3600_000;

/** The China date (YYYY-MM-DD) of an instant. */
export function chinaDate(instant: number | Date): string {
  return chinaWallClock(instant).toISOString().slice(0, 10);
}

/** The start (00:00 China time) of China date `date` as an instant. */
export function chinaMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The last millisecond of China date `date`, as an ISO instant (a deadline "by the end of that day"). */
export function endOfChinaDay(date: string): string {
  return `${date}T23:59:59.999+08:00`;
}

/** The start of the China day an instant falls in (epoch ms). */
export function startOfChinaDay(instant: number): number {
  return Math.floor((instant + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/**
 * A Date whose UTC fields read as the China wall-clock time of `instant`: for Excel cells, which
 * hold a clock reading and no zone, and for formatting without Intl.
 */
export function chinaWallClock(instant: number | Date): Date {
  return new Date(Number(instant) + OFFSET_MS);
}

/** China wall time of an instant as `YYYY-MM-DD HH:mm`. */
export function chinaDateTime(instant: number | Date | string): string {
  const at = typeof instant === 'string' ? Date.parse(instant) : instant;
  return chinaWallClock(at).toISOString().slice(0, 16).replace('T', ' ');
}

/** First day (YYYY-MM-DD) of the allocation month (a calendar month) after the one `at` falls in, in China time. */
export function nextAllocationMonth(at: Date): string {
  const local = chinaWallClock(at);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}
