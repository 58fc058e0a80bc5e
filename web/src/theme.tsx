import CssBaseline from '@mui/material/CssBaseline';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import { enUS, zhCN } from '@mui/material/locale';
import { useMemo, type ReactNode } from 'react';
import { useSession } from './session';

/** MUI theme with the component texts (pagination, pickers' buttons…) in the UI language. */
export function ThemedApp({ children }: { children: ReactNode }) {
  const { locale } = useSession();
  const theme = useMemo(
    () => createTheme({ palette: { primary: { main: '#1d5fa7' } }, typography: { fontSize: 14 } }, locale === 'en' ? enUS : zhCN),
    [locale],
  );
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}
