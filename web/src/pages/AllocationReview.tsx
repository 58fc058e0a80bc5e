import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { api, queryString, type FieldError } from '../api';
import { adjustmentRange, buildGrid, ReviewEdits, type Adjustment, type ReviewGrid, type ReviewLine } from '../allocation/reviewModel';
import { tierLabel } from '../labels';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import type { Page, Task } from '../types';

const ROW_H = 30;
const COL_W = 92;
const LEFT_W = 220;
/** On a phone the customers' column leaves room for two products beside it. */
const LEFT_W_PHONE = 120;
const HEAD_H = 48;
const VIEW_H = 540;
/** Rows and columns rendered beyond the visible ones, so a fast scroll shows no blank edge. */
const OVERSCAN = 3;
/** The lines API's largest page, and how many pages load at once. */
const PAGE_SIZE = 100;
const PARALLEL = 6;

/** Every line of the manager's part, a page at a time (several in flight), with progress. */
async function loadLines(month: string, query: Record<string, string | number>, onProgress: (done: number, total: number) => void, signal: AbortSignal): Promise<ReviewLine[]> {
  const path = (page: number) => `/allocation/cycles/${month}/lines${queryString({ ...query, size: PAGE_SIZE, page })}`;
  const first = await api<Page<ReviewLine>>(path(1), { signal });
  const pages = Math.ceil(first.total / PAGE_SIZE);
  const results: ReviewLine[][] = [first.items];
  let done = first.items.length;
  onProgress(done, first.total);
  let next = 2;
  const worker = async () => {
    while (next <= pages) {
      const page = next++;
      const { items } = await api<Page<ReviewLine>>(path(page), { signal });
      results[page - 1] = items;
      done += items.length;
      onProgress(done, first.total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, Math.max(pages - 1, 0)) }, worker));
  return results.flat();
}

/** The server's refusal of a cell, named as people know the line: 客户名称 (编码) · 产品名称：what is wrong. */
function refusal(t: (key: string, vars?: Record<string, string | number>) => string, store: ReviewEdits, index: number, message: string): string {
  return t('allocation.cellError', { ...store.cellNames(index), message });
}

function useKey(store: ReviewEdits, key: string): number {
  const subscribe = useCallback((listener: () => void) => store.subscribe(key, listener), [store, key]);
  return useSyncExternalStore(subscribe, () => store.version(key));
}

/** One editable cell: the adjusted quantity, the draft beside it when changed, red when out of the bound or refused. */
const Cell = memo(function Cell({ store, index, top, left, readonly }: { store: ReviewEdits; index: number; top: number; left: number; readonly: boolean }) {
  const { t } = useSession();
  useKey(store, String(index));
  const [text, setText] = useState<string | null>(null);
  const drafted = store.drafted(index);
  const quantity = store.quantity(index);
  const changed = store.edits.has(index);
  const out = store.outOfBound.has(index);
  const refused = store.serverErrors.get(index);
  const { min, max } = adjustmentRange(drafted, store.bound);
  const title = refused !== undefined ? refusal(t, store, index, refused) : t('allocation.cellTitle', { drafted, min, max });
  const P = store.grid.products.length;
  return (
    <Box data-testid="review-cell" data-key={`${store.grid.customers[Math.floor(index / P)]!.id}:${store.grid.products[index % P]!.code}`} data-invalid={out || refused ? 'true' : undefined} title={title}
      sx={{
        position: 'absolute', top, left, width: COL_W, height: ROW_H, display: 'flex', alignItems: 'center', gap: 0.5, px: 0.5,
        borderRight: '1px solid #eee', borderBottom: '1px solid #eee', boxSizing: 'border-box',
        bgcolor: out || refused ? '#ffebee' : changed ? '#e3f2fd' : undefined,
      }}>
      <input
        aria-label={title} inputMode="numeric" readOnly={readonly} value={text ?? String(quantity)}
        aria-invalid={out || !!refused}
        style={{ width: 44, font: 'inherit', fontSize: 13, textAlign: 'right', border: '1px solid', borderColor: out || refused ? '#d32f2f' : '#ccc', borderRadius: 3, padding: '2px 4px', background: 'white' }}
        onFocus={(e) => e.target.select()}
        onChange={(e) => {
          const digits = e.target.value.replace(/\D/g, '').slice(0, 7);
          setText(digits);
          store.set(index, digits === '' ? undefined : Number(digits));
        }}
        onBlur={() => setText(null)}
      />
      {changed && <Typography component="span" sx={{ fontSize: 11, color: 'text.secondary', textDecoration: 'line-through' }}>{drafted}</Typography>}
    </Box>
  );
});

