/** The inbox's filters as they live in the URL (and in saved filters). */
export interface InboxFilters {
  tab: InboxTab;
  process?: string;
  q?: string;
  dueAfter?: string;
  dueBefore?: string;
  overdue?: string;
  sort?: string;
}

export type InboxTab = 'mine' | 'group' | 'done' | 'all' | 'cc';

/** Filter keys kept in the URL and saved with a filter (besides the tab). */
export const FILTER_KEYS = ['process', 'q', 'dueAfter', 'dueBefore', 'overdue', 'sort'] as const;

export function filtersFrom(params: URLSearchParams): InboxFilters {
  const tab = params.get('tab');
  const filters: InboxFilters = { tab: tab === 'group' || tab === 'done' || tab === 'all' || tab === 'cc' ? tab : 'mine' };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** The API's view/status for a tab. */
export function tabQuery(tab: InboxTab): { view: string; status: string } {
  if (tab === 'done') return { view: 'mine', status: 'done' };
  return { view: tab, status: 'open' };
}

/** The API query of the filters: dates are whole days in China time. */
export function apiFilters(filters: InboxFilters): Record<string, string | undefined> {
  return {
    process: filters.process,
    q: filters.q,
    dueAfter: filters.dueAfter ? `${filters.dueAfter}T00:00:00+08:00` : undefined,
    dueBefore: filters.dueBefore ? `${filters.dueBefore}T23:59:59.999+08:00` : undefined,
    overdue: filters.overdue === 'true' ? 'true' : undefined,
    sort: filters.sort,
  };
}
