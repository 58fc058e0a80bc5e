import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useSession, useUser } from '../session';

/** A user signed in with an admin's one-time password chooses their own before anything else. */
export function ChangePasswordPage() {
  const { t, refreshUser, logout } = useSession();
  const user = useUser();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const field = (key: keyof typeof form) => ({
    name: key, value: form[key], error: !!errors[key], helperText: errors[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setErrors({});
    if (form.newPassword !== form.repeat) return setErrors({ repeat: t('password.mismatch') });
    setBusy(true);
    try {
      await api('/me/password', { body: { currentPassword: form.currentPassword, newPassword: form.newPassword } });
      await refreshUser();
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(Object.fromEntries(err.fieldErrors.map((e) => [e.path.slice(1), e.message])));
        setError(err.message);
      } else {
        setError(t('common.error'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: '#eef2f7' }}>
      <Paper component="form" onSubmit={(e) => void submit(e)} data-testid="change-password-form"
        sx={{ p: { xs: 3, sm: 4 }, width: 420, maxWidth: 'calc(100vw - 24px)', display: 'grid', gap: 2 }}>
        <Typography variant="h5">{t('password.firstTitle')}</Typography>
        <Typography variant="body2" color="text.secondary">{t('password.firstIntro', { name: user.displayName })}</Typography>
        {error && <Alert severity="error">{error}</Alert>}
        <TextField label={t('password.current')} type="password" autoComplete="current-password" required autoFocus {...field('currentPassword')} />
        <TextField label={t('password.new')} type="password" autoComplete="new-password" required
          {...field('newPassword')} helperText={errors.newPassword ?? t('password.rules')} />
        <TextField label={t('password.repeat')} type="password" autoComplete="new-password" required {...field('repeat')} />
        <Button type="submit" variant="contained" disabled={busy}>{t('password.submit')}</Button>
        <Button size="small" onClick={() => void logout()}>{t('nav.logout')}</Button>
      </Paper>
    </Box>
  );
}
