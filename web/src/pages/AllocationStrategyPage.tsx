import DeleteIcon from '@mui/icons-material/DeleteOutline';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError, type FieldError } from '../api';
import { AllocationTabs } from '../components/AllocationTabs';
import { FileImportButton, FileImportStatus, useFileImport } from '../components/FileImportButton';
import { ResponsiveList } from '../components/ResponsiveList';
import { Spinner } from '../components/Spinner';
import { TierChart, TIERS_DOWN } from '../components/TierChart';
import { useSession, useUser } from '../session';
import type { ProductStrategyBody } from '../types';
import { useApi } from '../useApi';

type Method = ProductStrategyBody['method'];
type ProfileKind = ProductStrategyBody['profile']['kind'];

interface Named { customerId: number; code: string | null; name: string | null; quantity: number }

interface StrategyItem {
  productId: number;
  code: string;
  name: string;
  priceClassLabel: string;
  availability: number;
  strategy: ProductStrategyBody & { fixed: { customerId: number; quantity: number }[] };
  source: 'saved' | 'copied' | 'default';
  from: string | null;
  text: string;
  drafted: { version: number; text: string | null; drafted: number; changed: boolean; canRedraft: boolean } | null;
}

interface StrategyList { month: string; cycleCap: number | null; plan: { version: number; status: string; reviewStarted: boolean } | null; items: StrategyItem[] }

interface PreviewVector { market: 'all' | 'urban' | 'rural'; quantities: number[]; customers: number[] }
interface Preview {
  availability: number;
  cap: number | null;
  vectors: PreviewVector[];
  customersServed: number;
  total: number;
  fixedTotal: number;
  shortfall: number;
  previous: { month: string; vectors: { market: string; quantities: number[] }[] } | null;
  change: { market: string; quantities: number[] }[] | null;
}

/** The form as typed: numbers stay text until sent, so a half-typed ratio is not rewritten under the cursor. */
interface Form {
  method: Method;
  profile: ProfileKind;
  ratio: string;
  /** D30 first, comma separated. */
  weights: string;
  minTier: number;
  cap: string;
  ruralShare: string;
  fixedOnly: boolean;
  fixed: Named[];
}

/** Who changes strategies (the API's rule); supervisors and leaders read them. */
const WRITERS = ['dept_head', 'admin'];
const METHODS: Method[] = ['tier', 'tier-market', 'price-class'];
const PROFILES: ProfileKind[] = ['linear', 'geometric', 'custom'];
const COLORS: Record<string, string> = { all: '#1d5fa7', urban: '#1d5fa7', rural: '#66bb6a', previous: '#bdbdbd' };

function nextMonth(): string {
  const [year, month] = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7).split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

function formOf(item: StrategyItem, named: Named[]): Form {
  const s = item.strategy;
  return {
    method: s.method, profile: s.profile.kind, ratio: String(s.profile.ratio ?? 1.1),
    weights: s.profile.weights ? [...s.profile.weights].reverse().join(', ') : '', minTier: s.minTier,
    cap: s.cap === null || s.cap === undefined ? '' : String(s.cap), ruralShare: String(s.ruralShare ?? 100), fixedOnly: s.fixedOnly ?? false, fixed: named,
  };
}

/** The body the API takes; what cannot be read as a number goes as it is and comes back as a field error. */
function bodyOf(form: Form): ProductStrategyBody {
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  const profile = form.profile === 'geometric' ? { kind: form.profile, ratio: number(form.ratio) }
    : form.profile === 'custom' ? { kind: form.profile, weights: form.weights.split(/[,，\s]+/).filter(Boolean).map(Number).reverse() } : { kind: form.profile };
  const cap = form.cap.trim() === '' ? null : number(form.cap);
  return {
    method: form.method, profile, minTier: form.minTier, cap,
    ...(form.method === 'tier-market' ? { ruralShare: number(form.ruralShare) } : {}),
    fixed: form.fixed.map((f) => ({ customerId: f.customerId, quantity: f.quantity })), fixedOnly: form.fixedOnly,
  } as ProductStrategyBody;
}

/** The field errors under `prefix` (`/strategy` for the preview), keyed by the path inside the strategy. */
function errorsBy(errors: FieldError[], prefix: string): Map<string, string> {
  return new Map(errors.filter((e) => e.path.startsWith(prefix)).map((e) => [e.path.slice(prefix.length), e.message]));
}

