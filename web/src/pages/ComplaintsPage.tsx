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
import type { ComplaintItem, ComplaintPage } from '../../../api/service/serviceContract';
import { queryString } from '../api';
import { ResponsiveList } from '../components/ResponsiveList';
import { Spinner } from '../components/Spinner';
import { codeLabel } from '../labels';
import { useSession } from '../session';
import { useApi } from '../useApi';

const STATUSES = ['assigning', 'handling', 'revisiting', 'closed'];
const CATEGORIES = ['service', 'supply', 'price', 'quality', 'other'];

/** 投诉台账: a supervisor's team's complaints (the dept head's, leaders' and admins': all), open first, with exports. */
export default function ComplaintsPage() {
  const { t, formatDateTime } = useSession();
  const [status, setStatus] = useState('');
  const [category, setCategory] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const filters = { status: status || undefined, category: category || undefined, overdue: overdue ? 'true' : undefined };
  const complaints = useApi<ComplaintPage>(`/complaints${queryString({ ...filters, page, size: 50 })}`, { everyMs: 30_000 });
  const exportQuery = (format: string) => `/api/complaints${queryString({ ...filters, format })}`;
  const open = (c: ComplaintItem) => c.status !== 'closed' && c.status !== 'cancelled';

  return (
    <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }} spacing={{ xs: 1, sm: 2 }} useFlexGap>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1, width: { xs: '100%', sm: 'auto' } }}>{t('nav.complaints')}</Typography>
        <Button variant="contained" component={RouterLink} to="/start/complaint">{t('complaint.new')}</Button>
        <Button href={exportQuery('xlsx')}>{t('service.exportXlsx')}</Button>
        <Button href={exportQuery('csv')}>{t('service.exportCsv')}</Button>
      </Stack>
      <Stack direction="row" spacing={2} sx={{ mb: 1, alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <TextField size="small" select label={t('complaint.status')} value={status} sx={{ minWidth: 140 }}
          onChange={(e) => { setStatus(e.target.value); setPage(1); }}>
          <MenuItem value="">{t('complaint.allStatuses')}</MenuItem>
          {STATUSES.map((s) => <MenuItem key={s} value={s}>{codeLabel(t, 'complaintStatus', s)}</MenuItem>)}
        </TextField>
        <TextField size="small" select label={t('complaint.category')} value={category} sx={{ minWidth: 140 }}
          onChange={(e) => { setCategory(e.target.value); setPage(1); }}>
          <MenuItem value="">{t('complaint.allCategories')}</MenuItem>
          {CATEGORIES.map((c) => <MenuItem key={c} value={c}>{codeLabel(t, 'complaintCategory', c)}</MenuItem>)}
        </TextField>
        <FormControlLabel label={t('service.overdueOnly')}
          control={<Checkbox checked={overdue} onChange={(e) => { setOverdue(e.target.checked); setPage(1); }} />} />
      </Stack>
      {complaints.error && <Alert severity="error">{complaints.error.message}</Alert>}
      {!complaints.data ? <Spinner /> : (
        <>
          <ResponsiveList testId="complaint-table" rowTestId="complaint-row" rows={complaints.data.items} rowKey={(c) => c.code}
            rowSx={(c) => (c.overdue && open(c) ? { bgcolor: '#fff1f0' } : undefined)} columns={[
              { head: 'complaint.code', card: 'title', cell: (c) => <Link component={RouterLink} to={`/instances/${c.instanceId}`}>{c.code}</Link> },
              { head: 'complaint.status', card: 'aside', cell: (c) => <Chip size="small" color={open(c) ? 'primary' : 'default'} label={codeLabel(t, 'complaintStatus', c.status)} /> },
              { head: 'service.customer', cell: (c) => c.customer?.name ?? t('complaint.anonymous') },
              { head: 'complaint.category', cell: (c) => codeLabel(t, 'complaintCategory', c.category) },
              { head: 'complaint.urgency', cell: (c) => (c.urgency === 'urgent' ? <Chip size="small" color="warning" label={codeLabel(t, 'complaintUrgency', c.urgency)} /> : codeLabel(t, 'complaintUrgency', c.urgency)) },
              { head: 'complaint.handler', cell: (c) => c.handler?.name ?? '' },
              { head: 'complaint.satisfaction', cell: (c) => (c.satisfaction ? codeLabel(t, 'satisfaction', c.satisfaction) : '') },
              { head: 'complaint.rounds', cell: (c) => (c.rounds > 1 ? c.rounds : '') },
              { head: 'complaint.recordedAt', cell: (c) => formatDateTime(c.recordedAt) },
            ]} />
          {complaints.data.total === 0 && <Typography sx={{ p: 2 }} color="text.secondary">{t('complaint.empty')}</Typography>}
          <TablePagination component="div" count={complaints.data.total} page={page - 1} rowsPerPage={50}
            rowsPerPageOptions={[50]} onPageChange={(_, p) => setPage(p + 1)} />
        </>
      )}
    </Paper>
  );
}