/** A product's head: code, and its adjusted total against the drafted total (red when above). */
const ProductHead = memo(function ProductHead({ store, col, left }: { store: ReviewEdits; col: number; left: number }) {
  const { t } = useSession();
  useKey(store, `total:${col}`);
  const product = store.grid.products[col]!;
  const over = store.overTotal(col);
  const total = store.totals[col] ?? 0;
  const drafted = store.grid.draftedTotals[col] ?? 0;
  return (
    <Box data-testid="review-product" data-over={over ? 'true' : undefined}
      title={`${product.code} ${product.name}${over ? ` · ${t('allocation.overTotal', { total, max: drafted })}` : ''}`}
      sx={{
        position: 'absolute', top: 0, left, width: COL_W, height: HEAD_H, px: 0.5, boxSizing: 'border-box', overflow: 'hidden',
        borderRight: '1px solid #ddd', borderBottom: '1px solid #ccc', bgcolor: over ? '#ffcdd2' : '#fafafa', fontSize: 12, lineHeight: 1.3,
      }}>
      <Box sx={{ fontWeight: 600, whiteSpace: 'nowrap', textOverflow: 'ellipsis', overflow: 'hidden' }}>{product.name}</Box>
      <Box sx={{ color: 'text.secondary' }}>{product.code}</Box>
      <Box sx={{ color: over ? 'error.main' : 'text.secondary' }}>{total}/{drafted}</Box>
    </Box>
  );
});

/** Changes, cells out of the bound, products over their total, and the server's refusals (each can be jumped to). */
function Summary({ store, onJump }: { store: ReviewEdits; onJump(index: number): void }) {
  const { t } = useSession();
  useKey(store, 'summary');
  const over = store.grid.products.filter((_, col) => store.overTotal(col)).map((p) => p.name);
  const refused = [...store.serverErrors.entries()];
  const firstOut = store.outOfBound.values().next();
  return (
    <Stack spacing={1} sx={{ mb: 1 }}>
      <Typography variant="body2" data-testid="review-summary">
        {t('allocation.summary', { changed: store.edits.size, out: store.outOfBound.size, bound: Math.round(store.bound * 1000) / 10 })}
        {!firstOut.done && <Button size="small" onClick={() => onJump(firstOut.value)}>{t('allocation.jump')}</Button>}
      </Typography>
      {over.length > 0 && <Alert severity="warning" data-testid="review-over">{t('allocation.productsOver', { products: over.join('、') })}</Alert>}
      {(refused.length > 0 || store.otherErrors.length > 0) && (
        <Alert severity="error" data-testid="review-errors">
          {store.otherErrors.map((m) => <div key={m}>{m}</div>)}
          {refused.slice(0, 8).map(([index, message]) => (
            <div key={index}>{refusal(t, store, index, message)} <Button size="small" onClick={() => onJump(index)}>{t('allocation.jump')}</Button></div>
          ))}
          {refused.length > 8 && <div>…</div>}
        </Alert>
      )}
    </Stack>
  );
}

