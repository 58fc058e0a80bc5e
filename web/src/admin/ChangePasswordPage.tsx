import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { api } from '../api';
import { useSession, useUser } from '../session';
import { CenteredForm, useSubmission } from './adminParts';

/** A user signed in with an admin's one-time password chooses their own before anything else. */
export function ChangePasswordPage() {
  const { t, refreshUser, logout } = useSession();
  const user = useUser();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const { errors, setErrors, error, busy, submit } = useSubmission();
  const field = (key: keyof typeof form) => ({
    name: key, value: form[key], error: !!errors[key], helperText: errors[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  const change = () => {
    if (form.newPassword !== form.repeat) return setErrors({ repeat: t('password.mismatch') });
    void submit(async () => {
      await api('/me/password', { body: { currentPassword: form.currentPassword, newPassword: form.newPassword } });
      await refreshUser();
    });
  };
  return (
    <CenteredForm title={t('password.firstTitle')} intro={t('password.firstIntro', { name: user.displayName })} error={error}
      onSubmit={change} testId="change-password-form">
      <TextField label={t('password.current')} type="password" autoComplete="current-password" required autoFocus {...field('currentPassword')} />
      <TextField label={t('password.new')} type="password" autoComplete="new-password" required
        {...field('newPassword')} helperText={errors.newPassword ?? t('password.rules')} />
      <TextField label={t('password.repeat')} type="password" autoComplete="new-password" required {...field('repeat')} />
      <Button type="submit" variant="contained" disabled={busy}>{t('password.submit')}</Button>
      <Button size="small" onClick={() => void logout()}>{t('nav.logout')}</Button>
    </CenteredForm>
  );
}
