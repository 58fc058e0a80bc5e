import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, useParams } from 'react-router';
import { Spinner } from '../components/Spinner';
import { CustomerTimeline } from '../components/CustomerTimeline';
import { InstanceTable } from '../components/InstanceTable';
import { codeLabel, tierLabel } from '../labels';
import { ResponsiveList } from '../components/ResponsiveList';
import { useSession, useUser } from '../session';
import type { CustomerDetail, Instance, Page } from '../types';
import { useApi } from '../useApi';
import { useUserName } from '../users';

/** A customer: profile, tier and tier history, and the processes about the customer. */
export default function CustomerPage() {
  const { id = '' } = useParams();
  const { t, formatDateTime } = useSession();
  const user = useUser();
  const userName = useUserName();
  const customer = useApi<CustomerDetail>(`/customers/${id}`);
  const instances = useApi<Page<Instance>>(`/instances?customerId=${encodeURIComponent(id)}&size=50`);
  if (customer.error) return <Alert severity="error">{customer.error.message}</Alert>;
  if (!customer.data) return <Spinner />;
  const c = customer.data;
  const facts: [string, string][] = [
    [t('customer.code'), c.code],
    [t('customer.tier'), tierLabel(c.tier)],
    [t('customer.marketType'), codeLabel(t, 'market', c.marketType)],
    [t('customer.businessType'), codeLabel(t, 'business', c.businessType)],
    [t('customer.manager'), userName(c.managerId)],
    [t('customer.address'), c.address ?? ''],
  ];
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 5 }}>
        <Paper sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography variant="h5" component="h1">{c.name}</Typography>
          <Table size="small" sx={{ mt: 2 }}>
            <TableBody>
              {facts.map(([label, value]) => (
                <TableRow key={label}>
                  <TableCell component="th" sx={{ width: { xs: 96, sm: 120 }, color: 'text.secondary' }}>{label}</TableCell>
                  <TableCell data-testid={label === t('customer.tier') ? 'customer-tier' : undefined}>{value}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {c.managerId === user.id && (
            <Button variant="contained" sx={{ mt: 2, width: { xs: '100%', sm: 'auto' } }} component={RouterLink} to={`/start/regrade?customerId=${c.id}`}>
              {t('customer.regrade')}
            </Button>
          )}
          {/* A request or a complaint is recorded by anyone on the customer's behalf (the API's own rule). */}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mt: 1 }}>
            <Button variant="outlined" component={RouterLink} to={`/start/service-request?customerId=${c.id}`}>{t('visit.new')}</Button>
            <Button variant="outlined" component={RouterLink} to={`/start/complaint?customerId=${c.id}`}>{t('complaint.new')}</Button>
          </Stack>
        </Paper>
      </Grid>
      <Grid size={{ xs: 12, md: 7 }}>
        <Stack spacing={2}>
          <Paper sx={{ p: { xs: 2, sm: 3 } }}>
            <Typography variant="h6">{t('customer360.title')}</Typography>
            <CustomerTimeline customerId={c.id} />
          </Paper>
          <Paper sx={{ p: { xs: 2, sm: 3 } }}>
            <Typography variant="h6">{t('customer.history')}</Typography>
            {c.tierHistory.length === 0 ? <Typography color="text.secondary">{t('customer.noHistory')}</Typography> : (
              <ResponsiveList testId="tier-history" rows={c.tierHistory} rowKey={(h) => `${h.changedAt}-${h.toTier}`} columns={[
                { head: 'customer.from', cell: (h) => tierLabel(h.fromTier) },
                { head: 'customer.to', cell: (h) => tierLabel(h.toTier) },
                { head: 'customer.effective', cell: (h) => h.effectiveFrom.slice(0, 7) },
                { head: 'customer.decidedBy', cell: (h) => userName(h.decidedBy) },
                { head: 'common.at', cell: (h) => formatDateTime(h.changedAt) },
              ]} />
            )}
          </Paper>
          <Paper sx={{ p: { xs: 2, sm: 3 } }}>
            <Typography variant="h6">{t('customer.processes')}</Typography>
            {instances.data?.items.length ? <InstanceTable instances={instances.data.items} />
              : <Typography color="text.secondary">{t('customer.noProcesses')}</Typography>}
          </Paper>
        </Stack>
      </Grid>
    </Grid>
  );
}
