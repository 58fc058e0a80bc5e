import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/** What a page hands the next one when it moves on after an action: the toast naming what was done. */
export interface FlowState {
  toast?: string;
}

/**
 * The toast a page was reached with (`navigate(to, { state: { toast } })`): shown once at the top, where
 * neither the phone's bottom action bar nor the thumb covers it. Closing it drops it from the history
 * entry, so going back or reloading does not show it again.
 */
export function FlowToast() {
  const location = useLocation();
  const navigate = useNavigate();
  const text = (location.state as FlowState | null)?.toast;
  const [closed, setClosed] = useState<string>();
  const close = () => {
    setClosed(location.key);
    void navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  };
  return (
    <Snackbar open={Boolean(text) && closed !== location.key} autoHideDuration={5000} anchorOrigin={{ vertical: 'top', horizontal: 'center' }}
      onClose={(_, reason) => { if (reason !== 'clickaway') close(); }}>
      <Alert severity="success" variant="filled" onClose={close} data-testid="flow-toast" sx={{ width: '100%' }}>{text}</Alert>
    </Snackbar>
  );
}
