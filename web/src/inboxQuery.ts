import { queryString } from './api';
import { prefetch } from './prefetch';

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

/**
 * A change of the inbox's filters, worked out from the filters in the address bar as they stand when it is made.
 * Not from the last render's: a router navigation is drawn a moment after it changes the URL (a transition),
 * and a tap or the search's pause in that moment must not undo the change before it.
 */
export type InboxChange = (current: InboxFilters) => InboxFilters;

/** The filters in the address bar now (see InboxChange). */
export function currentFilters(): InboxFilters {
  return filtersFrom(new URLSearchParams(window.location.search));
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

/** Rows per page offered on a desktop; a phone pages through the first (20) at a time. */
export const PAGE_SIZES = [20, 50, 100];

/** The inbox's page and rows per page in the URL. */
export function inboxPaging(params: URLSearchParams): { page: number; size: number } {
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : PAGE_SIZES[0]!;
  return { page, size };
}

/**
 * What the inbox asks for at the URL's params: the tab's tasks (or, on 抄送我的, the processes) and the
 * tabs' counts. The page asks them; a sign-in starts them before the page is drawn.
 */
export function inboxPaths(params: URLSearchParams): { tasks: string | null; cc: string | null; counts: string } {
  const filters = filtersFrom(params);
  const { page, size } = inboxPaging(params);
  const query = apiFilters(filters);
  const copied = filters.tab === 'cc';
  return {
    tasks: copied ? null : `/tasks${queryString({ ...tabQuery(filters.tab), ...query, page, size })}`,
    cc: copied ? `/tasks/cc${queryString({ page, size })}` : null,
    counts: `/tasks/counts${queryString({ ...query, sort: undefined })}`,
  };
}

/** Asks for the inbox's lists at `params` before the inbox is drawn (it takes these answers). */
export function prefetchInbox(params: URLSearchParams): void {
  for (const path of Object.values(inboxPaths(params))) if (path) prefetch(path);
}
