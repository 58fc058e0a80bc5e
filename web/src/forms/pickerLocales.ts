// The date pickers' languages: the theme names the dayjs locale (zh-cn or en-gb, both weeks from Monday),
// and these imports load it into dayjs. Imported by the modules that render pickers, so they load on demand.
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en-gb';
import type { Locale } from '../messages';

/** How a picker shows a value: 2026年12月7日 in Chinese, Dec 7, 2026 in English (as the app's other dates). */
export function pickerFormat(locale: Locale, kind: 'date' | 'month' | 'dateTime'): string {
  if (locale === 'en') return { date: 'MMM D, YYYY', month: 'MMM YYYY', dateTime: 'MMM D, YYYY HH:mm' }[kind];
  return { date: 'YYYY年M月D日', month: 'YYYY年M月', dateTime: 'YYYY年M月D日 HH:mm' }[kind];
}
