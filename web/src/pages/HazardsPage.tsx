import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { queryString } from '../api';
import { MonthlyChart } from '../components/MonthlyChart';
import { Spinner } from '../components/Spinner';
import { codeLabel } from '../labels';
import { HeaderRow } from '../components/HeaderRow';
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
      label={`${t(`hazardStatus.${status}`)} ${count.data?.total ?? '…'}`} />
  );
}

/** The safety officer's board: hazards by state, overdue first, exports, and the year's monthly numbers. */
export default function HazardsPage() {
  const { t, formatDateTime } = useSession();
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
      <Paper sx={{ p: 3 }}>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 2 }} spacing={2}>
          <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>{t('hazard.board')}</Typography>
          <Button variant="contained" component={RouterLink} to="/start/hazard">{t('hazard.report')}</Button>
          <Button href={exportQuery('xlsx')}>{t('hazard.export')}</Button>
          <Button href={exportQuery('csv')}>{t('hazard.exportCsv')}</Button>
        </Stack>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }}>
          {STATES.map((s) => (
            <StateCount key={s} status={s} selected={status === s} onClick={() => { setStatus(status === s ? '' : s); setPage(1); }} />
          ))}
        </Stack>
        <Stack direction="row" spacing={2} sx={{ mb: 1, alignItems: 'center' }}>
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
            <Table size="small" data-testid="hazard-table">
              <HeaderRow keys={['code', 'place', 'category', 'level', 'status', 'responsible', 'deadline', 'overdueDays', 'reportedAt'].map((col) => `hazard.${col}`)} />
              <TableBody>
                {hazards.data.items.map((h) => (
                  <TableRow key={h.code} hover data-testid="hazard-row" sx={h.overdueDays > 0 && OPEN.includes(h.status) ? { bgcolor: '#fff1f0' } : undefined}>
                    <TableCell><Link component={RouterLink} to={`/instances/${h.instanceId}`}>{h.code}</Link></TableCell>
                    <TableCell>{h.place}</TableCell>
                    <TableCell>{codeLabel(t, 'category', h.category)}</TableCell>
                    <TableCell>{codeLabel(t, 'level', h.level ?? h.suspectedLevel)}{h.level ? '' : '?'}</TableCell>
                    <TableCell>{t(`hazardStatus.${h.status}`)}</TableCell>
                    <TableCell>{h.responsible?.name ?? ''}</TableCell>
                    <TableCell>{h.deadline ?? ''}</TableCell>
                    <TableCell>{h.overdueDays > 0 ? <Chip size="small" color="error" label={h.overdueDays} /> : ''}</TableCell>
                    <TableCell>{formatDateTime(h.reportedAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {hazards.data.total === 0 && <Typography sx={{ p: 2 }} color="text.secondary">{t('hazard.empty')}</Typography>}
            <TablePagination component="div" count={hazards.data.total} page={page - 1} rowsPerPage={50}
              rowsPerPageOptions={[50]} onPageChange={(_, p) => setPage(p + 1)} />
          </>
        )}
      </Paper>
      <Paper sx={{ p: 3 }}>
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
