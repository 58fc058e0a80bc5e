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
import { useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { queryString } from '../api';
import { StartCycleButton } from '../allocation/StartCycleButton';
import { ChaseDialog } from '../components/ChaseDialog';
import { ResponsiveList } from '../components/ResponsiveList';
import { AllocationTabs } from '../components/AllocationTabs';
import { ProductChart } from '../components/ProductChart';
import { Spinner } from '../components/Spinner';
import { usePhone } from '../responsive';
import { useSession, useUser } from '../session';
import { useApi } from '../useApi';
import { codeLabel } from '../labels';
import type { ProcessEntry } from '../types';

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
  lastChasedAt: string | null;
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

/** A product's strategy as the month's strategy list has it: the one-liner that drafted it (issue 18). */
interface StrategyRow { productId: number; drafted: { text: string | null; changed: boolean } | null }

const STATUS_COLORS: Record<string, 'default' | 'primary' | 'success' | 'warning' | 'error'> = {
  reviewing: 'primary', submitted: 'warning', approved: 'success', returned: 'error', published: 'success',
};

/** 货源投放 for the dept head, supervisors, leaders and admins: the cycles, one month's plan by product and tier, the managers' parts. */
export default function AllocationPage() {
  const { t, formatDateTime } = useSession();
  const user = useUser();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  // Just started: follow the list closely until the month's drafted plan is in it.
  const [started, setStarted] = useState<{ month: string; instanceId: string }>();
  const [chasing, setChasing] = useState<PlanPart>();
  const [chased, setChased] = useState<string>();
  const cycles = useApi<{ items: CycleRow[] }>('/allocation/cycles', { everyMs: started ? 2_000 : 30_000 });
  const processes = useApi<{ items: ProcessEntry[] }>('/processes');
  const mayStart = !!processes.data?.items.some((p) => p.key === 'allocation-cycle');
  const startedShown = started && !cycles.data?.items.some((c) => c.month === started.month) ? started : undefined;
  const chosen = params.get('month');
  const selected = cycles.data?.items.find((c) => `${c.month}@${c.version}` === chosen) ?? cycles.data?.items[0];
  const plan = useApi<PlanDetail>(selected ? `/allocation/cycles/${selected.month}${queryString({ version: selected.version })}` : null, { everyMs: 30_000 });
  const detail = plan.data && selected && plan.data.month === selected.month && plan.data.version === selected.version ? plan.data : undefined;
  const strategies = useApi<{ items: StrategyRow[] }>(selected ? `/allocation/months/${selected.month}/strategies` : null);
  const strategyOf = new Map((strategies.data?.items ?? []).map((s) => [s.productId, s.drafted]));
  // The API exports a published (or superseded) plan to everyone who oversees it; one still in review only to the dept head and admins.
  const mayExport = !!detail && (['published', 'superseded'].includes(detail.status) || user.roles.some((r) => r === 'dept_head' || r === 'admin'));
  const exportUrl = (path: string, query: Record<string, string | number> = {}) =>
    detail ? `/api/allocation/cycles/${detail.month}/${path}${queryString({ ...query, version: detail.version })}` : '';
  // The dept head 催办 a manager whose part still waits for their review (the API allows one an hour per review).
  const mayChase = (part: PlanPart) => user.roles.includes('dept_head') && !!detail && ['draft', 'reviewing'].includes(detail.status) && part.status === 'reviewing';
  const onChased = () => {
    setChased(t('allocation.chased', { name: chasing?.managerName ?? '' }));
    setChasing(undefined);
    plan.reload();
  };

  return (
    <Stack spacing={2}>
      <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
        <AllocationTabs {...(selected ? { month: selected.month } : {})} />
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }} useFlexGap>
          <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>{t('allocation.title')}</Typography>
          {mayStart && !!cycles.data?.items.length && <StartCycleButton whenNone="hide" onStarted={(month, instanceId) => setStarted({ month, instanceId })} />}
        </Stack>
        {cycles.error && <Alert severity="error">{cycles.error.message}</Alert>}
        {startedShown && (
          <Alert severity="success" sx={{ mb: 1 }} data-testid="cycle-started">
            {t('allocation.started', { month: startedShown.month })} <Link component={RouterLink} to={`/instances/${startedShown.instanceId}`}>{t('allocation.instance')}</Link>
          </Alert>
        )}
        {!cycles.data ? <Spinner /> : cycles.data.items.length === 0 ? (
          <Stack spacing={2} sx={{ alignItems: 'flex-start' }} data-testid="allocation-empty">
            <Typography color="text.secondary">{t('allocation.empty')}</Typography>
            {mayStart && !startedShown && <StartCycleButton whenNone="explain" onStarted={(month, instanceId) => setStarted({ month, instanceId })} />}
          </Stack>
        ) : (
          <ResponsiveList testId="cycle-table" rowTestId="cycle-row" rows={cycles.data.items} rowKey={(c) => `${c.month}@${c.version}`}
            selected={(c) => c === selected} onRowClick={(c) => setParams({ month: `${c.month}@${c.version}` })} columns={[
              { head: 'allocation.month', card: 'title', cell: (c) => (phone ? t('allocation.cycleTitle', { month: c.month, version: c.version }) : c.month) },
              { head: 'allocation.version', card: 'hide', cell: (c) => c.version },
              { head: 'allocation.status', card: 'aside', cell: (c) => <Chip size="small" color={STATUS_COLORS[c.status] ?? 'default'} label={codeLabel(t, 'planStatus', c.status)} /> },
              { head: 'allocation.availability', cell: (c) => c.availability },
              { head: 'allocation.drafted', cell: (c) => c.drafted },
              { head: 'allocation.partsApproved', cell: (c) => `${c.partsApproved}/${c.parts}` },
              { head: 'allocation.instance', cell: (c) => <Link component={RouterLink} to={`/instances/${c.instanceId}`}>{t('allocation.instance')}</Link> },
            ]} />
        )}
      </Paper>
      {selected && (plan.error ? <Alert severity="error">{plan.error.message}</Alert> : !detail ? <Spinner /> : (
        <>
          <Paper sx={{ p: { xs: 1.5, sm: 3 } }} data-testid="plan-products">
            <Stack direction="row" spacing={{ xs: 1, sm: 2 }} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }} useFlexGap>
              <Typography variant="h6" sx={{ flexGrow: 1 }}>{t('allocation.plan', { month: detail.month, version: detail.version })}</Typography>
              <Chip color={STATUS_COLORS[detail.status] ?? 'default'} label={codeLabel(t, 'planStatus', detail.status)} />
              {mayExport && <Button href={exportUrl('export')} data-testid="plan-export">{t('allocation.export')}</Button>}
              {mayExport && <Button href={exportUrl('summary.xlsx')}>{t('allocation.exportSummary')}</Button>}
              <Button component={RouterLink} to={`/allocation/strategies?month=${detail.month}`} data-testid="plan-strategies">{t('nav.strategies')}</Button>
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
                    <TableCell>{t('strategy.strategy')}</TableCell>
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
                      <TableCell data-testid="plan-product-strategy">
                        {strategyOf.get(p.productId)?.text ?? ''}{strategyOf.get(p.productId)?.changed ? ` (${t('strategy.changedSinceDraft')})` : ''}
                      </TableCell>
                      {TIERS.map((tier) => <TableCell key={tier} align="right">{tierCell(p.tiers, tier)}</TableCell>)}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          </Paper>
          <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
            <ProductChart title={t('allocation.chart')} labels={detail.products.map((p) => p.code)} series={[
              { label: t('allocation.availability'), color: '#90caf9', values: detail.products.map((p) => p.availability) },
              { label: t('allocation.allocated'), color: '#1d5fa7', values: detail.products.map((p) => p.allocated) },
            ]} />
          </Paper>
          <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
            <Typography variant="h6" sx={{ mb: 1 }}>{t('allocation.parts')}</Typography>
            {chased && <Alert severity="success" sx={{ mb: 1 }} onClose={() => setChased(undefined)} data-testid="part-chased">{chased}</Alert>}
            <ResponsiveList testId="plan-parts" rowTestId="plan-part" rows={detail.parts} rowKey={(p) => p.managerId} columns={[
              { head: 'allocation.manager', card: 'title', cell: (p) => p.managerName },
              { head: 'allocation.customers', cell: (p) => p.customers },
              { head: 'allocation.status', card: 'aside', cell: (p) => <Chip size="small" color={STATUS_COLORS[p.status] ?? 'default'} label={codeLabel(t, 'partStatus', p.status)} /> },
              {
                head: 'allocation.chase', card: 'full', cell: (p) => (
                  <>
                    {mayChase(p) && (
                      <Button size="small" variant="outlined" sx={{ minHeight: 44, mr: 1 }} onClick={() => setChasing(p)} data-testid="part-chase">{t('allocation.chase')}</Button>
                    )}
                    {p.lastChasedAt && <Typography component="span" variant="caption" color="text.secondary">{t('allocation.lastChased', { time: formatDateTime(p.lastChasedAt) })}</Typography>}
                  </>
                ),
              },
              { head: 'allocation.round', cell: (p) => p.round },
              { head: 'allocation.adjustments', cell: (p) => p.adjustments },
              { head: 'allocation.submittedAt', cell: (p) => formatDateTime(p.submittedAt) },
              { head: 'allocation.decidedAt', cell: (p) => formatDateTime(p.decidedAt) },
              { head: 'allocation.comment', cell: (p) => p.comment ?? '' },
              {
                head: 'allocation.exportColumn', card: 'full',
                cell: (p) => {
                  if (!mayExport) return '';
                  const href = exportUrl('export', { scope: 'manager', managerId: p.managerId });
                  return phone ? <Button size="small" variant="outlined" href={href}>{t('allocation.exportPart')}</Button> : <Link href={href}>{t('allocation.exportPart')}</Link>;
                },
              },
            ]} />
            {chasing && detail && (
              <ChaseDialog endpoint={`/allocation/cycles/${detail.month}/parts/${chasing.managerId}/chase`} title={t('allocation.chaseTitle', { name: chasing.managerName })}
                onClose={() => setChasing(undefined)} onDone={onChased} />
            )}
          </Paper>
        </>
      ))}
    </Stack>
  );
}
