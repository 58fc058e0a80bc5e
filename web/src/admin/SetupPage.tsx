import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useSession } from '../session';

/** 初始化: the first start outside demo mode, while no admin exists — the first admin's account, then signed in. */
export function SetupPage() {
  const { t, login, locale, setLocale } = useSession();
  const [form, setForm] = useState({ username: '', name: '', password: '', repeat: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const field = (key: keyof typeof form) => ({
    name: key, value: form[key], error: !!errors[key], helperText: errors[key] ?? t(`setup.hint.${key}`),
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (form.password !== form.repeat) return setErrors({ repeat: t('password.mismatch') });
    setBusy(true);
    try {
      await api('/setup/admin', { body: { username: form.username.trim(), name: form.name.trim(), password: form.password } });
      await login(form.username.trim(), form.password);
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
      <Paper component="form" onSubmit={(e) => void submit(e)} data-testid="setup-form"
        sx={{ p: { xs: 3, sm: 4 }, width: 420, maxWidth: 'calc(100vw - 24px)', display: 'grid', gap: 2 }}>
        <Typography variant="h5">{t('setup.title')}</Typography>
        <Typography variant="body2" color="text.secondary">{t('setup.intro')}</Typography>
        {error && <Alert severity="error">{error}</Alert>}
        <TextField label={t('login.username')} autoComplete="username" required autoFocus {...field('username')} />
        <TextField label={t('setup.name')} required {...field('name')} />
        <TextField label={t('login.password')} type="password" autoComplete="new-password" required {...field('password')} />
        <TextField label={t('password.repeat')} type="password" autoComplete="new-password" required {...field('repeat')} />
        <Button type="submit" variant="contained" disabled={busy}>{t('setup.submit')}</Button>
        <Button size="small" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>{t('nav.language')}</Button>
      </Paper>
    </Box>
  );
}
