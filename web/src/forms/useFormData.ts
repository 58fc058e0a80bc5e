import { useCallback, useRef, useState } from 'react';

/**
 * A form's data. JSON Forms owns the data while the user edits: it reports changes a few milliseconds
 * late (text inputs only on blur or after a pause), and re-applies its `data` prop whenever that prop,
 * the validation mode or the extra errors change. Feeding each report back as the prop can therefore
 * overwrite a newer edit with an older one. So the prop (`data`) changes only when the page sets it
 * (`reset`), changes are only recorded (`onChange`), and a submit reads `settled()`.
 */
export function useFormData(initial: Record<string, unknown> | undefined = undefined) {
  const [data, setState] = useState(initial);
  const latest = useRef(initial);
  const reset = useCallback((next: Record<string, unknown>) => {
    latest.current = next;
    setState(next);
  }, []);
  const onChange = useCallback((next: Record<string, unknown>) => {
    latest.current = next;
  }, []);
  const settled = useCallback(async (): Promise<Record<string, unknown>> => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return latest.current ?? {};
  }, []);
  return { data, reset, onChange, settled };
}
