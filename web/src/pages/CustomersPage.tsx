import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import TablePagination from '@mui/material/TablePagination';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { Spinner } from '../components/Spinner';
import { queryString } from '../api';
import { codeLabel } from '../labels';
import { ResponsiveList } from '../components/ResponsiveList';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import type { Customer, Page } from '../types';
import { useApi } from '../useApi';
import { useUserName } from '../users';

/** The customers this user may see (own, their managers', or all), searchable. */
export default function CustomersPage() {
  const { t } = useSession();
  const userName = useUserName();
  const phone = usePhone();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  useEffect(() => {
    const timer = setTimeout(() => { setQ(text.trim()); setPage(1); }, 300);
    return () => clearTimeout(timer);
  }, [text]);
  const customers = useApi<Page<Customer>>(`/customers${queryString({ q, page, size: 50 })}`);
  return (
    <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Typography variant="h5" component="h1">{t('customer.list')}</Typography>
      <TextField size="small" sx={{ my: 2, minWidth: { sm: 300 } }} fullWidth={phone} label={t('customer.search')} value={text} onChange={(e) => setText(e.target.value)} />
      {customers.error && <Alert severity="error">{customers.error.message}</Alert>}
      {!customers.data ? <Spinner /> : (
        <>
          <ResponsiveList rows={customers.data.items} rowKey={(c) => c.id} rowTestId="customer-row" columns={[
            { head: 'customer.code', cell: (c) => c.code },
            { head: 'customer.name', card: 'title', cell: (c) => <Link component={RouterLink} to={`/customers/${c.id}`}>{c.name}</Link> },
            { head: 'customer.tier', card: 'aside', cell: (c) => (phone ? <Chip size="small" label={c.tierLabel} /> : c.tierLabel) },
            { head: 'customer.marketType', cell: (c) => codeLabel(t, 'market', c.marketType) },
            { head: 'customer.businessType', cell: (c) => codeLabel(t, 'business', c.businessType) },
            { head: 'customer.manager', cell: (c) => userName(c.managerId) },
          ]} />
          <TablePagination component="div" count={customers.data.total} page={page - 1} rowsPerPage={50}
            rowsPerPageOptions={[50]} onPageChange={(_, p) => setPage(p + 1)} />
        </>
      )}
    </Paper>
  );
}
