import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../api';
import { prefetchInbox } from '../inboxQuery';
import { useSession } from '../session';

export function LoginPage() {
  const { t, login, locale, setLocale } = useSession();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const me = await login(username.trim(), password);
      // Signed in: the inbox's lists are asked for now, while the page is drawn, not after it (unless the
      // one-time password must be changed first: until then they would only be refused).
      const next = new URL(params.get('next') ?? '/', window.location.origin);
      if (next.pathname === '/' && !me.mustChangePassword) prefetchInbox(next.searchParams);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: '#eef2f7' }}>
      <Paper component="form" onSubmit={(e) => void submit(e)} sx={{ p: { xs: 3, sm: 4 }, width: 380, maxWidth: 'calc(100vw - 24px)', display: 'grid', gap: 2 }}>
        <Typography variant="h5">{t('appName')}</Typography>
        <Typography variant="subtitle1" color="text.secondary">{t('login.title')}</Typography>
        {error && <Alert severity="error">{error}</Alert>}
        <TextField label={t('login.username')} name="username" value={username} autoFocus autoComplete="username"
          onChange={(e) => setUsername(e.target.value)} required />
        <TextField label={t('login.password')} name="password" type="password" value={password} autoComplete="current-password"
          onChange={(e) => setPassword(e.target.value)} required />
        <Button type="submit" variant="contained" disabled={busy}>{t('login.submit')}</Button>
        <Typography variant="caption" color="text.secondary">{t('login.demoHint')}</Typography>
        <Button size="small" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>{t('nav.language')}</Button>
      </Paper>
    </Box>
  );
}
