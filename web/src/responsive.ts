import useMediaQuery from '@mui/material/useMediaQuery';

/** Phones: below MUI's `sm` breakpoint (600 px). Cards instead of tables, full-screen dialogs, the bottom action bar. */
export const PHONE_QUERY = '(max-width:599.95px)';
/**
 * Below 1400 px the top bar's links, the language, the user and 退出登录 no longer fit in one row for
 * every role (the dept head's needs about 1,380 px): they go into the menu drawer.
 */
export const COMPACT_NAV_QUERY = '(max-width:1399.95px)';

/** Whether the screen is a phone's (read at once, so the first paint is already the phone layout). */
export function usePhone(): boolean {
  return useMediaQuery(PHONE_QUERY, { noSsr: true });
}

/** Whether the top bar is the compact one (menu button and drawer). */
export function useCompactNav(): boolean {
  return useMediaQuery(COMPACT_NAV_QUERY, { noSsr: true });
}
