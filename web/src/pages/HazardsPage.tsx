import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TablePagination from '@mui/material/TablePagination';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { queryString } from '../api';
import { MonthlyChart } from '../components/MonthlyChart';
import { ResponsiveList } from '../components/ResponsiveList';
import { Spinner } from '../components/Spinner';
import { codeLabel } from '../labels';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import type { Page } from '../types';
import { useApi } from '../useApi';

interface HazardRow {
  code: string;
  instanceId: string;
  reportedAt: string;
  place: string;
  category: string;
  level: string | null;
  suspectedLevel: string;
  status: string;
  responsible: { id: number; name: string } | null;
  deadline: string | null;
  overdueDays: number;
  rounds: number;
}

interface PeriodStats {
  /** 2026-03 (month) or 2026-Q1 (quarter). */
  key: string;
  reported: number;
  closed: number;
  onTimeRate: number | null;
  meanDaysToClose: number | null;
}

/** States in the order a hazard passes them; the open ones first. */
const STATES = ['assessing', 'notice', 'sign_off', 'rectifying', 'verifying', 'closed', 'dismissed'];
const OPEN = STATES.slice(0, 5);

function StateCount({ status, selected, onClick }: { status: string; selected: boolean; onClick(): void }) {
  const { t } = useSession();
  const count = useApi<Page<HazardRow>>(`/hazards${queryString({ status, size: 1 })}`, { everyMs: 30_000 });
  return (
    <Chip clickable onClick={onClick} color={selected ? 'primary' : OPEN.includes(status) ? 'default' : undefined}
      variant={selected ? 'filled' : 'outlined'} data-testid={`hazard-count-${status}`}
      label={`${codeLabel(t, 'hazardStatus', status)} ${count.data?.total ?? '…'}`} />
  );
}

/** The safety officer's board: hazards by state, overdue first, exports, and the year's monthly numbers. */
export default function HazardsPage() {
  const { t, formatDateTime } = useSession();
  const phone = usePhone();
  const [status, setStatus] = useState<string>('');
  const [level, setLevel] = useState<string>('');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const year = new Date().getFullYear();
  const filters = { status: status || OPEN.join(','), level: level || undefined, overdue: overdue ? 'true' : undefined };
  const hazards = useApi<Page<HazardRow>>(`/hazards${queryString({ ...filters, page, size: 50 })}`, { everyMs: 30_000 });
  const stats = useApi<{ items: PeriodStats[] }>(`/hazards/stats${queryString({ period: 'month', year })}`);
  const exportQuery = (format: string) => `/api/hazards${queryString({ ...filters, format })}`;
  const periods = stats.data?.items ?? [];
  const closedAll = periods.reduce((sum, p) => sum + p.closed, 0);
  const onTime = periods.reduce((sum, p) => sum + (p.onTimeRate ?? 0) * p.closed, 0);
  const meanDays = periods.reduce((sum, p) => sum + (p.meanDaysToClose ?? 0) * p.closed, 0);

  return (
    <Stack spacing={2}>
      <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }} spacing={{ xs: 1, sm: 2 }} useFlexGap>
          <Typography variant="h5" component="h1" sx={{ flexGrow: 1, width: { xs: '100%', sm: 'auto' } }}>{t('hazard.board')}</Typography>
          <Button variant="contained" component={RouterLink} to="/start/hazard">{t('hazard.report')}</Button>
          <Button href={exportQuery('xlsx')}>{t('hazard.export')}</Button>
          <Button href={exportQuery('csv')}>{t('hazard.exportCsv')}</Button>
        </Stack>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }}>
          {STATES.map((s) => (
            <StateCount key={s} status={s} selected={status === s} onClick={() => { setStatus(status === s ? '' : s); setPage(1); }} />
          ))}
        </Stack>
        <Stack direction="row" spacing={2} sx={{ mb: 1, alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <TextField size="small" select label={t('hazard.level')} value={level} sx={{ minWidth: 140 }}
            onChange={(e) => { setLevel(e.target.value); setPage(1); }}>
            <MenuItem value="">{t('hazard.allLevels')}</MenuItem>
            <MenuItem value="general">{t('level.general')}</MenuItem>
            <MenuItem value="major">{t('level.major')}</MenuItem>
          </TextField>
          <FormControlLabel label={t('hazard.overdueOnly')}
            control={<Checkbox checked={overdue} onChange={(e) => { setOverdue(e.target.checked); setPage(1); }} />} />
        </Stack>
        {hazards.error && <Alert severity="error">{hazards.error.message}</Alert>}
        {!hazards.data ? <Spinner /> : (
          <>
            <ResponsiveList testId="hazard-table" rowTestId="hazard-row" rows={hazards.data.items} rowKey={(h) => h.code}
              rowSx={(h) => (h.overdueDays > 0 && OPEN.includes(h.status) ? { bgcolor: '#fff1f0' } : undefined)} columns={[
                { head: 'hazard.code', card: 'title', cell: (h) => <Link component={RouterLink} to={`/instances/${h.instanceId}`}>{h.code}</Link> },
                { head: 'hazard.place', cell: (h) => h.place },
                { head: 'hazard.category', cell: (h) => codeLabel(t, 'category', h.category) },
                { head: 'hazard.level', cell: (h) => `${codeLabel(t, 'level', h.level ?? h.suspectedLevel)}${h.level ? '' : '?'}` },
                { head: 'hazard.status', card: 'aside', cell: (h) => (phone ? <Chip size="small" label={codeLabel(t, 'hazardStatus', h.status)} /> : codeLabel(t, 'hazardStatus', h.status)) },
                { head: 'hazard.responsible', cell: (h) => h.responsible?.name ?? '' },
                { head: 'hazard.deadline', cell: (h) => h.deadline ?? '' },
                { head: 'hazard.overdueDays', cell: (h) => (h.overdueDays > 0 ? <Chip size="small" color="error" label={h.overdueDays} /> : '') },
                { head: 'hazard.reportedAt', cell: (h) => formatDateTime(h.reportedAt) },
              ]} />
            {hazards.data.total === 0 && <Typography sx={{ p: 2 }} color="text.secondary">{t('hazard.empty')}</Typography>}
            <TablePagination component="div" count={hazards.data.total} page={page - 1} rowsPerPage={50}
              rowsPerPageOptions={[50]} onPageChange={(_, p) => setPage(p + 1)} />
          </>
        )}
      </Paper>
      <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
        <MonthlyChart title={t('hazard.monthly', { year })} periods={periods.map((p) => p.key)} series={[
          { label: t('hazard.reported'), color: '#1d5fa7', values: periods.map((p) => p.reported) },
          { label: t('hazard.closed'), color: '#2e7d32', values: periods.map((p) => p.closed) },
        ]} />
        <Typography variant="body2" sx={{ mt: 1 }}>
          {t('hazard.onTime')}: {closedAll ? `${Math.round((onTime / closedAll) * 100)}%` : '—'}
          {' · '}{t('hazard.meanDays')}: {closedAll ? (meanDays / closedAll).toFixed(1) : '—'}
        </Typography>
      </Paper>
    </Stack>
  );
}
