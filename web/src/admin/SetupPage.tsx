import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { api } from '../api';
import { useSession } from '../session';
import { CenteredForm, useSubmission } from './adminParts';

/** 初始化: the first start outside demo mode, while no admin exists — the first admin's account, then signed in. */
export function SetupPage() {
  const { t, login, locale, setLocale } = useSession();
  const [form, setForm] = useState({ username: '', name: '', password: '', repeat: '' });
  const { errors, setErrors, error, busy, submit } = useSubmission();
  const field = (key: keyof typeof form) => ({
    name: key, value: form[key], error: !!errors[key], helperText: errors[key] ?? t(`setup.hint.${key}`),
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  const create = () => {
    if (form.password !== form.repeat) return setErrors({ repeat: t('password.mismatch') });
    const username = form.username.trim();
    void submit(async () => {
      await api('/setup/admin', { body: { username, name: form.name.trim(), password: form.password } });
      await login(username, form.password);
    });
  };
  return (
    <CenteredForm title={t('setup.title')} intro={t('setup.intro')} error={error} onSubmit={create} testId="setup-form">
      <TextField label={t('login.username')} autoComplete="username" required autoFocus {...field('username')} />
      <TextField label={t('setup.name')} required {...field('name')} />
      <TextField label={t('login.password')} type="password" autoComplete="new-password" required {...field('password')} />
      <TextField label={t('password.repeat')} type="password" autoComplete="new-password" required {...field('repeat')} />
      <Button type="submit" variant="contained" disabled={busy}>{t('setup.submit')}</Button>
      <Button size="small" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>{t('nav.language')}</Button>
    </CenteredForm>
  );
}
