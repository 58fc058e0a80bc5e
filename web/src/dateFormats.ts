import type { Locale } from './messages';

/** Dates are shown in China time unless the user's settings say otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The app's two ways of showing a moment: 2026年12月7日 08:30, and the day alone. */
export const DATE_TIME_STYLE: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
export const DATE_STYLE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A date format, made the first time it is asked for and kept: making one costs tens of milliseconds on
 * a phone (the time zone's data), which the sign-in page and every change of the session would pay.
 */
export function formatter(locale: Locale, timeZone: string, style: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
  const key = JSON.stringify([locale, timeZone, style]);
  return () => {
    let made = formatters.get(key);
    if (!made) formatters.set(key, (made = new Intl.DateTimeFormat(locale, { timeZone, ...style })));
    return made;
  };
}

/**
 * Makes the app's date formats ahead, for the page's first script while the page waits for its code:
 * the first one made loads the time zone's data, 50–100 ms of a phone's CPU (×4) that would otherwise
 * fall in the first drawing of an inbox or a task.
 */
export function prepareDateFormats(locale: Locale): void {
  for (const style of [DATE_TIME_STYLE, DATE_STYLE]) formatter(locale, DEFAULT_TIME_ZONE, style)();
}
