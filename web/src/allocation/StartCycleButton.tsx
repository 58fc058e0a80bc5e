import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { api, errorText, newRequestId } from '../api';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import type { StartInstanceBody } from '../types';
import { useApi } from '../useApi';

/** `GET /api/allocation/start-months`: months with availability and no cycle yet, from this month on. */
interface StartMonths {
  current: string;
  items: { month: string; products: number; cartons: number }[];
}

/**
 * 发起本月投放: the month picked from those that may start (this month first when it is one of them),
 * started through the process's own start path. One request id per month, so a second tap on the same
 * month is the same start; a month whose cycle runs meanwhile is the API's 409, shown as it says.
 * `whenNone`: 'explain' keeps the button and explains in the dialog; 'hide' leaves it out.
 */
export function StartCycleButton({ whenNone, onStarted }: { whenNone: 'explain' | 'hide'; onStarted(month: string, instanceId: string): void }) {
  const { t } = useSession();
  const phone = usePhone();
  const months = useApi<StartMonths>('/allocation/start-months');
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const requestIds = useRef(new Map<string, string>());
  const items = months.data?.items ?? [];
  if (!months.data || (whenNone === 'hide' && items.length === 0)) return null;
  const offered = (m: string | undefined) => m !== undefined && items.some((item) => item.month === m);
  const month = offered(chosen) ? chosen : offered(months.data.current) ? months.data.current : items[0]?.month;

  const start = async () => {
    if (!month) return;
    if (!requestIds.current.has(month)) requestIds.current.set(month, newRequestId());
    setBusy(true);
    try {
      const body: StartInstanceBody = { data: { month }, requestId: requestIds.current.get(month)! };
      const started = await api<{ id: string }>('/processes/allocation-cycle/instances', { body });
      setOpen(false);
      months.reload();
      onStarted(month, started.id);
    } catch (err) {
      setError(errorText(err, t('common.error')));
      // Started by someone else meanwhile (409): the list no longer offers it.
      months.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="contained" onClick={() => { setError(undefined); setOpen(true); }} sx={{ minHeight: 44 }} data-testid="start-cycle">
        {t('allocation.startCycle')}
      </Button>
      {open && (
        <Dialog open onClose={() => setOpen(false)} fullWidth maxWidth="xs" fullScreen={phone}>
          <DialogTitle>{t('allocation.startTitle')}</DialogTitle>
          <DialogContent>
            {error && <Alert severity="error" sx={{ mb: 1 }} data-testid="start-cycle-error">{error}</Alert>}
            {items.length === 0 ? (
              <Alert severity="info">
                {t('allocation.startNone')} <Link component={RouterLink} to="/products">{t('nav.products')}</Link>
              </Alert>
            ) : (
              <>
                <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('allocation.startHelp')}</Typography>
                <TextField select fullWidth label={t('allocation.startMonth')} value={month ?? ''} onChange={(e) => { setChosen(e.target.value); setError(undefined); }}>
                  {items.map((m) => (
                    <MenuItem key={m.month} value={m.month} sx={{ minHeight: 44, whiteSpace: 'normal' }}>
                      {t('allocation.startMonthOption', { month: m.month, products: m.products, cartons: m.cartons })}
                    </MenuItem>
                  ))}
                </TextField>
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)} sx={{ minHeight: 44 }}>{t('common.cancel')}</Button>
            <Button variant="contained" disabled={busy || !month} onClick={() => void start()} sx={{ minHeight: 44 }} data-testid="start-cycle-confirm">
              {t('allocation.start')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}
