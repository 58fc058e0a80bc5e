import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { queryString } from '../api';
import { HeaderRow } from '../components/HeaderRow';
import { ProductChart } from '../components/ProductChart';
import { Spinner } from '../components/Spinner';
import { useSession, useUser } from '../session';
import { useApi } from '../useApi';

interface CycleRow {
  id: number;
  month: string;
  version: number;
  status: string;
  instanceId: string;
  availability: number;
  drafted: number;
  parts: number;
  partsApproved: number;
  publishedAt: string | null;
}

interface PlanProduct {
  productId: number;
  code: string;
  name: string;
  availability: number;
  drafted: number;
  allocated: number;
  adjustedLines: number;
  /** Cartons per customer of each tier, D1 first (twice as long when split by market: 城网 then 农网). */
  tiers: number[];
}

interface PlanPart {
  managerId: number;
  managerName: string;
  customers: number;
  status: string;
  round: number;
  adjustments: number;
  submittedAt: string | null;
  decidedAt: string | null;
  comment: string | null;
}

interface PlanDetail extends Omit<CycleRow, 'availability' | 'drafted' | 'parts' | 'partsApproved'> {
  totals: { availability: number; drafted: number; allocated: number };
  products: PlanProduct[];
  parts: PlanPart[];
}

/** D30 … D1, as the tiers are read on paper. */
const TIERS = Array.from({ length: 30 }, (_, i) => 30 - i);

/** A tier's cartons; with a market split, 城网/农网. */
function tierCell(tiers: number[], tier: number): string {
  const city = tiers[tier - 1] ?? 0;
  if (tiers.length <= 30) return String(city);
  return `${city}/${tiers[tier + 29] ?? 0}`;
}

const STATUS_COLORS: Record<string, 'default' | 'primary' | 'success' | 'warning' | 'error'> = {
  reviewing: 'primary', submitted: 'warning', approved: 'success', returned: 'error', published: 'success',
};

