import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import TablePagination from '@mui/material/TablePagination';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Spinner } from '../components/Spinner';
import { queryString } from '../api';
import { InstanceTable } from '../components/InstanceTable';
import { useSession } from '../session';
import type { Instance, Page } from '../types';
import { useApi } from '../useApi';

/** Processes I started, take part in, or oversee; newest first. */
export default function InstancesPage() {
  const { t } = useSession();
  const [page, setPage] = useState(1);
  const instances = useApi<Page<Instance>>(`/instances${queryString({ page, size: 20 })}`);
  return (
    <Paper sx={{ p: 3 }}>
      <Typography variant="h5" component="h1">{t('instance.list')}</Typography>
      {instances.error && <Alert severity="error">{instances.error.message}</Alert>}
      {!instances.data ? <Spinner /> : (
        <>
          <InstanceTable instances={instances.data.items} />
          {instances.data.total === 0 && <Typography sx={{ p: 2 }} color="text.secondary">{t('instance.empty')}</Typography>}
          <TablePagination component="div" count={instances.data.total} page={page - 1} rowsPerPage={20}
            rowsPerPageOptions={[20]} onPageChange={(_, p) => setPage(p + 1)} />
        </>
      )}
    </Paper>
  );
}
