import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { Spinner } from '../components/Spinner';
import { queryString } from '../api';
import { codeLabel } from '../labels';
import { HeaderRow } from '../components/HeaderRow';
import { useSession } from '../session';
import type { Customer, Page } from '../types';
import { useApi } from '../useApi';
import { useUserName } from '../users';

/** The customers this user may see (own, their managers', or all), searchable. */
export default function CustomersPage() {
  const { t } = useSession();
  const userName = useUserName();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  useEffect(() => {
    const timer = setTimeout(() => { setQ(text.trim()); setPage(1); }, 300);
    return () => clearTimeout(timer);
  }, [text]);
  const customers = useApi<Page<Customer>>(`/customers${queryString({ q, page, size: 50 })}`);
  return (
    <Paper sx={{ p: 3 }}>
      <Typography variant="h5" component="h1">{t('customer.list')}</Typography>
      <TextField size="small" sx={{ my: 2, minWidth: 300 }} label={t('customer.search')} value={text} onChange={(e) => setText(e.target.value)} />
      {customers.error && <Alert severity="error">{customers.error.message}</Alert>}
      {!customers.data ? <Spinner /> : (
        <>
          <Table size="small">
            <HeaderRow keys={['customer.code', 'customer.name', 'customer.tier', 'customer.marketType', 'customer.businessType', 'customer.manager']} />
            <TableBody>
              {customers.data.items.map((c) => (
                <TableRow key={c.id} hover data-testid="customer-row">
                  <TableCell>{c.code}</TableCell>
                  <TableCell><Link component={RouterLink} to={`/customers/${c.id}`}>{c.name}</Link></TableCell>
                  <TableCell>{c.tierLabel}</TableCell>
                  <TableCell>{codeLabel(t, 'market', c.marketType)}</TableCell>
                  <TableCell>{codeLabel(t, 'business', c.businessType)}</TableCell>
                  <TableCell>{userName(c.managerId)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <TablePagination component="div" count={customers.data.total} page={page - 1} rowsPerPage={50}
            rowsPerPageOptions={[50]} onPageChange={(_, p) => setPage(p + 1)} />
        </>
      )}
    </Paper>
  );
}
