import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { SettingsView } from '../../../api/settings/settingsContract';
import { api, ApiError } from '../api';
import { Spinner } from '../components/Spinner';
import { useSession, useUser } from '../session';
import { useApi } from '../useApi';
import { useUserName } from '../users';
import { SettingField } from './SettingField';
import {
  bodyOf, draftOf, fieldPath, localProblem, sameValue, SETTING_FIELDS, type SettingsSection, type SettingValue,
} from './settingsDraft';

/** Brings the first field with an error into view (the form is long; the notice is at its end). */
const showFirstError = () => requestAnimationFrame(() =>
  document.querySelector('[data-testid="settings-form"] .Mui-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' }));

/** The form over one answer of `GET /api/admin/settings`; read-only unless `editable`. */
function SettingsForm({ initial, editable }: { initial: SettingsView; editable: boolean }) {
  const { t, formatDateTime } = useSession();
  const userName = useUserName();
  const [view, setView] = useState(initial);
  const [draft, setDraft] = useState(() => draftOf(initial.settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ severity: 'success' | 'error' | 'info'; text: string }>();
  const [busy, setBusy] = useState(false);
  const saved = draftOf(view.settings);
  const defaults = draftOf(view.defaults);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const allDefault = SETTING_FIELDS.every(({ section, fields }) => fields.every(([key]) => sameValue(draft[section][key], defaults[section][key])));

  const change = (section: SettingsSection, key: string, value: SettingValue) => {
    setDraft({ ...draft, [section]: { ...draft[section], [key]: value } });
    setErrors({ ...errors, [`/${section}/${key}`]: '' });
    setNotice(undefined);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    for (const { section, fields } of SETTING_FIELDS) {
      for (const [key, kind] of fields) {
        const problem = localProblem(kind, draft[section][key] ?? '');
        if (problem) problems[`/${section}/${key}`] = t(`adminTools.settings.${problem}`);
      }
    }
    if (Object.keys(problems).length) {
      setErrors(problems);
      setNotice({ severity: 'error', text: t('adminTools.settings.invalid') });
      showFirstError();
      return;
    }
    setBusy(true);
    setNotice(undefined);
    try {
      const next = await api<SettingsView>('/admin/settings', { method: 'PUT', body: bodyOf(draft) });
      setView(next);
      setDraft(draftOf(next.settings));
      setErrors({});
      setNotice({ severity: 'success', text: t('adminTools.settings.saved') });
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(Object.fromEntries(err.fieldErrors.map((e) => [fieldPath(e.path), e.message])));
        const known = err.fieldErrors.every((e) => SETTING_FIELDS.some(({ section, fields }) => fields.some(([key]) => fieldPath(e.path) === `/${section}/${key}`)));
        setNotice({ severity: 'error', text: known ? t('adminTools.settings.invalid') : err.message });
        showFirstError();
      } else {
        setNotice({ severity: 'error', text: err instanceof ApiError ? err.message : t('common.error') });
      }
    } finally {
      setBusy(false);
    }
  };

  const restoreAll = () => {
    setDraft(defaults);
    setErrors({});
    setNotice({ severity: 'info', text: t('adminTools.settings.restoreAllHint') });
  };

  return (
    <Stack component="form" noValidate spacing={2} onSubmit={(e) => void save(e)} data-testid="settings-form">
      <Typography variant="body2" color="text.secondary">{t('adminTools.settings.intro')}</Typography>
      {!editable && <Alert severity="info" data-testid="settings-read-only">{t('adminTools.settings.readOnly')}</Alert>}
      <Typography variant="body2" color="text.secondary" data-testid="settings-saved-at">
        {view.updatedAt
          ? t('adminTools.settings.lastSaved', { at: formatDateTime(view.updatedAt), who: userName(view.updatedBy) })
          : t('adminTools.settings.neverSaved')}
      </Typography>
      {SETTING_FIELDS.map(({ section, fields }) => (
        <Paper key={section} variant="outlined" component="section" aria-label={t(`adminTools.settings.section.${section}`)}
          data-testid={`settings-section-${section}`} sx={{ p: { xs: 1.5, sm: 2 } }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1.5 }}>{t(`adminTools.settings.section.${section}`)}</Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'repeat(2, minmax(0, 1fr))' }, columnGap: 3, rowGap: 2 }}>
            {fields.map(([key, kind]) => (
              <SettingField key={key} name={`${section}.${key}`} kind={kind} value={draft[section][key] ?? ''} defaultValue={defaults[section][key] ?? ''}
                error={errors[`/${section}/${key}`] || undefined} readOnly={!editable} onChange={(value) => change(section, key, value)} />
            ))}
          </Box>
        </Paper>
      ))}
      {notice && (
        <Alert severity={notice.severity} data-testid="settings-notice" onClose={() => setNotice(undefined)}>{notice.text}</Alert>
      )}
      {editable && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', '& > button': { minHeight: 44, flex: { xs: '1 1 40%', sm: '0 0 auto' } } }}>
          <Button type="submit" variant="contained" disabled={busy || !dirty}>{t('common.save')}</Button>
          <Button variant="outlined" disabled={busy || allDefault} onClick={restoreAll}>{t('adminTools.settings.restoreAll')}</Button>
          <Button disabled={busy || !dirty} onClick={() => { setDraft(saved); setErrors({}); setNotice(undefined); }}>{t('common.cancel')}</Button>
        </Stack>
      )}
    </Stack>
  );
}

/** 业务参数: every business setting by section, with its default; the dept head reads them, an admin saves them. */
export default function SettingsAdmin() {
  const user = useUser();
  const settings = useApi<SettingsView>('/admin/settings');
  if (settings.error) return <Alert severity="error">{settings.error.message}</Alert>;
  if (!settings.data) return <Spinner />;
  return <SettingsForm initial={settings.data} editable={user.roles.includes('admin')} />;
}
