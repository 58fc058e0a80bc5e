import Alert from '@mui/material/Alert';
import Badge from '@mui/material/Badge';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import TablePagination from '@mui/material/TablePagination';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { errorText } from '../api';
import { useBatchApproval } from '../batchApproval';
import { BatchApproveBar } from '../components/BatchApproveBar';
import { CopiedList } from '../components/CopiedList';
import { FlowToast } from '../components/FlowToast';
import { InboxFilterBar } from '../components/InboxFilterBar';
import { TaskTable } from '../components/TaskTable';
import { FILTER_KEYS, filtersFrom, inboxPaging, inboxPaths, PAGE_SIZES, type InboxChange, type InboxTab } from '../inboxQuery';
import { usePhone } from '../responsive';
import { useSession, useUser } from '../session';
import type { CopiedPage, Page, Task } from '../types';
import { useApi } from '../useApi';

/** Roles that see every open task (the 全部 tab). */
const OVERSEEING_ROLES = ['admin', 'leader', 'dept_head'];
/** New tasks appear without a reload. */
const INBOX_REFRESH = { everyMs: 30_000 };

/** The landing page: my tasks, my roles' unclaimed tasks and what I have done, with filters. */
export function InboxPage() {
  const { t } = useSession();
  const user = useUser();
  // A phone pages through 20 at a time: no rows-per-page menu to miss with a thumb.
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const { page, size } = inboxPaging(params);
  const paths = inboxPaths(params);

  // 抄送我的 lists processes, not tasks: its own route, without the task filters.
  const copied = filters.tab === 'cc';
  const tasks = useApi<Page<Task>>(paths.tasks, INBOX_REFRESH);
  const cc = useApi<CopiedPage>(paths.cc, INBOX_REFRESH);
  const counts = useApi<Record<'mine' | 'group' | 'done', number>>(paths.counts, INBOX_REFRESH);
  // 批量同意 of the open tabs' regrade reviews: the approved ones leave the list and the counts.
  const done = filters.tab === 'done';
  const batch = useBatchApproval(copied || done ? [] : (tasks.data?.items ?? []), () => {
    tasks.reload();
    counts.reload();
  });

  const update = useCallback((change: InboxChange, nextPage = 1, nextSize?: number) => {
    const live = new URLSearchParams(window.location.search);
    const next = change(filtersFrom(live));
    const search = new URLSearchParams();
    if (next.tab !== 'mine') search.set('tab', next.tab);
    for (const key of FILTER_KEYS) if (next[key]) search.set(key, next[key]);
    if (nextPage > 1) search.set('page', String(nextPage));
    const shownSize = nextSize ?? inboxPaging(live).size;
    if (shownSize !== PAGE_SIZES[0]) search.set('size', String(shownSize));
    if (search.toString() !== live.toString()) setParams(search);
  }, [setParams]);

  const tabs: InboxTab[] = ['mine', 'group', 'done', 'cc'];
  if (user.roles.some((r) => OVERSEEING_ROLES.includes(r))) tabs.push('all');
  const list = copied ? cc : tasks;
  return (
    // A phone's select mode has its bar at the bottom: the list ends above it.
    <Paper sx={{ p: { xs: 1, sm: 2 }, ...(phone && batch.selecting ? { pb: 10 } : {}) }}>
      <Tabs value={filters.tab} onChange={(_, tab: InboxTab) => update((current) => ({ ...current, tab }))} variant="scrollable" scrollButtons={false}>
        {tabs.map((tab) => {
          const count = tab === 'all' || tab === 'cc' ? undefined : counts.data?.[tab];
          return (
            <Tab key={tab} value={tab} data-testid={`tab-${tab}`} label={
              <Badge color={tab === 'done' ? 'default' : 'primary'} badgeContent={count} max={9999} showZero={tab !== 'done'}
                sx={{ '& .MuiBadge-badge': { right: -14 } }}>
                {t(`inbox.${tab}`)}
              </Badge>
            } sx={{ pr: { xs: 3.5, sm: 4 } }} />
          );
        })}
      </Tabs>
      <FlowToast />
      {!copied && <InboxFilterBar filters={filters} onChange={update} />}
      <BatchApproveBar batch={batch} />
      {list.loading && <LinearProgress />}
      {list.error && <Alert severity="error">{errorText(list.error, t('common.error'))}</Alert>}
      {list.data && (
        <>
          {copied ? cc.data && <CopiedList items={cc.data.items} /> : tasks.data && <TaskTable tasks={tasks.data.items} done={done} batch={batch} />}
          {list.data.items.length === 0 && <Typography sx={{ p: 3 }} color="text.secondary">{t('inbox.empty')}</Typography>}
          <TablePagination component="div" count={list.data.total} page={page - 1} rowsPerPage={size}
            rowsPerPageOptions={phone ? [size] : PAGE_SIZES} onPageChange={(_, p) => update((current) => current, p + 1)}
            onRowsPerPageChange={(e) => update((current) => current, 1, Number(e.target.value))} />
        </>
      )}
    </Paper>
  );
}
