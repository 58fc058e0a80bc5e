import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { Spinner } from '../App';
import { api, ApiError, newRequestId, type FieldError } from '../api';
import FormView, { validateForm } from '../forms/FormView';
import { startPrefill } from '../forms/startPrefill';
import { useFormData } from '../forms/useFormData';
import { useSession } from '../session';
import type { FormDefinition, Instance, ProcessEntry } from '../types';
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
    <Paper sx={{ p: 3 }}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>{t('start.title')}</Typography>
      {processes.data.items.length === 0 && <Typography color="text.secondary">{t('start.none')}</Typography>}
      <Stack direction="row" spacing={2}>
        {processes.data.items.map((p) => (
          <Card key={p.key} sx={{ width: 260 }}>
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
  const { t, locale } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const form = useApi<FormDefinition>(`/forms/${entry.formKey}`);
  const { data, reset, onChange, settled } = useFormData();
  const [showErrors, setShowErrors] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());

  const search = params.toString();
  useEffect(() => {
    if (form.data) reset(startPrefill(entry.key, form.data.schema, new URLSearchParams(search)));
  }, [form.data, entry.key, search, reset]);

  if (form.error) return <Alert severity="error">{form.error.message}</Alert>;
  if (!form.data || !data) return <Spinner />;

  const submit = async () => {
    const data = await settled();
    setFieldErrors([]);
    if (validateForm(form.data!.schema, data).length) {
      setShowErrors(true);
      setError(t('task.fixErrors'));
      return;
    }
    setBusy(true);
    try {
      const instance = await api<Instance>(`/processes/${entry.key}/instances`, { body: { data, requestId: requestId.current } });
      navigate(`/instances/${instance.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setFieldErrors(err.fieldErrors);
        setShowErrors(true);
        setError(t('task.fixErrors'));
      } else {
        setError(err instanceof ApiError ? err.message : t('common.error'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper sx={{ p: 3, maxWidth: 960 }}>
      <Typography variant="h5" component="h1">{entry.title[locale] ?? entry.key}</Typography>
      {error && <Alert severity="error" sx={{ mt: 2 }} role="alert">{error}</Alert>}
      <Box sx={{ mt: 2 }}>
        <FormView form={form.data} locale={locale} data={data} onChange={onChange} showErrors={showErrors} fieldErrors={fieldErrors} />
      </Box>
      <Button variant="contained" sx={{ mt: 3 }} disabled={busy} onClick={() => void submit()}>{t('start.submit')}</Button>
    </Paper>
  );
}