/** 货源投放 for the dept head, supervisors, leaders and admins: the cycles, one month's plan by product and tier, the managers' parts. */
export default function AllocationPage() {
  const { t, formatDateTime } = useSession();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const cycles = useApi<{ items: CycleRow[] }>('/allocation/cycles', { everyMs: 30_000 });
  const chosen = params.get('month');
  const selected = cycles.data?.items.find((c) => `${c.month}@${c.version}` === chosen) ?? cycles.data?.items[0];
  const plan = useApi<PlanDetail>(selected ? `/allocation/cycles/${selected.month}${queryString({ version: selected.version })}` : null, { everyMs: 30_000 });
  const detail = plan.data && selected && plan.data.month === selected.month && plan.data.version === selected.version ? plan.data : undefined;
  // The API exports a published (or superseded) plan to everyone who oversees it; one still in review only to the dept head and admins.
  const mayExport = !!detail && (['published', 'superseded'].includes(detail.status) || user.roles.some((r) => r === 'dept_head' || r === 'admin'));
  const exportUrl = (path: string, query: Record<string, string | number> = {}) =>
    detail ? `/api/allocation/cycles/${detail.month}/${path}${queryString({ ...query, version: detail.version })}` : '';

  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 3 }}>
        <Typography variant="h5" component="h1" sx={{ mb: 2 }}>{t('allocation.title')}</Typography>
        {cycles.error && <Alert severity="error">{cycles.error.message}</Alert>}
        {!cycles.data ? <Spinner /> : cycles.data.items.length === 0 ? <Typography color="text.secondary">{t('allocation.empty')}</Typography> : (
          <Table size="small" data-testid="cycle-table">
            <HeaderRow keys={['month', 'version', 'status', 'availability', 'drafted', 'partsApproved', 'instance'].map((k) => `allocation.${k}`)} />
            <TableBody>
              {cycles.data.items.map((c) => {
                const key = `${c.month}@${c.version}`;
                return (
                  <TableRow key={key} hover selected={c === selected} data-testid="cycle-row" sx={{ cursor: 'pointer' }}
                    onClick={() => setParams({ month: key })}>
                    <TableCell>{c.month}</TableCell>
                    <TableCell>{c.version}</TableCell>
                    <TableCell><Chip size="small" color={STATUS_COLORS[c.status] ?? 'default'} label={t(`planStatus.${c.status}`)} /></TableCell>
                    <TableCell>{c.availability}</TableCell>
                    <TableCell>{c.drafted}</TableCell>
                    <TableCell>{c.partsApproved}/{c.parts}</TableCell>
                    <TableCell><Link component={RouterLink} to={`/instances/${c.instanceId}`} onClick={(e) => e.stopPropagation()}>{t('allocation.instance')}</Link></TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </Paper>
      {selected && (plan.error ? <Alert severity="error">{plan.error.message}</Alert> : !detail ? <Spinner /> : (
        <>
          <Paper sx={{ p: 3 }} data-testid="plan-products">
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
              <Typography variant="h6" sx={{ flexGrow: 1 }}>{t('allocation.plan', { month: detail.month, version: detail.version })}</Typography>
              <Chip color={STATUS_COLORS[detail.status] ?? 'default'} label={t(`planStatus.${detail.status}`)} />
              {mayExport && <Button href={exportUrl('export')} data-testid="plan-export">{t('allocation.export')}</Button>}
              {mayExport && <Button href={exportUrl('summary.xlsx')}>{t('allocation.exportSummary')}</Button>}
            </Stack>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {t('allocation.availability')} {detail.totals.availability} · {t('allocation.drafted')} {detail.totals.drafted} · {t('allocation.allocated')} {detail.totals.allocated}
            </Typography>
            <Typography variant="subtitle2" color="text.secondary">{t('allocation.byProduct')}</Typography>
            <Box sx={{ overflowX: 'auto', maxHeight: 560 }}>
              <Table size="small" stickyHeader sx={{ '& td, & th': { px: 0.75, whiteSpace: 'nowrap' } }}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('allocation.product')}</TableCell>
                    <TableCell>{t('allocation.productName')}</TableCell>
                    <TableCell align="right">{t('allocation.availability')}</TableCell>
                    <TableCell align="right">{t('allocation.drafted')}</TableCell>
                    <TableCell align="right">{t('allocation.allocated')}</TableCell>
                    <TableCell align="right">{t('allocation.adjustedLines')}</TableCell>
                    {TIERS.map((tier) => <TableCell key={tier} align="right">D{tier}</TableCell>)}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {detail.products.map((p) => (
                    <TableRow key={p.productId} hover data-testid="plan-product">
                      <TableCell>{p.code}</TableCell>
                      <TableCell>{p.name}</TableCell>
                      <TableCell align="right">{p.availability}</TableCell>
                      <TableCell align="right">{p.drafted}</TableCell>
                      <TableCell align="right" sx={p.allocated > p.availability ? { color: 'error.main' } : undefined}>{p.allocated}</TableCell>
                      <TableCell align="right">{p.adjustedLines || ''}</TableCell>
                      {TIERS.map((tier) => <TableCell key={tier} align="right">{tierCell(p.tiers, tier)}</TableCell>)}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          </Paper>
          <Paper sx={{ p: 3 }}>
            <ProductChart title={t('allocation.chart')} labels={detail.products.map((p) => p.code)} series={[
              { label: t('allocation.availability'), color: '#90caf9', values: detail.products.map((p) => p.availability) },
              { label: t('allocation.allocated'), color: '#1d5fa7', values: detail.products.map((p) => p.allocated) },
            ]} />
          </Paper>
          <Paper sx={{ p: 3 }}>
            <Typography variant="h6" sx={{ mb: 1 }}>{t('allocation.parts')}</Typography>
            <Table size="small" data-testid="plan-parts">
              <HeaderRow keys={['manager', 'customers', 'status', 'round', 'adjustments', 'submittedAt', 'decidedAt', 'comment', 'exportColumn'].map((k) => `allocation.${k}`)} />
              <TableBody>
                {detail.parts.map((p) => (
                  <TableRow key={p.managerId} data-testid="plan-part">
                    <TableCell>{p.managerName}</TableCell>
                    <TableCell>{p.customers}</TableCell>
                    <TableCell><Chip size="small" color={STATUS_COLORS[p.status] ?? 'default'} label={t(`partStatus.${p.status}`)} /></TableCell>
                    <TableCell>{p.round}</TableCell>
                    <TableCell>{p.adjustments}</TableCell>
                    <TableCell>{formatDateTime(p.submittedAt)}</TableCell>
                    <TableCell>{formatDateTime(p.decidedAt)}</TableCell>
                    <TableCell>{p.comment ?? ''}</TableCell>
                    <TableCell>{mayExport && <Link href={exportUrl('export', { scope: 'manager', managerId: p.managerId })}>{t('allocation.exportPart')}</Link>}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
        </>
      ))}
    </Stack>
  );
}
