import { useCallback, useRef, useState } from 'react';
import type { FieldError } from '../api';

const NO_ERRORS: FieldError[] = [];

interface FormState {
  data: Record<string, unknown>;
  errorsShown: boolean;
  fieldErrors: FieldError[];
}

/**
 * A form's data and the errors shown on it. JSON Forms owns the data while the user edits: it reports
 * changes a few milliseconds late (text inputs only on blur or after a pause), and it re-applies its
 * `data` prop whenever that prop, the validation mode or the extra errors change. Feeding each report
 * back as the prop can overwrite a newer edit with an older one. So edits are only recorded
 * (`onChange`), a submit reads `settled()`, and every change of the prop or of the errors
 * (`reset`, `showErrors`) carries the latest edit with it.
 */
export function useFormData(initial: Record<string, unknown> = {}) {
  const [state, setState] = useState<FormState>({ data: initial, errorsShown: false, fieldErrors: NO_ERRORS });
  const latest = useRef(initial);
  const reset = useCallback((data: Record<string, unknown>) => {
    latest.current = data;
    setState((s) => ({ ...s, data }));
  }, []);
  const onChange = useCallback((data: Record<string, unknown>) => {
    latest.current = data;
  }, []);
  const settled = useCallback(async (): Promise<Record<string, unknown>> => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return latest.current;
  }, []);
  /** Shows the schema's errors from now on, and the server's `fieldErrors` on their fields. */
  const showErrors = useCallback((fieldErrors: FieldError[] = NO_ERRORS) => {
    setState({ data: latest.current, errorsShown: true, fieldErrors });
  }, []);
  return { ...state, reset, onChange, settled, showErrors };
}
