import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { PROCESS_KEYS } from '../labels';
import type { InboxFilters } from '../inboxQuery';
import { useSession } from '../session';
import { SavedFilters } from './SavedFilters';

const SORTS = ['due', '-due', '-created', 'priority'];

/** Process, due range, overdue-only, search and sort; changes go straight into the URL. */
export function InboxFilterBar({ filters, onChange }: { filters: InboxFilters; onChange(next: InboxFilters): void }) {
  const { t } = useSession();
  const [text, setText] = useState(filters.q ?? '');
  // The URL changed under us (a saved filter, back button): show its search text.
  const [shownQ, setShownQ] = useState(filters.q);
  if (shownQ !== filters.q) {
    setShownQ(filters.q);
    setText(filters.q ?? '');
  }
  // Search as the user types, without a request per key stroke.
  useEffect(() => {
    if (text === (filters.q ?? '')) return;
    const timer = setTimeout(() => onChange({ ...filters, q: text || undefined }), 300);
    return () => clearTimeout(timer);
  }, [text, filters, onChange]);

  const set = (key: keyof InboxFilters, value: string | undefined) => onChange({ ...filters, [key]: value || undefined });
  return (
    <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', my: 2 }}>
      <TextField size="small" label={t('inbox.search')} value={text} onChange={(e) => setText(e.target.value)}
        sx={{ minWidth: 240 }} slotProps={{ htmlInput: { 'data-testid': 'inbox-search' } }} />
      <TextField size="small" select label={t('inbox.process')} value={filters.process ?? ''} sx={{ minWidth: 150 }}
        onChange={(e) => set('process', e.target.value)}>
        <MenuItem value="">{t('inbox.anyProcess')}</MenuItem>
        {PROCESS_KEYS.map((key) => <MenuItem key={key} value={key}>{t(`process.${key}`)}</MenuItem>)}
      </TextField>
      <TextField size="small" type="date" label={t('inbox.dueAfter')} value={filters.dueAfter ?? ''}
        onChange={(e) => set('dueAfter', e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
      <TextField size="small" type="date" label={t('inbox.dueBefore')} value={filters.dueBefore ?? ''}
        onChange={(e) => set('dueBefore', e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
      <FormControlLabel label={t('inbox.overdueOnly')} control={
        <Checkbox checked={filters.overdue === 'true'} onChange={(e) => set('overdue', e.target.checked ? 'true' : undefined)} />
      } />
      <TextField size="small" select label={t('inbox.sort')} value={filters.sort ?? 'due'} sx={{ minWidth: 180 }}
        onChange={(e) => set('sort', e.target.value === 'due' ? undefined : e.target.value)}>
        {SORTS.map((key) => <MenuItem key={key} value={key}>{t(`inbox.sort.${key}`)}</MenuItem>)}
      </TextField>
      <Button onClick={() => onChange({ tab: filters.tab })}>{t('inbox.clear')}</Button>
      <SavedFilters filters={filters} onApply={onChange} />
    </Stack>
  );
}
