import CssBaseline from '@mui/material/CssBaseline';
import { createTheme, ThemeProvider, type Theme } from '@mui/material/styles';
import { enUS, zhCN } from '@mui/material/locale';
import { enUS as pickersEnUS, zhCN as pickersZhCN } from '@mui/x-date-pickers/locales';
import type {} from '@mui/x-date-pickers/themeAugmentation';
import { useMemo, type ReactNode } from 'react';
import { usePhone } from './responsive';
import { useSession } from './session';
/** Fingers need this much (WCAG 2.5.5, Apple's HIG: 44 pt). */
const TOUCH = 44;

/** Pickers open as a popper only on a wide screen with a mouse; on a phone (or a touch screen) as a dialog. */
const DESKTOP_PICKER = '@media (min-width:600px) and (pointer:fine)';

/** A picker's dialog: on a phone the whole screen, the calendar in the middle and its buttons at the bottom, under the thumb. */
function pickerDialog(phone: boolean) {
  if (!phone) return {};
  return {
    fullScreen: true,
    sx: {
      '& .MuiDialogContent-root': { display: 'flex', flexDirection: 'column' },
      '& .MuiPickersLayout-root': { flexGrow: 1, gridTemplateRows: 'auto 1fr auto' },
      '& .MuiPickersLayout-contentWrapper': { alignSelf: 'center' },
    },
  };
}

/** On phones only: the rule, under `sm`. */
const onPhone = (theme: Theme, rule: Record<string, unknown>) => ({ [theme.breakpoints.down('sm')]: rule });

/**
 * MUI theme with the component texts (pagination, pickers' buttons…) in the UI language, the date
 * pickers in it too (zh-CN: 2026年12月7日, weeks from Monday), and phone-sized touch targets.
 */
export function ThemedApp({ children }: { children: ReactNode }) {
  const { locale } = useSession();
  const phone = usePhone();
  const theme = useMemo(() => {
    const en = locale === 'en';
    return createTheme({
      palette: { primary: { main: '#1d5fa7' } },
      typography: { fontSize: 14 },
      components: {
        // The dayjs locales load with the pickers (forms/pickerLocales.ts); en-gb: English, weeks from Monday as in China.
        MuiLocalizationProvider: {
          defaultProps: {
            adapterLocale: en ? 'en-gb' : 'zh-cn',
            // The picker's toolbar as Chinese writes a date (12月7日), not 7 十二月.
            dateFormats: en ? undefined : { shortDate: 'M月D日', normalDate: 'M月D日', normalDateWithWeekday: 'M月D日 ddd' },
          },
        },
        // …and the calendar's heading: 2026年12月, not 十二月 2026.
        MuiPickersCalendarHeader: { defaultProps: (en ? {} : { format: 'YYYY年M月' }) as object },
        // On a phone a picker is a full-screen dialog, never a popper half off the screen.
        MuiDatePicker: { defaultProps: { desktopModeMediaQuery: DESKTOP_PICKER, slotProps: { dialog: pickerDialog(phone) } } },
        MuiDateTimePicker: { defaultProps: { desktopModeMediaQuery: DESKTOP_PICKER, slotProps: { dialog: pickerDialog(phone) } } },
        // 2026年12月7日, not 2026年12月07日.
        MuiDateField: { defaultProps: { shouldRespectLeadingZeros: true } },
        MuiDateTimeField: { defaultProps: { shouldRespectLeadingZeros: true } },
        MuiButton: { styleOverrides: { root: ({ theme: t }) => onPhone(t, { minHeight: TOUCH }) } },
        MuiIconButton: { styleOverrides: { root: ({ theme: t }) => onPhone(t, { minWidth: TOUCH, minHeight: TOUCH }) } },
        MuiCheckbox: { styleOverrides: { root: ({ theme: t }) => onPhone(t, { padding: 10 }) } },
        MuiRadio: { styleOverrides: { root: ({ theme: t }) => onPhone(t, { padding: 10 }) } },
        MuiToggleButton: { styleOverrides: { root: ({ theme: t }) => onPhone(t, { minHeight: TOUCH }) } },
        MuiListItemButton: { styleOverrides: { root: { minHeight: 48 } } },
        MuiTab: { styleOverrides: { root: ({ theme: t }) => onPhone(t, { minHeight: 48, paddingLeft: 12, paddingRight: 12 }) } },
        MuiChip: { styleOverrides: { clickable: ({ theme: t }) => onPhone(t, { height: TOUCH, borderRadius: TOUCH / 2 }) } },
        // Small fields (filters, selects) are 40 px high: on a phone 44, the label still centred.
        MuiOutlinedInput: {
          styleOverrides: {
            root: ({ theme: t }) => onPhone(t, { '& .MuiInputBase-inputSizeSmall:not(.MuiInputBase-inputMultiline)': { paddingTop: 10.5, paddingBottom: 10.5 } }),
          },
        },
        MuiInputLabel: {
          styleOverrides: {
            root: ({ theme: t }) => onPhone(t, { '&.MuiInputLabel-outlined.MuiInputLabel-sizeSmall:not(.MuiInputLabel-shrink)': { transform: 'translate(14px, 11px) scale(1)' } }),
          },
        },
        MuiTablePagination: {
          styleOverrides: {
            toolbar: ({ theme: t }) => onPhone(t, { flexWrap: 'wrap', paddingLeft: 0, justifyContent: 'flex-end' }),
            selectLabel: ({ theme: t }) => onPhone(t, { margin: 0 }),
            displayedRows: ({ theme: t }) => onPhone(t, { margin: 0 }),
          },
        },
      },
    }, en ? enUS : zhCN, en ? pickersEnUS : pickersZhCN);
  }, [locale, phone]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}
