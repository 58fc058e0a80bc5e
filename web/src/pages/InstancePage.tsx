import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { Spinner } from '../components/Spinner';
import { CommentThread } from '../components/CommentThread';
import { ChaseDialog } from '../components/ChaseDialog';
import { api, ApiError, newRequestId } from '../api';
import { FlowToast, type FlowState } from '../components/FlowToast';
import { HazardFacts } from '../components/HazardFacts';
import { RecordList } from '../components/RecordList';
import { ResponsiveList } from '../components/ResponsiveList';
import { StatusChip } from '../components/StatusChip';
import { Timeline } from '../components/Timeline';
import { codeLabel, stepLabel } from '../labels';
import { useSession, useUser } from '../session';
import type { ChaseResult, InstanceDetail, WithdrawBody } from '../types';
import { useApi } from '../useApi';
import { useUserName } from '../users';

/** While the process runs, its page follows it (new tasks, decisions) without a reload. */
const FOLLOW_WHILE_RUNNING = { everyMs: 3000, while: (i: InstanceDetail) => i.status === 'running' || i.status === 'starting' };

/** Link to the same workflow in the Temporal Web UI, when the API knows where that UI is. */
function temporalLink(config: { temporalUiUrl: string | null; namespace: string } | undefined, workflowId: string) {
  if (!config?.temporalUiUrl) return undefined;
  return `${config.temporalUiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(config.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/** One process instance: state, open tasks with assignees and due dates, records and timeline. */
export default function InstancePage() {
  const { id = '' } = useParams();
  const { t, formatDateTime } = useSession();
  const user = useUser();
  const userName = useUserName();
  const instance = useApi<InstanceDetail>(`/instances/${id}`, FOLLOW_WHILE_RUNNING);
  const config = useApi<{ temporalUiUrl: string | null; namespace: string }>(user.roles.includes('admin') ? '/config' : null);
  const [error, setError] = useState<string>();
  const [chasing, setChasing] = useState(false);
  const navigate = useNavigate();
  const requestId = useRef(newRequestId());

  if (instance.error) return <Alert severity="error">{instance.error.message}</Alert>;
  if (!instance.data) return <Spinner />;
  const current = instance.data;
  const openTasks = current.tasks.filter((task) => task.status === 'open');
  const running = current.status === 'running' || current.status === 'starting';
  // The starter may 催办 a step waiting with someone else (not their own revision).
  const heldByOthers = openTasks.some((task) => (task.claimedBy ?? task.assigneeId) !== null
    ? (task.claimedBy ?? task.assigneeId) !== user.id : task.candidateRoles.length > 0);
  const mayChase = running && current.startedBy === user.id && heldByOthers;
  const chased = (result: ChaseResult) => {
    setChasing(false);
    const names = [...new Set(result.chased.flatMap((c) => c.userIds))].map((userId) => userName(userId)).join('、');
    void navigate('.', { replace: true, state: { toast: t('instance.chase.done', { name: names }) } satisfies FlowState });
    instance.reload();
  };
  // The Temporal Web UI is an operator's tool: admins only.
  const temporalUrl = user.roles.includes('admin') ? temporalLink(config.data, current.workflowId ?? current.id) : undefined;

  const withdraw = async () => {
    try {
      await api(`/instances/${id}/withdraw`, { body: { requestId: requestId.current } satisfies WithdrawBody });
      instance.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.error'));
    }
  };

  return (
    <Grid container spacing={2}>
      <FlowToast />
      {chasing && <ChaseDialog endpoint={`/instances/${current.id}/chase`} title={t('instance.chase.title')} onClose={() => setChasing(false)} onDone={chased} />}
      <Grid size={{ xs: 12, md: 7 }}>
        <Paper sx={{ p: { xs: 2, sm: 3 } }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
            <Typography variant="h5" component="h1">{current.title}</Typography>
            <StatusChip status={current.status} />
          </Stack>
          <Typography color="text.secondary" sx={{ mt: 1 }}>
            {codeLabel(t, 'process', current.processKey)} · {t('instance.startedBy')} {userName(current.startedBy)} · {formatDateTime(current.startedAt)}
            {current.currentStep && ` · ${t('instance.step')}：${stepLabel(t, current.currentStep)}`}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }} useFlexGap>
            {temporalUrl && <Button size="small" href={temporalUrl} target="_blank" rel="noreferrer">{t('instance.temporal')}</Button>}
            {mayChase && (
              <Button size="small" variant="outlined" onClick={() => setChasing(true)} sx={{ minHeight: 44 }} data-testid="chase">{t('instance.chase')}</Button>
            )}
            {running && current.startedBy === user.id && (
              <Button size="small" color="warning" onClick={() => void withdraw()}>{t('instance.withdraw')}</Button>
            )}
          </Stack>
          {error && <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert>}
          {current.processKey === 'hazard' && typeof current.summary.code === 'string' && <HazardFacts code={current.summary.code} />}
          <Typography variant="h6" sx={{ mt: 3 }}>{t('instance.openTasks')}</Typography>
          {openTasks.length === 0 ? <Typography color="text.secondary">{t('instance.noOpenTasks')}</Typography> : (
            <ResponsiveList testId="open-tasks" rows={openTasks} rowKey={(task) => task.id} columns={[
              { head: 'inbox.col.task', card: 'title', cell: (task) => <Link component={RouterLink} to={`/tasks/${task.id}`}>{stepLabel(t, task.name)}</Link> },
              {
                head: 'inbox.col.assignee',
                cell: (task) => (task.claimedBy ?? task.assigneeId
                  ? userName(task.claimedBy ?? task.assigneeId)
                  : task.candidateRoles.map((r) => codeLabel(t, 'role', r)).join('、')),
              },
              { head: 'inbox.col.due', cell: (task) => formatDateTime(task.dueAt) },
            ]} />
          )}
          <Typography variant="h6" sx={{ mt: 3 }}>{t('instance.records')}</Typography>
          <RecordList instance={current} />
        </Paper>
      </Grid>
      <Grid size={{ xs: 12, md: 5 }}>
        <Paper sx={{ p: 2 }}>
          <Typography variant="h6">{t('instance.timeline')}</Typography>
          <Timeline instance={current} />
        </Paper>
        <CommentThread instance={current} />
      </Grid>
    </Grid>
  );
}
