import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useRef, useState } from 'react';
import { api, ApiError, newRequestId } from '../api';
import FormView, { validateForm } from '../forms/FormView';
import { useFormData } from '../forms/useFormData';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import type { FormDefinition, FormSubmissionBody } from '../types';
import { useApi } from '../useApi';

/** A small form in a dialog (the whole screen on a phone), posted as `{data, requestId}` to `endpoint` (one request id per opening). */
export function FormDialog({ formKey, title, endpoint, onClose }: { formKey: string; title: string; endpoint: string; onClose(done: boolean): void }) {
  const { t, locale } = useSession();
  const phone = usePhone();
  const form = useApi<FormDefinition>(`/forms/${formKey}`);
  const { data, onChange, settled, showErrors, errorsShown, fieldErrors } = useFormData();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());

  const submit = async () => {
    const current = await settled();
    if (validateForm(form.data!.schema, current).length) {
      showErrors();
      return;
    }
    setBusy(true);
    try {
      await api(endpoint, { body: { data: current, requestId: requestId.current } satisfies FormSubmissionBody });
      onClose(true);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) showErrors(err.fieldErrors);
      else setError(err instanceof ApiError ? err.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open fullWidth maxWidth="sm" fullScreen={phone} onClose={() => onClose(false)}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error" sx={{ mb: 1 }}>{error}</Alert>}
        {form.data && <FormView form={form.data} locale={locale} data={data} onChange={onChange} showErrors={errorsShown} fieldErrors={fieldErrors} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={busy || !form.data} onClick={() => void submit()}>{t('task.submit')}</Button>
      </DialogActions>
    </Dialog>
  );
}
