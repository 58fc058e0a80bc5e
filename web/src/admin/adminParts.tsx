import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, type FieldError } from '../api';
import { usePhone } from '../responsive';
import { useSession } from '../session';

/** A dialog that fills a phone's screen, with 取消 and one main action. */
export function AdminDialog({ title, open, onClose, actions, children, testId }: {
  title: string; open: boolean; onClose(): void; actions?: ReactNode; children: ReactNode; testId?: string;
}) {
  const { t } = useSession();
  const phone = usePhone();
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" fullScreen={phone} data-testid={testId}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2, pt: '8px !important' }}>{children}</DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{actions ? t('common.cancel') : t('admin.close')}</Button>
        {actions}
      </DialogActions>
    </Dialog>
  );
}

/** A one-time password, shown this once, to be handed to its user. */
export function OneTimePassword({ username, password }: { username: string; password: string }) {
  const { t } = useSession();
  return (
    <Alert severity="warning" data-testid="one-time-password">
      {t('admin.users.oneTime', { username })}
      <Typography component="div" sx={{ fontFamily: 'monospace', fontSize: 20, mt: 1, userSelect: 'all' }} data-testid="one-time-password-value">
        {password}
      </Typography>
    </Alert>
  );
}

/** A button that picks an xlsx or csv file and hands it on. */
export function ImportButton({ label, onFile, testId }: { label: string; onFile(file: File): void; testId?: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button variant="outlined" onClick={() => input.current?.click()}>{label}</Button>
      <input ref={input} type="file" hidden data-testid={testId}
        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }} />
    </>
  );
}

/** Every bad row of a refused import, one line each. */
export function ImportErrors({ errors }: { errors: FieldError[] }) {
  const { t } = useSession();
  if (!errors.length) return null;
  return (
    <Alert severity="error" data-testid="import-errors">
      {t('admin.import.refused', { count: errors.length })}
      <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
        {errors.slice(0, 200).map((e) => <li key={e.path + e.message}>{e.message}</li>)}
      </ul>
    </Alert>
  );
}

/** The busy flag, the last error and the last success message of a page's actions. */
export function useActionState() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const run = async (action: () => Promise<string | undefined>) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      setNotice(await action());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      throw err;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, notice, setError, setNotice, run };
}

/**
 * A small form's submission: busy while it runs; on refusal the server's field errors by field (the
 * first segment of their path) and its message.
 */
export function useSubmission() {
  const { t } = useSession();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (action: () => Promise<void>) => {
    setError(undefined);
    setErrors({});
    setBusy(true);
    try {
      await action();
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(Object.fromEntries(err.fieldErrors.map((e) => [e.path.split('/')[1] ?? '', e.message])));
        setError(err.message);
      } else setError(t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return { errors, setErrors, error, busy, submit };
}

/** A page of one form in the middle of the screen (初始化, the first password change): title, a word of why, the error. */
export function CenteredForm({ title, intro, error, onSubmit, testId, children }: {
  title: string; intro: string; error?: string; onSubmit(): void; testId: string; children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: '#eef2f7' }}>
      <Paper component="form" onSubmit={submit} data-testid={testId}
        sx={{ p: { xs: 3, sm: 4 }, width: 420, maxWidth: 'calc(100vw - 24px)', display: 'grid', gap: 2 }}>
        <Typography variant="h5">{title}</Typography>
        <Typography variant="body2" color="text.secondary">{intro}</Typography>
        {error && <Alert severity="error">{error}</Alert>}
        {children}
      </Paper>
    </Box>
  );
}
