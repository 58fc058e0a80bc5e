import { chinaMonth } from '../chinaTime';

/** Months before `now` as YYYY-MM, oldest first (China time). */
function previousMonths(count: number, now = new Date()): string[] {
  const [year, month] = chinaMonth(now).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * What a start form begins with: the URL's values for the schema's top-level fields (typed as the
 * schema says), plus per-process conveniences such as the regrade's last three months.
 */
export function startPrefill(processKey: string, schema: Record<string, unknown>, params: URLSearchParams): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, { type?: string }>;
  const data: Record<string, unknown> = {};
  for (const [key, value] of params) {
    const type = properties[key]?.type;
    if (!type) continue;
    data[key] = type === 'integer' || type === 'number' ? Number(value) : value;
  }
  if (processKey === 'assigned-task') {
    data.mode ??= 'separate';
    data.priority ??= 'normal';
  }
  if (processKey === 'regrade' && !('recentVolumes' in data)) {
    data.recentVolumes = previousMonths(3).map((month) => ({ month }));
  }
  // Learning is mostly recorded the day it happened (China date; en-CA formats as YYYY-MM-DD).
  if (processKey === 'learning-record' && !('date' in data)) {
    data.date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  }
  return data;
}
