import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { queryString } from '../api';
import { AssignmentReport } from '../components/AssignmentReport';
import { FormDialog } from '../components/FormDialog';
import { ResponsiveList } from '../components/ResponsiveList';
import { Spinner } from '../components/Spinner';
import { useSession, useUser } from '../session';
import type { Page } from '../types';
import { useApi } from '../useApi';
import { codeLabel } from '../labels';

interface TrackRow {
  instanceId: string;
  assignee: { id: number; name: string };
  leader: { id: number; name: string };
  title: string;
  priority: string;
  originalDeadline: string;
  deadline: string;
  status: string;
  overdue: boolean;
  daysOverdue: number;
  dueSoon: boolean;
  rating: number | null;
  feedbackCount: number;
  chaseCount: number;
}

type Action = { kind: 'chase' | 'progress' | 'extension'; row: TrackRow };

const ACTION_FORMS = { chase: 'supervision-note', progress: 'progress-feedback', extension: 'extension-request' } as const;
const MANAGING = ['admin', 'leader', 'dept_head'];

/** 督办: what I assigned (chase it), what I carry (report progress, ask for more time); overdue first; the monthly 通报 for the managing roles. */
export default function AssignmentsPage() {
  const { t } = useSession();
  const user = useUser();
  const isLeader = user.roles.includes('leader');
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState('open');
  const [action, setAction] = useState<Action>();
  const [sent, setSent] = useState(false);
  const managing = user.roles.some((r) => MANAGING.includes(r));
  const views = [...(isLeader ? ['assigned'] : []), 'mine', ...(managing ? ['all', 'report'] : [])];
  // The view is in the URL (`?view=report&month=2025-03` opens a month's 通报), one the user has, else their first.
  const view = views.find((v) => v === params.get('view')) ?? views[0]!;
  const setView = (next: string) => setParams(next === views[0] ? {} : { view: next });
  const reporting = view === 'report';
  const tracks = useApi<Page<TrackRow>>(reporting ? null : `/assigned-tasks${queryString({ view, status, size: 100 })}`, { everyMs: 30_000 });

  return (
    <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap' }} spacing={{ xs: 1, sm: 2 }} useFlexGap>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1, width: { xs: '100%', sm: 'auto' } }}>{t('assignment.board')}</Typography>
        {isLeader && <Button variant="contained" component={RouterLink} to="/start/assigned-task">{t('assignment.new')}</Button>}
      </Stack>
      <Stack direction="row" sx={{ alignItems: 'center', my: 1, flexWrap: 'wrap' }} spacing={{ xs: 1, sm: 2 }} useFlexGap>
        <Tabs value={view} onChange={(_, v: string) => setView(v)} variant="scrollable" scrollButtons={false} sx={{ maxWidth: '100%' }}>
          {views.map((v) => <Tab key={v} value={v} label={t(`assignment.${v}`)} data-testid={`assignment-view-${v}`} />)}
        </Tabs>
        {!reporting && (
          <ToggleButtonGroup size="small" exclusive value={status} onChange={(_, v: string | null) => v && setStatus(v)}>
            <ToggleButton value="open">{t('assignment.open')}</ToggleButton>
            <ToggleButton value="closed">{t('assignment.closed')}</ToggleButton>
          </ToggleButtonGroup>
        )}
      </Stack>
      {sent && <Alert severity="success" onClose={() => setSent(false)}>{t('assignment.done')}</Alert>}
      {tracks.error && <Alert severity="error">{tracks.error.message}</Alert>}
      {reporting ? <AssignmentReport /> : !tracks.data ? <Spinner /> : (
        <ResponsiveList testId="assignment-table" rowTestId="assignment-row" rows={tracks.data.items} rowKey={(row) => `${row.instanceId}-${row.assignee.id}`}
          rowSx={(row) => (row.overdue && row.status !== 'closed' ? { bgcolor: '#fff1f0' } : undefined)} columns={[
            {
              head: 'assignment.title', card: 'title', cell: (row) => (
                <>
                  <Link component={RouterLink} to={`/instances/${row.instanceId}`}>{row.title}</Link>
                  {row.priority !== 'normal' && <Chip size="small" sx={{ ml: 1 }} color={row.priority === 'urgent' ? 'error' : 'warning'} label={codeLabel(t, 'priority', row.priority)} />}
                </>
              ),
            },
            { head: 'assignment.assignee', cell: (row) => row.assignee.name },
            { head: 'assignment.leader', cell: (row) => row.leader.name },
            {
              head: 'assignment.deadline', cell: (row) => (
                <>
                  {row.deadline}
                  {row.deadline !== row.originalDeadline && <Typography variant="caption" display="block" color="text.secondary">{t('assignment.original')} {row.originalDeadline}</Typography>}
                  {row.overdue && <Chip size="small" color="error" label={t('assignment.overdueDays', { days: row.daysOverdue })} />}
                  {!row.overdue && row.dueSoon && <Chip size="small" color="warning" label={t('inbox.dueSoon')} />}
                </>
              ),
            },
            { head: 'assignment.status', cell: (row) => codeLabel(t, 'trackStatus', row.status) },
            { head: 'assignment.feedback', cell: (row) => row.feedbackCount },
            { head: 'assignment.rating', cell: (row) => row.rating ?? '' },
            {
              head: 'common.actions', card: 'full', cell: (row) => {
                const chase = row.status !== 'closed' && row.leader.id === user.id;
                const mine = row.status === 'working' && row.assignee.id === user.id;
                if (!chase && !mine) return '';
                return (
                  <>
                    {chase && <Button size="small" onClick={() => setAction({ kind: 'chase', row })}>{t('assignment.chase')}</Button>}
                    {mine && (
                      <>
                        <Button size="small" onClick={() => setAction({ kind: 'progress', row })}>{t('assignment.progress')}</Button>
                        <Button size="small" onClick={() => setAction({ kind: 'extension', row })}>{t('assignment.extension')}</Button>
                      </>
                    )}
                  </>
                );
              },
            },
          ]} />
      )}
      {action && (
        <FormDialog formKey={ACTION_FORMS[action.kind]} title={`${codeLabel(t, 'assignment', action.kind)}：${action.row.title}`}
          endpoint={`/assigned-tasks/${action.row.instanceId}/tracks/${action.row.assignee.id}/${action.kind}`}
          onClose={(done) => { setAction(undefined); if (done) { setSent(true); tracks.reload(); } }} />
      )}
    </Paper>
  );
}
