import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { queryString } from '../api';
import { FileImportButton, FileImportStatus, useFileImport } from '../components/FileImportButton';
import { ResponsiveList } from '../components/ResponsiveList';
import { Spinner } from '../components/Spinner';
import { useSession, useUser } from '../session';
import { useApi } from '../useApi';

interface AvailabilityItem {
  code: string;
  name: string;
  brand: string;
  priceClassLabel: string;
  price: number;
  cartons: number;
}

/** Roles that import the product list and the month's availability (others only read). */
const IMPORTERS = ['admin', 'dept_head'];

function nextMonth(): string {
  const [year, month] = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7).split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** One import button: the chosen file goes to the API as it is; every refused row is listed. */
function ImportButton({ label, path, onDone }: { label: string; path: string; onDone(message: string): void }) {
  const { t } = useSession();
  const { busy, errors, choose } = useFileImport<{ imported: number; created: number; updated: number }>(path, (result) =>
    onDone(t('products.imported', { imported: result.imported, created: result.created, updated: result.updated })));
  return (
    <Stack spacing={1}>
      <FileImportButton label={label} busy={busy} choose={choose} testId={`import-${path}`} />
      <FileImportStatus busy={busy} errors={errors} title={t('products.refused')} />
    </Stack>
  );
}

/** 规格与可供量: a month's availability per product, and (for the dept head and admins) the two imports. */
export default function ProductsPage() {
  const { t } = useSession();
  const user = useUser();
  const [month, setMonth] = useState(nextMonth);
  const [done, setDone] = useState<string>();
  const availability = useApi<{ month: string; items: AvailabilityItem[]; totalCartons: number }>(`/allocation/availability${queryString({ month })}`);
  const mayImport = user.roles.some((r) => IMPORTERS.includes(r));
  const finished = (message: string) => {
    setDone(message);
    availability.reload();
  };
  return (
    <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Typography variant="h5" component="h1">{t('products.title')}</Typography>
      <Stack direction="row" spacing={2} sx={{ my: 2, alignItems: 'flex-start', flexWrap: 'wrap' }} useFlexGap>
        <TextField size="small" type="month" label={t('products.month')} value={month} onChange={(e) => setMonth(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }} />
        {mayImport && <ImportButton label={t('products.importProducts')} path="/products/import" onDone={finished} />}
        {mayImport && <ImportButton label={t('products.importAvailability', { month })} path={`/allocation/availability/import?month=${month}`} onDone={finished} />}
      </Stack>
      {mayImport && <Typography variant="caption" color="text.secondary" display="block" sx={{ mb: 1 }}>{t('products.hint')}</Typography>}
      {done && <Alert severity="success" onClose={() => setDone(undefined)} sx={{ mb: 1 }}>{done}</Alert>}
      {availability.error && <Alert severity="error">{availability.error.message}</Alert>}
      {!availability.data ? <Spinner /> : (
        <>
          <Typography variant="body2" sx={{ mb: 1 }}>{t('products.total', { count: availability.data.items.length, cartons: availability.data.totalCartons.toLocaleString() })}</Typography>
          <ResponsiveList testId="availability-table" rows={availability.data.items} rowKey={(item) => item.code} columns={[
            { head: 'products.code', cell: (item) => item.code },
            { head: 'products.name', card: 'title', cell: (item) => item.name },
            { head: 'products.brand', cell: (item) => item.brand },
            { head: 'products.priceClass', cell: (item) => item.priceClassLabel },
            { head: 'products.price', cell: (item) => item.price.toFixed(2) },
            { head: 'products.cartons', cell: (item) => item.cartons.toLocaleString() },
          ]} />
        </>
      )}
    </Paper>
  );
}