/** The virtual window: only the rows and columns in view (plus a few) are in the DOM. */
function GridView({ store, rows, readonly, bodyRef }: { store: ReviewEdits; rows: number[]; readonly: boolean; bodyRef: React.RefObject<HTMLDivElement | null> }) {
  const { t } = useSession();
  const leftW = usePhone() ? LEFT_W_PHONE : LEFT_W;
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const observer = new ResizeObserver(() => setWidth(body.clientWidth));
    observer.observe(body);
    return () => observer.disconnect();
  }, [bodyRef]);
  const { customers, products } = store.grid;
  const P = products.length;
  const firstRow = Math.max(0, Math.floor(scroll.top / ROW_H) - OVERSCAN);
  const lastRow = Math.min(rows.length, Math.ceil((scroll.top + VIEW_H) / ROW_H) + OVERSCAN);
  const firstCol = Math.max(0, Math.floor(scroll.left / COL_W) - OVERSCAN);
  const lastCol = Math.min(P, Math.ceil((scroll.left + width) / COL_W) + OVERSCAN);
  const cols: number[] = [];
  for (let c = firstCol; c < lastCol; c++) cols.push(c);
  const visible = rows.slice(firstRow, lastRow);
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: `${leftW}px 1fr`, gridTemplateRows: `${HEAD_H}px ${VIEW_H}px`, border: '1px solid #ccc', fontSize: 13 }} data-testid="review-grid">
      <Box sx={{ bgcolor: '#fafafa', borderRight: '1px solid #ccc', borderBottom: '1px solid #ccc', p: 0.5, fontSize: 12, color: 'text.secondary' }}>
        {t('allocation.customerHead', { customers: customers.length, products: P })}
      </Box>
      <Box sx={{ overflow: 'hidden', position: 'relative' }}>
        <Box sx={{ position: 'absolute', top: 0, left: 0, height: HEAD_H, width: P * COL_W, transform: `translateX(${-scroll.left}px)` }}>
          {cols.map((c) => <ProductHead key={c} store={store} col={c} left={c * COL_W} />)}
        </Box>
      </Box>
      <Box sx={{ overflow: 'hidden', position: 'relative', borderRight: '1px solid #ccc' }}>
        <Box sx={{ position: 'absolute', top: 0, left: 0, width: leftW, transform: `translateY(${-scroll.top}px)` }}>
          {visible.map((r, i) => {
            const customer = customers[r]!;
            return (
              <Box key={r} data-testid="review-customer" title={`${customer.code} ${customer.name}`}
                sx={{ position: 'absolute', top: (firstRow + i) * ROW_H, height: ROW_H, width: leftW, px: 1, boxSizing: 'border-box', display: 'flex', alignItems: 'center', gap: 1, borderBottom: '1px solid #eee', whiteSpace: 'nowrap', overflow: 'hidden' }}>
                <Box component="span" sx={{ color: 'text.secondary', fontSize: 12 }}>{tierLabel(customer.tier)}</Box>
                <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{customer.name}</Box>
              </Box>
            );
          })}
        </Box>
      </Box>
      <Box ref={bodyRef} sx={{ overflow: 'auto', position: 'relative' }}
        onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}>
        <Box sx={{ position: 'relative', width: P * COL_W, height: rows.length * ROW_H }}>
          {visible.flatMap((r, i) => cols.map((c) => (
            <Cell key={r * P + c} store={store} index={r * P + c} top={(firstRow + i) * ROW_H} left={c * COL_W} readonly={readonly} />
          )))}
        </Box>
      </Box>
    </Box>
  );
}

export interface AllocationReviewProps {
  task: Task;
  /** The form data as the task page holds it: the prefill (or the stored record), then what was submitted. */
  data: Record<string, unknown>;
  onChange(data: Record<string, unknown>): void;
  fieldErrors: FieldError[];
  readonly: boolean;
}

/**
 * 客户月供量调整: the manager's customers × the month's products as one grid, instead of the stock form
 * (an array of 45,000 lines is no form). The lines come from the lines API; the edits live in a
 * ReviewEdits store so a keystroke re-renders one cell and one total; the task page submits what
 * `onChange` last reported, `{adjustments, comment}`, and hands the server's 422 errors back here.
 */
