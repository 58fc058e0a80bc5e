import FilterListIcon from '@mui/icons-material/FilterList';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Collapse from '@mui/material/Collapse';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { PROCESS_KEYS } from '../labels';
import { currentFilters, FILTER_KEYS, type InboxChange, type InboxFilters } from '../inboxQuery';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import { LazyDateField } from './LazyDateField';
import { SavedFilters } from './SavedFilters';

const SORTS = ['due', '-due', '-created', 'priority'];

/**
 * Process, due range, overdue-only, search and sort; changes go straight into the URL. On a phone the filters fold under 筛选.
 * Any change takes the search text as typed along (its pause need not have passed).
 */
export function InboxFilterBar({ filters, onChange }: { filters: InboxFilters; onChange(change: InboxChange): void }) {
  const { t } = useSession();
  const phone = usePhone();
  const [text, setText] = useState(filters.q ?? '');
  const [unfolded, setUnfolded] = useState(false);
  // The URL changed under us (a saved filter, back button): show its search text.
  const [shownQ, setShownQ] = useState(filters.q);
  if (shownQ !== filters.q) {
    setShownQ(filters.q);
    setText(filters.q ?? '');
  }
  // Search as the user types, without a request per key stroke.
  useEffect(() => {
    if (text === (filters.q ?? '')) return;
    const timer = setTimeout(() => onChange((current) => ({ ...current, q: text || undefined })), 300);
    return () => clearTimeout(timer);
  }, [text, filters.q, onChange]);

  const set = (key: keyof InboxFilters, value: string | undefined) =>
    onChange((current) => ({ ...current, q: text || undefined, [key]: value || undefined }));
  // Clearing or applying a saved filter replaces the search text too, typed or not.
  const apply = (next: InboxFilters) => {
    setText(next.q ?? '');
    onChange(() => next);
  };
  const clear = () => {
    setText('');
    onChange((current) => ({ tab: current.tab }));
  };
  const search = (
    <TextField size="small" label={t('inbox.search')} value={text} onChange={(e) => setText(e.target.value)}
      sx={{ minWidth: phone ? 0 : 240, flexGrow: phone ? 1 : 0 }} slotProps={{ htmlInput: { 'data-testid': 'inbox-search' } }} />
  );
  const rest = (
    <>
      <TextField size="small" select label={t('inbox.process')} value={filters.process ?? ''} sx={{ minWidth: 150 }} fullWidth={phone}
        onChange={(e) => set('process', e.target.value)}>
        <MenuItem value="">{t('inbox.anyProcess')}</MenuItem>
        {PROCESS_KEYS.map((key) => <MenuItem key={key} value={key}>{t(`process.${key}`)}</MenuItem>)}
      </TextField>
      <LazyDateField label={t('inbox.dueAfter')} value={filters.dueAfter} onChange={(v) => set('dueAfter', v)} fullWidth={phone} />
      <LazyDateField label={t('inbox.dueBefore')} value={filters.dueBefore} onChange={(v) => set('dueBefore', v)} fullWidth={phone} />
      <FormControlLabel label={t('inbox.overdueOnly')} control={
        <Checkbox checked={filters.overdue === 'true'} onChange={(e) => set('overdue', e.target.checked ? 'true' : undefined)} />
      } />
      <TextField size="small" select label={t('inbox.sort')} value={filters.sort ?? 'due'} sx={{ minWidth: 180 }} fullWidth={phone}
        onChange={(e) => set('sort', e.target.value === 'due' ? undefined : e.target.value)}>
        {SORTS.map((key) => <MenuItem key={key} value={key}>{t(`inbox.sort.${key}`)}</MenuItem>)}
      </TextField>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}>
        <Button onClick={clear}>{t('inbox.clear')}</Button>
        <SavedFilters current={() => ({ ...currentFilters(), q: text || undefined })} onApply={apply} />
      </Box>
    </>
  );
  if (!phone) {
    return (
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', my: 2 }}>
        {search}
        {rest}
      </Stack>
    );
  }
  const active = FILTER_KEYS.filter((key) => key !== 'q' && filters[key]).length;
  return (
    <Box sx={{ my: 1.5 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        {search}
        <Button variant={unfolded ? 'contained' : 'outlined'} onClick={() => setUnfolded(!unfolded)} aria-expanded={unfolded}
          startIcon={<Badge color="primary" variant="dot" invisible={active === 0}><FilterListIcon /></Badge>} sx={{ flexShrink: 0 }}>
          {t('inbox.filters')}
        </Button>
      </Stack>
      <Collapse in={unfolded} unmountOnExit>
        <Stack spacing={1.5} sx={{ mt: 1.5 }}>{rest}</Stack>
      </Collapse>
    </Box>
  );
}
