import TextField from '@mui/material/TextField';
import { lazy, Suspense } from 'react';

// The date picker (MUI X and dayjs) loads after a page's first screen, not with it.
const DateField = lazy(() => import('./DateField'));

export interface LazyDateFieldProps {
  label: string;
  /** YYYY-MM-DD for a day, YYYY-MM for a month; undefined for none. */
  value: string | undefined;
  onChange(value: string | undefined): void;
  /** Full width (a phone's filter list), else `width` pixels. */
  fullWidth?: boolean;
  width?: number;
  testId?: string;
}

/** The app's date field; until the picker has loaded, an empty field of the same size holds its place. */
export function LazyDateField({ kind = 'date', label, value, onChange, fullWidth, width = 190, testId }: LazyDateFieldProps & { kind?: 'date' | 'month' }) {
  const sx = { width: fullWidth ? undefined : width };
  return (
    <Suspense fallback={<TextField size="small" label={label} disabled fullWidth={fullWidth} sx={sx} />}>
      <DateField kind={kind} label={label} value={value} onChange={onChange} fullWidth={fullWidth} sx={sx} testId={testId} />
    </Suspense>
  );
}
