import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../api';
import { WebhookSettings } from '../components/WebhookSettings';
import type { Locale } from '../messages';
import { useSession, useUser } from '../session';
import type { ChangePasswordBody } from '../types';

/** One part of the page, under its heading. */
export function SettingsSection({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-label={title} data-testid={testId} sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>{title}</Typography>
      {children}
    </Paper>
  );
}

type PasswordField = 'currentPassword' | 'newPassword' | 'repeat';
const NO_PASSWORDS: Record<PasswordField, string> = { currentPassword: '', newPassword: '', repeat: '' };

/** 修改密码: the current one, the new one twice; the server's refusals at their fields. */
function PasswordSection() {
  const { t } = useSession();
  const user = useUser();
  const [values, setValues] = useState(NO_PASSWORDS);
  const [errors, setErrors] = useState<Partial<Record<PasswordField, string>>>({});
  const [failure, setFailure] = useState<string>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const field = (name: PasswordField, label: string, autoComplete: string, helper?: string) => (
    <TextField type="password" name={name} label={label} autoComplete={autoComplete} required fullWidth value={values[name]}
      onChange={(e) => {
        setValues({ ...values, [name]: e.target.value });
        setErrors({ ...errors, [name]: undefined });
      }}
      error={errors[name] !== undefined} helperText={errors[name] ?? helper} />
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setFailure(undefined);
    if (values.newPassword !== values.repeat) {
      setErrors({ repeat: t('settings.passwordMismatch') });
      return;
    }
    setBusy(true);
    try {
      const body: ChangePasswordBody = { currentPassword: values.currentPassword, newPassword: values.newPassword };
      await api('/me/password', { body });
      setValues(NO_PASSWORDS);
      setErrors({});
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length > 0) {
        setErrors(Object.fromEntries(err.fieldErrors.map((e) => [e.path.replace(/^\//, ''), e.message])));
      } else {
        setFailure(err instanceof ApiError ? err.message : t('common.error'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <SettingsSection title={t('settings.password')} testId="settings-password">
      <Stack component="form" noValidate spacing={2} onSubmit={(e) => void submit(e)} sx={{ maxWidth: 480 }}>
        {/* For the browser's password manager: whose password this is. */}
        <input type="text" name="username" autoComplete="username" hidden readOnly value={user.username} />
        {field('currentPassword', t('settings.currentPassword'), 'current-password')}
        {field('newPassword', t('settings.newPassword'), 'new-password', t('settings.passwordRules'))}
        {field('repeat', t('settings.repeatPassword'), 'new-password')}
        <Typography variant="body2" color="text.secondary">{t('settings.passwordNote')}</Typography>
        {failure && <Alert severity="error">{failure}</Alert>}
        {done && <Alert severity="success" data-testid="password-changed" onClose={() => setDone(false)}>{t('settings.passwordChanged')}</Alert>}
        <Button type="submit" variant="contained" disabled={busy} sx={{ alignSelf: { xs: 'stretch', sm: 'flex-start' }, minHeight: 44 }}>
          {t('settings.changePassword')}
        </Button>
      </Stack>
    </SettingsSection>
  );
}

/** Each language by its own name, as a language switch shows them. */
const LANGUAGES: { locale: Locale; name: string }[] = [{ locale: 'zh-CN', name: '中文' }, { locale: 'en', name: 'English' }];

/** 语言: the UI's language, remembered for the account (the session's setLocale). */
function LanguageSection() {
  const { t, locale, setLocale } = useSession();
  return (
    <SettingsSection title={t('settings.language')} testId="settings-language">
      <RadioGroup row name="locale" value={locale} onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'zh-CN')}>
        {LANGUAGES.map((l) => (
          <FormControlLabel key={l.locale} value={l.locale} control={<Radio />} label={l.name} lang={l.locale} sx={{ minHeight: 44, mr: 4 }} />
        ))}
      </RadioGroup>
    </SettingsSection>
  );
}

/** 个人设置, for every user: their password, their language, and their own webhook with its test send and delivery log. */
export default function PersonalSettingsPage() {
  const { t } = useSession();
  return (
    <Stack spacing={{ xs: 1, md: 2 }} sx={{ maxWidth: 960, mx: 'auto' }}>
      <Typography variant="h5" component="h1" sx={{ px: { xs: 0.5, md: 0 }, pt: { xs: 0.5, md: 0 } }}>{t('settings.title')}</Typography>
      <PasswordSection />
      <LanguageSection />
      <SettingsSection title={t('settings.webhook')} testId="settings-webhook">
        <WebhookSettings />
      </SettingsSection>
    </Stack>
  );
}
