import UploadIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import { useState, type ChangeEvent } from 'react';
import { ApiError, postFile } from '../api';
import { useSession } from '../session';

/** The chosen file goes to `path` as it is; the answer to `onResult`, every refused row to `errors`. */
export function useFileImport<T>(path: string, onResult: (result: T) => void) {
  const { t } = useSession();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setErrors([]);
    try {
      onResult(await postFile<T>(path, file));
    } catch (err) {
      setErrors(err instanceof ApiError ? (err.fieldErrors.length ? err.fieldErrors.map((e) => e.message) : [err.message]) : [t('common.error')]);
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, choose };
}

/** An xlsx/csv upload button for `useFileImport`. */
export function FileImportButton({ label, busy, choose, testId, size }: {
  label: string; busy: boolean; choose(event: ChangeEvent<HTMLInputElement>): Promise<void>; testId: string; size?: 'small';
}) {
  return (
    <Button component="label" size={size} variant="outlined" startIcon={<UploadIcon />} disabled={busy}>
      {label}
      <input hidden type="file" accept=".xlsx,.csv" onChange={(e) => void choose(e)} data-testid={testId} />
    </Button>
  );
}

/** The import's progress and, when refused, the first 50 reasons (under `title` if given). */
export function FileImportStatus({ busy, errors, title }: { busy: boolean; errors: string[]; title?: string }) {
  return (
    <>
      {busy && <LinearProgress />}
      {errors.length > 0 && (
        <Alert severity="error" data-testid="import-errors">
          {title}
          <ul style={{ margin: 0, paddingLeft: 18 }}>{errors.slice(0, 50).map((e, i) => <li key={i}>{e}</li>)}</ul>
        </Alert>
      )}
    </>
  );
}
