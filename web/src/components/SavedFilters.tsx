import DeleteIcon from '@mui/icons-material/DeleteOutline';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { api, ApiError } from '../api';
import { FILTER_KEYS, type InboxFilters, type InboxTab } from '../inboxQuery';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import type { SavedFilterBody } from '../types';
import { useApi } from '../useApi';

interface SavedFilter {
  id: string;
  name: string;
  query: Record<string, string>;
}

function toQuery(filters: InboxFilters): Record<string, string> {
  const query: Record<string, string> = { view: filters.tab };
  for (const key of FILTER_KEYS) if (filters[key]) query[key] = filters[key];
  return query;
}

function fromQuery(query: Record<string, string>): InboxFilters {
  const filters: InboxFilters = { tab: (query.view as InboxTab | undefined) ?? 'mine' };
  for (const key of FILTER_KEYS) if (query[key]) filters[key] = query[key];
  return filters;
}

/** Filters the user saved on the server (so they follow the user to any device); 保存筛选 saves `current()`. */
export function SavedFilters({ current, onApply }: { current(): InboxFilters; onApply(next: InboxFilters): void }) {
  const { t } = useSession();
  const phone = usePhone();
  const saved = useApi<{ items: SavedFilter[] }>('/me/filters');
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();

  const save = async () => {
    try {
      await api('/me/filters', { body: { name: name.trim(), query: toQuery(current()) } satisfies SavedFilterBody });
      setNaming(false);
      setName('');
      setError(undefined);
      saved.reload();
    } catch (err) {
      setError(err instanceof ApiError ? (err.fieldErrors[0]?.message ?? err.message) : t('common.error'));
    }
  };
  const remove = async (id: string) => {
    await api(`/me/filters/${id}`, { method: 'DELETE' }).catch(() => undefined);
    saved.reload();
  };

  return (
    <>
      <Button onClick={(e) => setMenu(e.currentTarget)} disabled={!saved.data?.items.length}>
        {t('inbox.savedFilters')}{saved.data?.items.length ? `（${saved.data.items.length}）` : ''}
      </Button>
      <Menu anchorEl={menu} open={menu !== null} onClose={() => setMenu(null)}>
        {saved.data?.items.map((f) => (
          <MenuItem key={f.id} onClick={() => { setMenu(null); onApply(fromQuery(f.query)); }}>
            <ListItemText>{f.name}</ListItemText>
            <IconButton size="small" edge="end" aria-label={t('inbox.deleteFilter', { name: f.name })}
              onClick={(e) => { e.stopPropagation(); void remove(f.id); }}>
              <DeleteIcon fontSize="small" />
            </IconButton>
          </MenuItem>
        ))}
      </Menu>
      <Button variant="outlined" size="small" onClick={() => setNaming(true)}>{t('inbox.saveFilter')}</Button>
      <Dialog open={naming} onClose={() => setNaming(false)} fullWidth maxWidth="xs" fullScreen={phone}>
        <DialogTitle>{t('inbox.saveFilter')}</DialogTitle>
        <DialogContent>
          <TextField autoFocus fullWidth margin="dense" label={t('inbox.filterName')} value={name}
            error={!!error} helperText={error} onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter') void save(); }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setNaming(false)}>{t('common.cancel')}</Button>
          <Button variant="contained" onClick={() => void save()}>{t('common.save')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
