import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { api, ApiError, newRequestId } from '../api';
import { codeLabel } from '../labels';
import { useSession } from '../session';
import type { Page, WebhookBody, WebhookTestBody } from '../types';
import { useApi, type Loaded } from '../useApi';
import { Spinner } from './Spinner';
import { WebhookDeliveryLog, type WebhookDelivery } from './WebhookDeliveryLog';

type WebhookKind = NonNullable<WebhookBody['kinds']>[number];
/** The kinds a webhook may choose, in the order of the list; a test (`webhook_test`) is sent whatever is chosen. */
type ChosenKind = Exclude<WebhookKind, 'webhook_test'>;
const KIND_ORDER: Record<ChosenKind, number> = {
  task_assigned: 1, task_returned: 2, task_due_soon: 3, task_overdue: 4, task_chased: 5, task_cc: 6, task_completed: 7, process_completed: 8,
  comment_mentioned: 9, comment_added: 10,
};
const KINDS = (Object.keys(KIND_ORDER) as ChosenKind[]).sort((a, b) => KIND_ORDER[a] - KIND_ORDER[b]);
const isChosenKind = (kind: string): kind is ChosenKind => kind in KIND_ORDER;

/** `GET /api/me/webhook`, and `PUT`'s answer (with `secret` only when one was generated). */
interface SavedWebhook {
  url: string;
  enabled: boolean;
  kinds: WebhookKind[];
  hasSecret: true;
  secret?: string;
}

interface Draft {
  url: string;
  secret: string;
  enabled: boolean;
  kinds: ChosenKind[];
}

const draftOf = (saved: SavedWebhook | null): Draft => ({
  url: saved?.url ?? '', secret: '', enabled: saved?.enabled ?? true, kinds: saved ? saved.kinds.filter(isChosenKind) : [...KINDS],
});

const sameDraft = (a: Draft, b: Draft) =>
  a.url === b.url && a.secret === b.secret && a.enabled === b.enabled && a.kinds.length === b.kinds.length && a.kinds.every((k) => b.kinds.includes(k));

const LOG_SIZE = 10;
/** The log follows a delivery until it is settled. */
const LOG_REFRESH = { everyMs: 1500, while: (log: Page<WebhookDelivery>) => log.items.some((d) => d.status === 'pending') };

/** The secret the server generated, shown this once, with a copy button. */
function SecretOnce({ secret, onClose }: { secret: string; onClose(): void }) {
  const { t } = useSession();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => undefined);
  };
  return (
    <Alert severity="warning" onClose={onClose} sx={{ '& .MuiAlert-message': { minWidth: 0, flexGrow: 1 } }}>
      {t('settings.webhookSecretOnce')}
      <Box component="code" data-testid="webhook-secret" sx={{ display: 'block', my: 1, p: 1, bgcolor: 'background.paper', borderRadius: 1, overflowWrap: 'anywhere', userSelect: 'all' }}>
        {secret}
      </Box>
      {'clipboard' in navigator && <Button size="small" variant="outlined" onClick={() => void copy()}>{copied ? t('settings.copied') : t('settings.copy')}</Button>}
    </Alert>
  );
}