/** Runs the preview for `body` after typing stops for a moment; the last answer wins. */
function usePreview(month: string, productId: number | undefined, body: ProductStrategyBody | undefined) {
  const [state, setState] = useState<{ data?: Preview; errors: FieldError[]; message?: string; forKey?: string }>({ errors: [] });
  const key = `${month}:${productId}:${JSON.stringify(body)}`;
  useEffect(() => {
    if (productId === undefined || body === undefined) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<Preview>('/allocation/preview', { method: 'POST', body: { month, productId, strategy: body }, signal: controller.signal }).then(
        (data) => setState({ data, errors: [], forKey: key }),
        (err: unknown) => {
          if (controller.signal.aborted) return;
          setState((s) => ({ data: s.data, errors: err instanceof ApiError ? err.fieldErrors : [], message: err instanceof Error ? err.message : String(err), forKey: key }));
        },
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` stands for `body`: a new object with the same content is the same preview.
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return { ...state, busy: state.forKey !== key };
}

/** 选点定量: the named customers and their cartons, editable, with an import from xlsx/csv. */
function NamedCustomers({ month, form, setForm, editable, error }: { month: string; form: Form; setForm(f: Form): void; editable: boolean; error?: string }) {
  const { t } = useSession();
  const { busy, errors, choose } = useFileImport<{ items: Named[] }>(`/allocation/months/${month}/strategies/fixed/import`, (result) => setForm({ ...form, fixed: result.items }));
  const setQuantity = (i: number, quantity: number) => setForm({ ...form, fixed: form.fixed.map((f, j) => (j === i ? { ...f, quantity } : f)) });
  return (
    <Stack spacing={1} data-testid="named-customers">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="subtitle2" sx={{ flexGrow: 1 }}>{t('strategy.named', { count: form.fixed.length, total: form.fixed.reduce((s, f) => s + f.quantity, 0) })}</Typography>
        {editable && (
          <FileImportButton label={t('strategy.importNamed')} busy={busy} choose={choose} testId="import-named" size="small" />
        )}
      </Stack>
      <Typography variant="caption" color="text.secondary">{t('strategy.namedHint')}</Typography>
      <FileImportStatus busy={busy} errors={errors} />
      {error && <Alert severity="error">{error}</Alert>}
      {form.fixed.length > 0 && (
        <Box sx={{ maxHeight: 260, overflowY: 'auto' }}>
          <Table size="small">
            <TableBody>
              {form.fixed.map((f, i) => (
                <TableRow key={f.customerId}>
                  <TableCell sx={{ px: 0.5 }}>{f.code ?? f.customerId}</TableCell>
                  <TableCell sx={{ px: 0.5 }}>{f.name ?? ''}</TableCell>
                  <TableCell sx={{ px: 0.5, width: 90 }}>
                    <TextField size="small" type="number" value={f.quantity} disabled={!editable} slotProps={{ htmlInput: { min: 0, 'aria-label': t('strategy.quantity') } }}
                      onChange={(e) => setQuantity(i, Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
                  </TableCell>
                  <TableCell sx={{ px: 0, width: 44 }}>
                    {editable && <IconButton aria-label={t('strategy.remove')} onClick={() => setForm({ ...form, fixed: form.fixed.filter((_, j) => j !== i) })}><DeleteIcon /></IconButton>}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      <FormControlLabel control={<Switch checked={form.fixedOnly} disabled={!editable} onChange={(e) => setForm({ ...form, fixedOnly: e.target.checked })} />}
        label={t('strategy.fixedOnly')} />
    </Stack>
  );
}

/** The preview: a tier chart and a table D30 … D1 (per market where split), with last month's change. */
function PreviewView({ preview }: { preview: Preview }) {
  const { t } = useSession();
  const marketLabel = (m: string) => t(`strategy.market.${m}`);
  const series = preview.vectors.map((v) => ({ label: marketLabel(v.market), color: COLORS[v.market] ?? '#1d5fa7', values: v.quantities }));
  const previous = preview.previous?.vectors[0];
  if (previous && preview.vectors.length === 1) series.push({ label: t('strategy.previous', { month: preview.previous!.month }), color: COLORS.previous!, values: previous.quantities });
  const rows = TIERS_DOWN.filter((tier) => preview.vectors.some((v) => v.customers[tier - 1]! > 0));
  return (
    <Stack spacing={1} data-testid="strategy-preview">
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Chip label={t('strategy.served', { count: preview.customersServed })} />
        <Chip color="primary" label={t('strategy.total', { total: preview.total, availability: preview.availability })} data-testid="preview-total" />
        <Chip color={preview.shortfall > 0 ? 'warning' : 'success'} label={t('strategy.shortfall', { shortfall: preview.shortfall })} />
        {preview.fixedTotal > 0 && <Chip label={t('strategy.fixedTotal', { total: preview.fixedTotal })} />}
        {preview.cap !== null && <Chip label={t('strategy.capChip', { cap: preview.cap })} />}
      </Stack>
      <TierChart title={t('strategy.chart')} series={series} />
      <Box sx={{ overflowX: 'auto', maxHeight: 360 }}>
        <Table size="small" stickyHeader data-testid="preview-table" sx={{ '& td, & th': { px: 0.75, whiteSpace: 'nowrap' } }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('strategy.tier')}</TableCell>
              {preview.vectors.map((v) => <TableCell key={v.market} align="right">{t('strategy.perCustomer', { market: marketLabel(v.market) })}</TableCell>)}
              {preview.vectors.map((v) => <TableCell key={`n${v.market}`} align="right">{t('strategy.customers', { market: marketLabel(v.market) })}</TableCell>)}
              {preview.change && <TableCell align="right">{t('strategy.change')}</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((tier) => (
              <TableRow key={tier} data-testid="preview-row" data-tier={tier}>
                <TableCell>D{tier}</TableCell>
                {preview.vectors.map((v) => <TableCell key={v.market} align="right" data-testid={`q-${v.market}-${tier}`}>{v.quantities[tier - 1]}</TableCell>)}
                {preview.vectors.map((v) => <TableCell key={`n${v.market}`} align="right">{v.customers[tier - 1]}</TableCell>)}
                {preview.change && (
                  <TableCell align="right">{preview.change.map((c) => {
                    const d = c.quantities[tier - 1] ?? 0;
                    return d > 0 ? `+${d}` : String(d);
                  }).join(' / ')}</TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Stack>
  );
}

/** One product's strategy: the form, the live preview, save. */
function StrategyEditor({ month, item, editable, onSaved }: { month: string; item: StrategyItem; editable: boolean; onSaved(): void }) {
  const { t } = useSession();
  const detail = useApi<{ fixedCustomers: Named[] }>(`/allocation/months/${month}/strategies/${item.productId}`);
  const [form, setForm] = useState<Form>();
  // The form starts from what is stored once the named customers' names are read (the editor is keyed by month and product).
  const [formFor, setFormFor] = useState<unknown>();
  if (detail.data && formFor !== detail.data) {
    setFormFor(detail.data);
    setForm(formOf(item, detail.data.fixedCustomers));
  }
  const body = useMemo(() => (form ? bodyOf(form) : undefined), [form]);
  const preview = usePreview(month, item.productId, body);
  const [saving, setSaving] = useState(false);
  const [saveErrors, setSaveErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState(false);
  if (!form) return detail.error ? <Alert severity="error">{detail.error.message}</Alert> : <Spinner />;
  const errors = new Map([...errorsBy(preview.errors, '/strategy'), ...errorsBy(saveErrors, '')]);
  const fieldError = (path: string) => errors.get(path);
  const weightError = [...errors.entries()].find(([p]) => p.startsWith('/profile/weights'))?.[1];
  const fixedError = [...errors.entries()].filter(([p]) => p.startsWith('/fixed')).map(([, m]) => m).join('；') || undefined;
  const change = (patch: Partial<Form>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  const save = async () => {
    setSaving(true);
    setSaveErrors([]);
    try {
      await api(`/allocation/months/${month}/strategies/${item.productId}`, { method: 'PUT', body: bodyOf(form) });
      setSaved(true);
      onSaved();
    } catch (err) {
      setSaveErrors(err instanceof ApiError ? err.fieldErrors : []);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack spacing={2} data-testid="strategy-editor">
      <Typography variant="h6">{item.code} {item.name} · {t('strategy.availability', { cartons: item.availability })}</Typography>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
        <TextField select label={t('strategy.method')} value={form.method} disabled={!editable} onChange={(e) => change({ method: e.target.value as Method })}
          slotProps={{ htmlInput: { 'data-testid': 'strategy-method' } }}>
          {METHODS.map((m) => <MenuItem key={m} value={m}>{t(`strategy.method.${m}`)}</MenuItem>)}
        </TextField>
        <TextField select label={t('strategy.minTier')} value={form.minTier} disabled={!editable} onChange={(e) => change({ minTier: Number(e.target.value) })}>
          {TIERS_DOWN.map((tier) => <MenuItem key={tier} value={tier}>D{tier}</MenuItem>)}
        </TextField>
        <TextField select label={t('strategy.profile')} value={form.profile} disabled={!editable} onChange={(e) => change({ profile: e.target.value as ProfileKind })}>
          {PROFILES.map((p) => <MenuItem key={p} value={p}>{t(`strategy.profile.${p}`)}</MenuItem>)}
        </TextField>
        {form.profile === 'geometric' && (
          <TextField label={t('strategy.ratio')} type="number" value={form.ratio} disabled={!editable} onChange={(e) => change({ ratio: e.target.value })}
            error={!!fieldError('/profile/ratio')} helperText={fieldError('/profile/ratio') ?? t('strategy.ratioHint')}
            slotProps={{ htmlInput: { step: 0.01, 'data-testid': 'strategy-ratio' } }} />
        )}
        {form.profile === 'custom' && (
          <TextField label={t('strategy.weights')} value={form.weights} disabled={!editable} onChange={(e) => change({ weights: e.target.value })}
            error={!!weightError} helperText={weightError ?? t('strategy.weightsHint')} multiline sx={{ gridColumn: { sm: '1 / -1' } }} />
        )}
        <TextField label={t('strategy.cap')} type="number" value={form.cap} disabled={!editable} onChange={(e) => change({ cap: e.target.value })}
          error={!!fieldError('/cap')} helperText={fieldError('/cap') ?? t('strategy.capHint')} slotProps={{ htmlInput: { min: 0, 'data-testid': 'strategy-cap' } }} />
        {form.method === 'tier-market' && (
          <TextField label={t('strategy.ruralShare')} type="number" value={form.ruralShare} disabled={!editable} onChange={(e) => change({ ruralShare: e.target.value })}
            error={!!fieldError('/ruralShare')} helperText={fieldError('/ruralShare') ?? t('strategy.ruralShareHint')}
            slotProps={{ htmlInput: { min: 0, max: 200, 'data-testid': 'strategy-rural' } }} />
        )}
      </Box>
      {form.method === 'price-class' && <Typography variant="caption" color="text.secondary">{t('strategy.priceClassHint')}</Typography>}
      <NamedCustomers month={month} form={form} setForm={(f) => change(f)} editable={editable} {...(fixedError ? { error: fixedError } : {})} />
      {editable && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Button variant="contained" onClick={() => void save()} disabled={saving} data-testid="strategy-save">{t('strategy.save')}</Button>
          {saved && <Typography color="success.main" data-testid="strategy-saved">{t('strategy.saved')}</Typography>}
        </Stack>
      )}
      {saveErrors.length > 0 && errors.size === 0 && <Alert severity="error">{saveErrors.map((e) => e.message).join('；')}</Alert>}
      <Typography variant="subtitle1">{t('strategy.preview')}</Typography>
      {preview.busy && <LinearProgress />}
      {preview.errors.length > 0 ? <Alert severity="warning" data-testid="preview-errors">{preview.errors.map((e) => e.message).join('；')}</Alert>
        : preview.message && !preview.data ? <Alert severity="error">{preview.message}</Alert> : null}
      {preview.data && <PreviewView preview={preview.data} />}
    </Stack>
  );
}

/** 投放策略: the month's products with their strategy; for the dept head and admins a form per product with a live preview. */
export default function AllocationStrategyPage() {
  const { t } = useSession();
  const user = useUser();
  const editable = user.roles.some((r) => WRITERS.includes(r));
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? nextMonth();
  const list = useApi<StrategyList>(`/allocation/months/${month}/strategies`);
  const chosen = Number(params.get('product'));
  const selected = list.data?.items.find((i) => i.productId === chosen);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string }>();
  // On a phone the editor is below a long list: a product tapped brings its form into view.
  const editor = useRef<HTMLDivElement>(null);
  const selectedId = selected?.productId;
  useEffect(() => {
    if (selectedId !== undefined) editor.current?.scrollIntoView({ block: 'start' });
  }, [selectedId]);
  const go = (next: Record<string, string>) => setParams({ month, ...(selected ? { product: String(selected.productId) } : {}), ...next });
  const act = async (path: string, done: (body: never) => string) => {
    try {
      const body = await api<never>(path, { method: 'POST', body: {} });
      setNotice({ severity: 'success', text: done(body) });
      list.reload();
    } catch (err) {
      setNotice({ severity: 'error', text: err instanceof Error ? err.message : String(err) });
    }
  };
  const sourceLabel = (i: StrategyItem) => (i.source === 'copied' ? t('strategy.source.copied', { month: i.from ?? '' }) : t(`strategy.source.${i.source}`));
  return (
    <Stack spacing={2}>
      <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
        <AllocationTabs month={month} />
        <Typography variant="h5" component="h1">{t('strategy.title')}</Typography>
        <Stack direction="row" spacing={2} sx={{ my: 2, alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <TextField size="small" type="month" label={t('strategy.month')} value={month} onChange={(e) => e.target.value && setParams({ month: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }} />
          {editable && (
            <Button variant="outlined" data-testid="copy-last-month"
              onClick={() => void act(`/allocation/months/${month}/strategies/copy`, (b: { copied: number; from: string }) => t('strategy.copied', { count: b.copied, from: b.from }))}>
              {t('strategy.copyLast')}
            </Button>
          )}
        </Stack>
        {list.data?.plan && (
          <Typography variant="body2" sx={{ mb: 1 }}>
            {t('strategy.plan', { version: list.data.plan.version })}{list.data.plan.reviewStarted ? t('strategy.reviewStarted') : t('strategy.beforeReview')}
          </Typography>
        )}
        {notice && <Alert severity={notice.severity} onClose={() => setNotice(undefined)} sx={{ mb: 1 }}>{notice.text}</Alert>}
        {list.error && <Alert severity="error">{list.error.message}</Alert>}
        {!list.data ? <Spinner /> : list.data.items.length === 0 ? <Typography color="text.secondary">{t('strategy.empty')}</Typography> : (
          <ResponsiveList testId="strategy-table" rowTestId="strategy-row" rows={list.data.items} rowKey={(i) => i.productId}
            selected={(i) => i === selected} onRowClick={(i) => go({ product: String(i.productId) })} columns={[
              { head: 'strategy.product', card: 'title', cell: (i) => `${i.code} ${i.name}` },
              { head: 'strategy.source', card: 'aside', cell: (i) => <Chip size="small" color={i.source === 'saved' ? 'primary' : 'default'} label={sourceLabel(i)} /> },
              { head: 'strategy.priceClass', cell: (i) => i.priceClassLabel },
              { head: 'strategy.availabilityHead', cell: (i) => i.availability.toLocaleString() },
              { head: 'strategy.strategy', cell: (i) => i.text },
              {
                head: 'strategy.drafted', card: 'full',
                cell: (i) => {
                  if (!i.drafted) return '';
                  if (!i.drafted.changed) return t('strategy.draftedAs', { drafted: i.drafted.drafted });
                  return (
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      <Typography variant="body2" color="warning.main">{t('strategy.changedSinceDraft')}</Typography>
                      {editable && i.drafted.canRedraft && (
                        <Button size="small" variant="outlined" data-testid="redraft"
                          onClick={() => void act(`/allocation/months/${month}/strategies/${i.productId}/redraft`, (b: { drafted: number }) => t('strategy.redrafted', { code: i.code, drafted: b.drafted }))}>
                          {t('strategy.redraft')}
                        </Button>
                      )}
                    </Stack>
                  );
                },
              },
            ]} />
        )}
      </Paper>
      {selected && (
        <Paper sx={{ p: { xs: 1.5, sm: 3 }, scrollMarginTop: 64 }} ref={editor}>
          <StrategyEditor key={`${month}:${selected.productId}`} month={month} item={selected} editable={editable} onSaved={() => list.reload()} />
        </Paper>
      )}
    </Stack>
  );
}
