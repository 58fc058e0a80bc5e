import FilterListIcon from '@mui/icons-material/FilterList';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TablePagination from '@mui/material/TablePagination';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type ReactNode } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import type { AuditEntry, AuditPage } from '../../../api/audit/auditContract';
import type { AdminUser } from '../../../api/users/userContract';
import { queryString } from '../api';
import { LazyDateField } from '../components/LazyDateField';
import { ResponsiveList, type ListColumn } from '../components/ResponsiveList';
import { Spinner } from '../components/Spinner';
import { outcomeLabel, stepLabel } from '../labels';
import { hasMessage } from '../messages';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import type { UserSummary } from '../types';
import { useApi } from '../useApi';
import { useUsers } from '../users';
import { AuditChanges } from './AuditChanges';

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** The type filter's choices: every event under a prefix (`user.`), as the API takes them. */
const PREFIXES = [
  'user.', 'users.', 'customer.', 'customers.', 'task.', 'instance.', 'settings.', 'calendar.', 'allocation.', 'products.', 'availability.', 'auth.', 'setup.',
];
const OTHER = 'other';
const FILTERS = ['actorId', 'type', 'q', 'from', 'to'] as const;
const SIZE = 20;

/** What an event says in words: the timeline's words where it has them, the console's own, else its type. */
export function describeEvent(t: Translate, event: AuditEntry): string {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'task.opened':
      return t('event.task.opened', { step: stepLabel(t, String(data.name ?? '')) });
    case 'task.completed':
      return t('adminTools.event.task.completed', { outcome: outcomeLabel(t, data.outcome as string | undefined) });
    case 'allocation.monthChecked':
      return t('event.allocation.monthChecked', { big: Number(data.bigCustomers ?? 0), over: Number(data.overCapLines ?? 0), surges: Number(data.surges ?? 0) });
    case 'customer.tierChanged':
      return t('event.customer.tierChanged', { from: String(data.fromTier ?? ''), to: String(data.toTier ?? '') });
    default:
      if (hasMessage(`event.${event.type}`)) return t(`event.${event.type}`);
      return hasMessage(`adminTools.event.${event.type}`) ? t(`adminTools.event.${event.type}`) : event.type;
  }
}

/** What the event is about, when its data names it: a username, a customer code, a day. */
function subjectOf(event: AuditEntry): string | undefined {
  const data = event.data as Record<string, unknown>;
  const snapshot = (data.after ?? data.before) as Record<string, unknown> | null | undefined;
  const found = [snapshot?.username, data.username, data.code, data.date].find((x) => typeof x === 'string' && x);
  return found as string | undefined;
}

/** The person filter: every user by name (and username), inactive ones too: their history stays theirs. */
function PersonPicker({ value, onChange, fullWidth }: { value: string | undefined; onChange(id: string | undefined): void; fullWidth: boolean }) {
  const { t } = useSession();
  const active = useUsers();
  const all = useApi<{ items: AdminUser[] }>('/admin/users');
  const users: (UserSummary & { active?: boolean })[] = all.data?.items ?? active;
  const selected = users.find((u) => String(u.id) === value) ?? null;
  return (
    <Autocomplete options={users} value={selected} fullWidth sx={{ width: fullWidth ? undefined : 220 }}
      getOptionLabel={(u) => `${u.displayName}（${u.username}）${u.active === false ? t('adminTools.audit.inactive') : ''}`}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      onChange={(_, u) => onChange(u ? String(u.id) : undefined)}
      renderInput={(params) => <TextField {...params} size="small" label={t('adminTools.audit.person')} placeholder={t('adminTools.audit.anyPerson')} />} />
  );
}