/** The form of the caller's webhook, its test send and its removal; `onSent` after a test or a removal changed the log. */
function WebhookForm({ initial, onSent }: { initial: SavedWebhook | null; onSent(): void }) {
  const { t } = useSession();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string }>();
  const [secret, setSecret] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const dirty = !sameDraft(draft, draftOf(saved));

  const edit = (change: Partial<Draft>, path: string) => {
    setDraft({ ...draft, ...change });
    setErrors({ ...errors, [path]: '' });
  };
  /** Runs one request at a time; the server's message of a refusal in the notice. */
  const run = async (request: () => Promise<void>) => {
    setBusy(true);
    setNotice(undefined);
    try {
      await request();
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length > 0) {
        // `/kinds/<i>` belongs to the list of kinds.
        setErrors(Object.fromEntries(err.fieldErrors.map((e) => [e.path.startsWith('/kinds') ? '/kinds' : e.path, e.message])));
      }
      setNotice({ severity: 'error', text: err instanceof ApiError ? err.message : t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (draft.kinds.length === 0) {
      setErrors({ '/kinds': t('settings.kindsRequired') });
      return;
    }
    void run(async () => {
      const body: WebhookBody = { url: draft.url.trim(), enabled: draft.enabled, kinds: draft.kinds, ...(draft.secret ? { secret: draft.secret } : {}) };
      const answer = await api<SavedWebhook>('/me/webhook', { method: 'PUT', body });
      const { secret: generated, ...stored } = answer;
      setSaved(stored);
      setDraft(draftOf(stored));
      setErrors({});
      setSecret(generated);
      setNotice({ severity: 'success', text: t('settings.webhookSaved') });
    });
  };
  const sendTest = () => void run(async () => {
    const body: WebhookTestBody = { requestId: newRequestId() };
    await api('/me/webhook/test', { body });
    setNotice({ severity: 'success', text: t('settings.testSent') });
    onSent();
  });
  const remove = () => void run(async () => {
    setConfirming(false);
    await api('/me/webhook', { method: 'DELETE' });
    setSaved(null);
    setDraft(draftOf(null));
    setErrors({});
    setSecret(undefined);
    setNotice({ severity: 'success', text: t('settings.webhookDeleted') });
    onSent();
  });

  const toggleKind = (kind: ChosenKind, on: boolean) =>
    edit({ kinds: on ? KINDS.filter((k) => k === kind || draft.kinds.includes(k)) : draft.kinds.filter((k) => k !== kind) }, '/kinds');

  return (
    <Stack component="form" noValidate spacing={2} onSubmit={save} data-testid="webhook-form">
      <Typography variant="body2" color="text.secondary">{t('settings.webhookIntro')}</Typography>
      {!saved && <Typography variant="body2" data-testid="webhook-none">{t('settings.webhookNone')}</Typography>}
      <TextField name="url" type="url" label={t('settings.webhookUrl')} required fullWidth value={draft.url} placeholder="https://"
        slotProps={{ htmlInput: { inputMode: 'url', autoCapitalize: 'none', spellCheck: false } }}
        onChange={(e) => edit({ url: e.target.value }, '/url')} error={!!errors['/url']} helperText={errors['/url'] || undefined} />
      <TextField name="secret" label={t('settings.webhookSecret')} fullWidth value={draft.secret} autoComplete="off"
        slotProps={{ htmlInput: { autoCapitalize: 'none', spellCheck: false } }}
        onChange={(e) => edit({ secret: e.target.value }, '/secret')} error={!!errors['/secret']} helperText={errors['/secret'] || t('settings.webhookSecretHint')} />
      <FormControlLabel control={<Switch name="enabled" checked={draft.enabled} onChange={(e) => edit({ enabled: e.target.checked }, '/enabled')} />}
        label={t('settings.webhookEnabled')} sx={{ minHeight: 44 }} />
      <FormControl component="fieldset" error={!!errors['/kinds']}>
        <FormLabel component="legend">{t('settings.webhookKinds')}</FormLabel>
        <FormGroup sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', sm: 'repeat(4, auto)' }, justifyContent: 'start', columnGap: 2 }}>
          {KINDS.map((kind) => (
            <FormControlLabel key={kind} label={codeLabel(t, 'notifyKind', kind)} sx={{ minHeight: 44, mr: 0 }}
              control={<Checkbox name={`kind-${kind}`} checked={draft.kinds.includes(kind)} onChange={(e) => toggleKind(kind, e.target.checked)} />} />
          ))}
        </FormGroup>
        {errors['/kinds'] && <FormHelperText>{errors['/kinds']}</FormHelperText>}
      </FormControl>
      {secret && <SecretOnce secret={secret} onClose={() => setSecret(undefined)} />}
      {notice && <Alert severity={notice.severity} data-testid="webhook-notice" onClose={() => setNotice(undefined)}>{notice.text}</Alert>}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', '& > button': { minHeight: 44, flex: { xs: '1 1 40%', sm: '0 0 auto' } } }}>
        <Button type="submit" variant="contained" disabled={busy || (saved !== null && !dirty)}>{t('common.save')}</Button>
        <Button variant="outlined" disabled={busy || !saved?.enabled || dirty} onClick={sendTest}>{t('settings.sendTest')}</Button>
        {saved && <Button color="error" disabled={busy} onClick={() => setConfirming(true)}>{t('settings.webhookDelete')}</Button>}
      </Stack>
      {saved && dirty && <Typography variant="caption" color="text.secondary">{t('settings.testNeedsSave')}</Typography>}
      <Dialog open={confirming} onClose={() => setConfirming(false)} fullWidth maxWidth="xs">
        <DialogContent>{t('settings.webhookDeleteConfirm')}</DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
          <Button color="error" variant="contained" onClick={remove}>{t('settings.delete')}</Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

/** 消息推送（Webhook）: the caller's own webhook, a test send, and the delivery log that shows how each went. */
export function WebhookSettings() {
  const { t } = useSession();
  const webhook = useApi<SavedWebhook>('/me/webhook');
  const [page, setPage] = useState(1);
  const log: Loaded<Page<WebhookDelivery>> = useApi(`/me/webhook/deliveries?size=${LOG_SIZE}&page=${page}`, LOG_REFRESH);
  const none = webhook.error?.status === 404;
  const sent = () => {
    if (page === 1) log.reload();
    else setPage(1);
  };
  return (
    <Stack spacing={2}>
      {webhook.error && !none && <Alert severity="error">{webhook.error.message}</Alert>}
      {webhook.data || none ? <WebhookForm initial={webhook.data ?? null} onSent={sent} /> : !webhook.error && <Spinner />}
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>{t('settings.deliveries')}</Typography>
      {log.error && <Alert severity="error">{log.error.message}</Alert>}
      {log.data ? <WebhookDeliveryLog log={log.data} onPage={setPage} /> : !log.error && <Spinner />}
    </Stack>
  );
}
