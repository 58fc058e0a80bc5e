import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import type { SxProps, Theme } from '@mui/material/styles';
import dayjs, { type Dayjs } from 'dayjs';
import { pickerFormat } from '../forms/pickerLocales';
import { useSession } from '../session';

export interface DateFieldProps {
  label: string;
  /** YYYY-MM-DD (a day) or YYYY-MM (a month); undefined for none. */
  value: string | undefined;
  onChange(value: string | undefined): void;
  kind?: 'date' | 'month';
  testId?: string;
  fullWidth?: boolean;
  sx?: SxProps<Theme>;
}

/**
 * The app's own date field (instead of `<input type=date>`, which speaks the browser's language): the
 * MUI X picker in the UI's language, a full-screen dialog on phones (the theme's defaults). Loads on demand.
 */
export default function DateField({ label, value, onChange, kind = 'date', testId, fullWidth, sx }: DateFieldProps) {
  const { locale } = useSession();
  const month = kind === 'month';
  const parsed = value ? dayjs(value) : null;
  const change = (next: Dayjs | null) => {
    if (next === null) onChange(undefined);
    // A value half typed in the field is not a date yet: the filter waits for a whole one.
    else if (next.isValid()) onChange(next.format(month ? 'YYYY-MM' : 'YYYY-MM-DD'));
  };
  return (
    <LocalizationProvider dateAdapter={AdapterDayjs}>
      <DatePicker
        label={label}
        value={parsed?.isValid() ? parsed : null}
        onChange={change}
        views={month ? ['year', 'month'] : ['year', 'month', 'day']}
        openTo={month ? 'month' : 'day'}
        format={pickerFormat(locale, kind)}
        sx={sx}
        slotProps={{
          textField: { size: 'small', fullWidth, ...({ 'data-testid': testId } as object) },
          field: { clearable: true },
          actionBar: ({ pickerVariant }) => ({ actions: pickerVariant === 'mobile' ? ['clear', 'cancel', 'accept'] : ['clear'] }),
        }}
      />
    </LocalizationProvider>
  );
}