/** 审计日志: every recorded change, searched by person, type, text and days, newest first; each with its before/after. */
export default function AuditAdmin() {
  const { t, formatDateTime } = useSession();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? undefined])) as Record<(typeof FILTERS)[number], string | undefined>;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const events = useApi<AuditPage>(`/admin/audit${queryString({ ...filters, page, size: SIZE })}`);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [unfolded, setUnfolded] = useState(false);
  const [otherType, setOtherType] = useState(false);
  const typeChoice = filters.type === undefined ? (otherType ? OTHER : '') : PREFIXES.includes(filters.type) ? filters.type : OTHER;

  const set = (change: Partial<Record<(typeof FILTERS)[number] | 'page', string | undefined>>) => {
    // From the address bar, not this render's params: a navigation is drawn a while after it changes the URL, and a
    // choice made in that while (or the search's pause ending in it) must not undo the one before (see InboxChange).
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in change)) next.delete('page');
    setParams(next);
  };

  // Text filters as the user types, without a request per key stroke.
  const [q, setQ] = useState(filters.q ?? '');
  const [typeText, setTypeText] = useState(typeChoice === OTHER ? (filters.type ?? '') : '');
  // The URL changed under us (back button, 清除筛选): the fields show its filters, so the timer below does not undo it.
  const [shown, setShown] = useState({ q: filters.q, type: filters.type });
  if (shown.q !== filters.q || shown.type !== filters.type) {
    setShown({ q: filters.q, type: filters.type });
    if ((filters.q ?? '') !== q.trim()) setQ(filters.q ?? '');
    const typed = filters.type && !PREFIXES.includes(filters.type) ? filters.type : '';
    if (typed !== typeText.trim()) setTypeText(typed);
  }
  useEffect(() => {
    const wantedType = typeChoice === OTHER ? typeText.trim() || undefined : filters.type;
    if (q.trim() === (filters.q ?? '') && wantedType === filters.type) return;
    const timer = setTimeout(() => set({ q: q.trim() || undefined, type: wantedType }), 300);
    return () => clearTimeout(timer);
  });

  const toggle = (id: number) => {
    const next = new Set(expanded);
    if (!next.delete(id)) next.add(id);
    setExpanded(next);
  };
  const details = (e: AuditEntry, full: boolean): ReactNode => (
    <Box sx={{ width: full ? '100%' : undefined, minWidth: 0 }}>
      <Button size="small" onClick={() => toggle(e.id)} aria-expanded={expanded.has(e.id)} sx={{ minHeight: phone ? 44 : undefined, px: phone ? 1 : 0.5 }}>
        {expanded.has(e.id) ? t('adminTools.audit.hideDetails') : t('adminTools.audit.details')}
      </Button>
      <Collapse in={expanded.has(e.id)} unmountOnExit>
        <AuditChanges data={e.data as Record<string, unknown>} />
      </Collapse>
    </Box>
  );
  const what = (e: AuditEntry) => {
    const subject = subjectOf(e);
    return `${describeEvent(t, e)}${subject ? ` · ${subject}` : ''}`;
  };
  const instanceLink = (e: AuditEntry) => e.instanceId
    ? <Link component={RouterLink} to={`/instances/${e.instanceId}`}>{t('adminTools.audit.openInstance')}</Link>
    : '';
  const who = (e: AuditEntry) => e.actorName ?? (e.actorId === null ? t('adminTools.audit.system') : `#${e.actorId}`);
  const columns: ListColumn<AuditEntry>[] = phone
    ? [
      { head: 'adminTools.audit.col.what', card: 'title', cell: what },
      { head: 'adminTools.audit.col.at', cell: (e) => formatDateTime(e.at) },
      { head: 'adminTools.audit.col.who', cell: who },
      { head: 'adminTools.audit.col.type', cell: (e) => e.type },
      { head: 'adminTools.audit.col.instance', cell: instanceLink },
      { head: 'adminTools.audit.details', card: 'full', cell: (e) => details(e, true) },
    ]
    : [
      { head: 'adminTools.audit.col.at', cell: (e) => <Box sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Box> },
      { head: 'adminTools.audit.col.who', cell: (e) => <Box sx={{ whiteSpace: 'nowrap' }}>{who(e)}</Box> },
      {
        head: 'adminTools.audit.col.what',
        cell: (e) => (
          <Box sx={{ minWidth: 260, maxWidth: 720 }}>
            <Typography variant="body2">{what(e)}</Typography>
            <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>{e.type}</Typography>
            {details(e, false)}
          </Box>
        ),
      },
      { head: 'adminTools.audit.col.instance', cell: (e) => <Box sx={{ minWidth: 64, whiteSpace: 'nowrap' }}>{instanceLink(e)}</Box> },
    ];

  const typeSelect = (
    <TextField size="small" select label={t('adminTools.audit.type')} value={typeChoice} fullWidth={phone} sx={{ minWidth: phone ? 0 : 170 }}
      slotProps={{ htmlInput: { 'data-testid': 'audit-type' } }}
      onChange={(e) => {
        const choice = e.target.value;
        setOtherType(choice === OTHER);
        setTypeText('');
        set({ type: choice === OTHER ? undefined : choice || undefined });
      }}>
      <MenuItem value="">{t('adminTools.audit.anyType')}</MenuItem>
      {PREFIXES.map((p) => <MenuItem key={p} value={p}>{t(`adminTools.audit.prefix.${p}`)}</MenuItem>)}
      <MenuItem value={OTHER}>{t('adminTools.audit.otherType')}</MenuItem>
    </TextField>
  );
  const fields = (
    <>
      <PersonPicker value={filters.actorId} onChange={(actorId) => set({ actorId })} fullWidth={phone} />
      {typeSelect}
      {typeChoice === OTHER && (
        <TextField size="small" label={t('adminTools.audit.typeText')} placeholder={t('adminTools.audit.typeTextHint')} value={typeText}
          fullWidth={phone} sx={{ minWidth: phone ? 0 : 220 }} onChange={(e) => setTypeText(e.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { autoCapitalize: 'none', spellCheck: false } }} />
      )}
      <LazyDateField label={t('adminTools.audit.from')} value={filters.from} onChange={(from) => set({ from })} fullWidth={phone} width={170} />
      <LazyDateField label={t('adminTools.audit.to')} value={filters.to} onChange={(to) => set({ to })} fullWidth={phone} width={170} />
      <Button onClick={() => { setQ(''); setTypeText(''); setOtherType(false); setParams(new URLSearchParams()); }} sx={{ minHeight: 40 }}>
        {t('adminTools.audit.clear')}
      </Button>
    </>
  );
  const search = (
    <TextField size="small" label={t('adminTools.audit.q')} placeholder={t('adminTools.audit.qHint')} value={q} onChange={(e) => setQ(e.target.value)}
      sx={{ minWidth: phone ? 0 : 220, flexGrow: phone ? 1 : 0 }} slotProps={{ inputLabel: { shrink: true } }} />
  );
  const active = FILTERS.filter((key) => key !== 'q' && filters[key]).length;

  return (
    <Stack spacing={1.5}>
      <Typography variant="body2" color="text.secondary">{t('adminTools.audit.intro')}</Typography>
      {phone ? (
        <Box>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            {search}
            <Button variant={unfolded ? 'contained' : 'outlined'} onClick={() => setUnfolded(!unfolded)} aria-expanded={unfolded} sx={{ flexShrink: 0, minHeight: 40 }}
              startIcon={<Badge color="primary" variant="dot" invisible={active === 0}><FilterListIcon /></Badge>}>
              {t('adminTools.audit.filters')}
            </Button>
          </Stack>
          <Collapse in={unfolded} unmountOnExit>
            <Stack spacing={1.5} sx={{ mt: 1.5 }}>{fields}</Stack>
          </Collapse>
        </Box>
      ) : (
        <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          {search}
          {fields}
        </Stack>
      )}
      {events.error && <Alert severity="error">{events.error.message}</Alert>}
      {!events.data ? !events.error && <Spinner /> : (
        <>
          <Typography variant="body2" color="text.secondary" data-testid="audit-total">{t('adminTools.audit.total', { total: events.data.total })}</Typography>
          <ResponsiveList testId="audit-list" rowTestId="audit-row" label={t('admin.tab.audit')} rows={events.data.items} rowKey={(e) => e.id} columns={columns} />
          {events.data.total === 0 && <Typography sx={{ p: 2 }} color="text.secondary">{t('adminTools.audit.empty')}</Typography>}
          <TablePagination component="div" count={events.data.total} page={page - 1} rowsPerPage={SIZE} rowsPerPageOptions={[SIZE]}
            onPageChange={(_, p) => set({ page: p > 0 ? String(p + 1) : undefined })} />
        </>
      )}
    </Stack>
  );
}