export default function AllocationReview({ task, data, onChange, fieldErrors, readonly }: AllocationReviewProps) {
  const { t } = useSession();
  const month = String(task.context.month ?? '').slice(0, 7);
  const bound = Number(task.context.adjustBound ?? 0);
  const [grid, setGrid] = useState<ReviewGrid>();
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [error, setError] = useState<string>();
  const [filter, setFilter] = useState('');
  const [comment, setComment] = useState('');
  const bodyRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const controller = new AbortController();
    const query: Record<string, string | number> = { managerId: Number(task.context.managerId), ...(task.context.version ? { version: Number(task.context.version) } : {}) };
    loadLines(month, query, (done, total) => setProgress({ done, total }), controller.signal).then(
      (lines) => setGrid(buildGrid(lines)),
      (err: unknown) => { if (!controller.signal.aborted) setError(err instanceof Error ? err.message : String(err)); },
    );
    return () => controller.abort();
  }, [month, task.context.managerId, task.context.version]);

  const store = useMemo(() => (grid ? new ReviewEdits(grid, bound) : undefined), [grid, bound]);
  // What the user edits reaches the task page (its submit reads the last report).
  useEffect(() => store?.listen(onChange), [store, onChange]);

  // The prefill (a returned part keeps its adjustments) or the stored record, once the grid is there.
  const [loadedFor, setLoadedFor] = useState<ReviewEdits>();
  const adjustments = Array.isArray(data.adjustments) ? (data.adjustments as Adjustment[]) : undefined;
  if (store && adjustments && loadedFor !== store) {
    const text = typeof data.comment === 'string' ? data.comment : '';
    store.load(adjustments, text);
    setComment(text);
    setLoadedFor(store);
  }

  // The server's refusals onto their cells: paths index the adjustments that were submitted (`data` now).
  useEffect(() => {
    if (store && loadedFor === store) store.showServerErrors(fieldErrors, adjustments ?? []);
  }, [store, loadedFor, fieldErrors]); // eslint-disable-line react-hooks/exhaustive-deps -- only a new set of errors is placed

  const rows = useMemo(() => {
    if (!grid) return [];
    const q = filter.trim().toLowerCase();
    const all = grid.customers.map((_, i) => i);
    return q ? all.filter((i) => `${grid.customers[i]!.code} ${grid.customers[i]!.name}`.toLowerCase().includes(q)) : all;
  }, [grid, filter]);

  const jump = (index: number) => {
    if (!store) return;
    const P = store.grid.products.length;
    setFilter('');
    requestAnimationFrame(() => bodyRef.current?.scrollTo({ top: Math.floor(index / P) * ROW_H, left: (index % P) * COL_W }));
  };

  if (error) return <Alert severity="error">{error}</Alert>;
  if (!store || loadedFor !== store) {
    return (
      <Box data-testid="review-loading">
        <Typography variant="body2" color="text.secondary">{t('allocation.loadingLines', { done: progress.done, total: progress.total || '…' })}</Typography>
        <LinearProgress variant={progress.total ? 'determinate' : 'indeterminate'} value={progress.total ? (progress.done / progress.total) * 100 : 0} />
      </Box>
    );
  }
  return (
    <Box data-testid="allocation-review">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('allocation.reviewHelp', { bound: Math.round(bound * 1000) / 10 })}</Typography>
      <Summary store={store} onJump={jump} />
      <TextField size="small" label={t('allocation.findCustomer')} value={filter} onChange={(e) => setFilter(e.target.value)} sx={{ mb: 1, minWidth: { xs: 0, sm: 260 }, width: { xs: '100%', sm: 'auto' } }} />
      <GridView store={store} rows={rows} readonly={readonly} bodyRef={bodyRef} />
      <TextField label={t('allocation.comment')} value={comment} multiline minRows={2} fullWidth sx={{ mt: 2 }} slotProps={{ htmlInput: { maxLength: 1000, readOnly: readonly } }}
        onChange={(e) => { setComment(e.target.value); store.setComment(e.target.value); }} />
    </Box>
  );
}
