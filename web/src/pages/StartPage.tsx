import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { Spinner } from '../components/Spinner';
import { api, ApiError } from '../api';
import FormView, { validateForm } from '../forms/FormView';
import { startPrefill } from '../forms/startPrefill';
import { useFormDraft } from '../forms/formDraft';
import { useFormData } from '../forms/useFormData';
import { tierLabel } from '../labels';
import { useSession, useUser } from '../session';
import type { Customer, FormDefinition, Instance, ProcessEntry, StartInstanceBody } from '../types';
import { useApi } from '../useApi';

/** The processes this user may start, or one process's start form. */
export default function StartPage() {
  const { processKey } = useParams();
  const { t, locale } = useSession();
  const processes = useApi<{ items: ProcessEntry[] }>('/processes');
  if (processes.error) return <Alert severity="error">{processes.error.message}</Alert>;
  if (!processes.data) return <Spinner />;
  const entry = processes.data.items.find((p) => p.key === processKey);
  if (entry) return <StartForm entry={entry} />;
  return (
    <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>{t('start.title')}</Typography>
      {processes.data.items.length === 0 && <Typography color="text.secondary">{t('start.none')}</Typography>}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {processes.data.items.map((p) => (
          <Card key={p.key} sx={{ width: { xs: '100%', sm: 260 } }}>
            <CardActionArea component={RouterLink} to={`/start/${p.key}`}>
              <CardContent>
                <Typography variant="h6">{p.title[locale] ?? p.key}</Typography>
              </CardContent>
            </CardActionArea>
          </Card>
        ))}
      </Stack>
    </Paper>
  );
}

function StartForm({ entry }: { entry: ProcessEntry }) {
  const [params] = useSearchParams();
  const form = useApi<FormDefinition>(`/forms/${entry.formKey}`);
  if (form.error) return <Alert severity="error">{form.error.message}</Alert>;
  if (!form.data) return <Spinner />;
  return <StartFormBody key={params.toString()} entry={entry} form={form.data} initial={startPrefill(entry.key, form.data.schema, params)} />;
}

function StartFormBody({ entry, form, initial }: { entry: ProcessEntry; form: FormDefinition; initial: Record<string, unknown> }) {
  const { t, locale, formatDateTime } = useSession();
  const user = useUser();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  // What was typed survives a reload or a lost connection (and keeps the submission's requestId).
  const draft = useFormDraft(`start:${user.id}:${entry.key}:${search.toString()}`, initial);
  const { data, onChange, settled, showErrors, errorsShown, fieldErrors } = useFormData(draft.initial);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const edited = (next: Record<string, unknown>) => {
    onChange(next);
    draft.save(next);
  };

  const submit = async () => {
    const data = await settled();
    if (validateForm(form.schema, data).length) {
      showErrors();
      setError(t('task.fixErrors'));
      return;
    }
    setBusy(true);
    try {
      const instance = await api<Instance>(`/processes/${entry.key}/instances`, { body: { data, requestId: draft.requestId } satisfies StartInstanceBody });
      draft.clear();
      void navigate(`/instances/${instance.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        showErrors(err.fieldErrors);
        setError(t('task.fixErrors'));
      } else {
        setError(err instanceof ApiError ? err.message : t('common.error'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper sx={{ p: { xs: 1.5, sm: 3 }, maxWidth: 960 }}>
      <Typography variant="h5" component="h1">{entry.title[locale] ?? entry.key}</Typography>
      {typeof initial.customerId === 'number' && <CustomerLine id={initial.customerId} />}
      {draft.restoredAt && <Alert severity="info" sx={{ mt: 2 }} data-testid="draft-restored">{t('draft.restored', { at: formatDateTime(draft.restoredAt) })}</Alert>}
      {error && <Alert severity="error" sx={{ mt: 2 }} role="alert">{error}</Alert>}
      <Box sx={{ mt: 2 }}>
        <FormView form={form} locale={locale} data={data} onChange={edited} showErrors={errorsShown} fieldErrors={fieldErrors} />
      </Box>
      <Button variant="contained" sx={{ mt: 3, width: { xs: '100%', sm: 'auto' } }} disabled={busy} onClick={() => void submit()}>{t('start.submit')}</Button>
    </Paper>
  );
}

/** Whom a start form is about, when it was opened from a customer's page. */
function CustomerLine({ id }: { id: number }) {
  const { t } = useSession();
  const customer = useApi<Customer>(`/customers/${id}`);
  if (!customer.data) return null;
  const { name, code, tier } = customer.data;
  return <Typography color="text.secondary" data-testid="start-customer">{t('start.customer', { name, code, tier: tierLabel(tier) })}</Typography>;
}
