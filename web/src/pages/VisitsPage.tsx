import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TablePagination from '@mui/material/TablePagination';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import type { VisitPage } from '../../../api/service/serviceContract';
import { queryString } from '../api';
import { ResponsiveList } from '../components/ResponsiveList';
import { Spinner } from '../components/Spinner';
import { VisitDayList } from '../components/VisitDayList';
import { useSession, useUser } from '../session';
import { useApi } from '../useApi';

/**
 * 拜访记录: a customer manager's 今日拜访 (planned visits to make, in route order) above the visits made — their own
 * (a supervisor's team's, the managing roles' all), newest first, with exports.
 */
export default function VisitsPage() {
  const { t, formatDateTime } = useSession();
  const user = useUser();
  const [late, setLate] = useState(false);
  const [page, setPage] = useState(1);
  const filters = { late: late ? 'true' : undefined };
  const visits = useApi<VisitPage>(`/visits${queryString({ ...filters, page, size: 50 })}`, { everyMs: 30_000 });
  const exportQuery = (format: string) => `/api/visits${queryString({ ...filters, format })}`;

  return (
    <Stack spacing={2}>
      {user.roles.includes('customer_manager') && <VisitDayList />}
      <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }} spacing={{ xs: 1, sm: 2 }} useFlexGap>
          <Typography variant="h5" component="h1" sx={{ flexGrow: 1, width: { xs: '100%', sm: 'auto' } }}>{t('nav.visits')}</Typography>
          <Button variant="contained" component={RouterLink} to="/start/service-request">{t('visit.new')}</Button>
          <Button component={RouterLink} to="/service-report">{t('report.title')}</Button>
          <Button href={exportQuery('xlsx')}>{t('service.exportXlsx')}</Button>
          <Button href={exportQuery('csv')}>{t('service.exportCsv')}</Button>
        </Stack>
        <FormControlLabel label={t('service.overdueOnly')}
          control={<Checkbox checked={late} onChange={(e) => { setLate(e.target.checked); setPage(1); }} />} />
        {visits.error && <Alert severity="error">{visits.error.message}</Alert>}
        {!visits.data ? <Spinner /> : (
          <>
            <ResponsiveList testId="visit-table" rowTestId="visit-row" rows={visits.data.items} rowKey={(v) => v.recordId} columns={[
              { head: 'service.customer', card: 'title', cell: (v) => <Link component={RouterLink} to={`/instances/${v.instanceId}`}>{v.customer.name}</Link> },
              {
                head: 'visit.timeliness', card: 'aside',
                cell: (v) => <Chip size="small" color={v.lateMinutes > 0 ? 'error' : 'success'}
                  label={v.lateMinutes > 0 ? t('service.late', { minutes: v.lateMinutes }) : t('service.onTime')} />,
              },
              { head: 'visit.arrivedAt', cell: (v) => formatDateTime(v.arrivedAt) },
              { head: 'visit.source', cell: (v) => t(`visitSource.${v.source}`) },
              { head: 'service.manager', cell: (v) => v.manager.name },
              { head: 'visit.checked', cell: (v) => v.checked },
              { head: 'visit.analysis', cell: (v) => v.analysis },
              { head: 'visit.photoCount', cell: (v) => (v.photoCount ? t('visit.photos', { count: v.photoCount }) : '') },
            ]} />
            {visits.data.total === 0 && <Typography sx={{ p: 2 }} color="text.secondary">{t('visit.empty')}</Typography>}
            <TablePagination component="div" count={visits.data.total} page={page - 1} rowsPerPage={50}
              rowsPerPageOptions={[50]} onPageChange={(_, p) => setPage(p + 1)} />
          </>
        )}
      </Paper>
    </Stack>
  );
}
