import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, hasStoredLocale, rememberLocale, setApiLocale, setUnauthorizedHandler, storedLocale } from './api';
import { DATE_STYLE, DATE_TIME_STYLE, DEFAULT_TIME_ZONE, formatter } from './dateFormats';
import { clearAllDrafts } from './forms/formDraft';
import { takePrefetched } from './prefetch';
import { signIn } from './signInForm';
import { translate, type Locale } from './messages';

export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  locale: Locale;
  /** Signed in with a one-time password an admin gave: the app asks for a new one before anything else. */
  mustChangePassword?: boolean;
}

interface Session {
  /** undefined while the session is being restored; null when logged out. */
  user: User | null | undefined;
  locale: Locale;
  timeZone: string;
  setLocale(locale: Locale): void;
  /** Signs in; resolves to the user as GET /me gives it. */
  login(username: string, password: string): Promise<User>;
  /** Takes a user signed in by the sign-in form (signInForm.ts). */
  signedIn(me: User): void;
  logout(): Promise<void>;
  /** Reads the signed-in user again (after a password change, say). */
  refreshUser(): Promise<void>;
  t(key: string, vars?: Record<string, string | number>): string;
  /** Date and time in the user's language and time zone; '' for none. */
  formatDateTime(value: string | null | undefined): string;
  formatDate(value: string | null | undefined): string;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  setApiLocale(locale);

  useEffect(() => {
    setUnauthorizedHandler(() => setUser(null));
    // The first ask was sent as the app's script started (firstPage.ts). The sign-in form is there
    // meanwhile: a sign-in before the answer wins over it.
    const restore = () => (takePrefetched<User>('/me') ?? api<User>('/me')).then(
      (me) => {
        setUser((current) => current ?? me);
        if (me.locale) setLocaleState(me.locale);
      },
      (err: unknown) => {
        // No connection: the session may well be good — ask again once the network is back.
        if (err instanceof ApiError) setUser((current) => (current === undefined ? null : current));
        else if (navigator.onLine) setTimeout(() => void restore(), 5_000); // the server is away: try again soon
        else window.addEventListener('online', () => void restore(), { once: true });
      },
    );
    void restore();
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    rememberLocale(next);
    setApiLocale(next);
    setLocaleState(next);
    // Remembered on the server too, so messages (and other devices) follow the choice.
    if (user) void api('/me', { method: 'PATCH', body: { locale: next } }).catch(() => undefined);
  }, [user]);

  const signedIn = useCallback((me: User) => {
    setUser(me);
    if (me.locale && !hasStoredLocale()) setLocaleState(me.locale);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const me = await signIn(username, password);
    signedIn(me);
    return me;
  }, [signedIn]);

  const refreshUser = useCallback(async () => {
    setUser(await api<User>('/me'));
  }, []);

  const logout = useCallback(async () => {
    await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    clearAllDrafts(); // a shared phone keeps nobody's unsent work
    setUser(null);
  }, []);

  const value = useMemo<Session>(() => {
    const timeZone = DEFAULT_TIME_ZONE;
    const dateTime = formatter(locale, timeZone, DATE_TIME_STYLE);
    const date = formatter(locale, timeZone, DATE_STYLE);
    return {
      user, locale, timeZone, setLocale, login, signedIn, logout, refreshUser,
      t: (key, vars) => translate(locale, key, vars),
      formatDateTime: (v) => (v ? dateTime().format(new Date(v)) : ''),
      formatDate: (v) => (v ? date().format(new Date(v)) : ''),
    };
  }, [user, locale, setLocale, login, signedIn, logout, refreshUser]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The logged-in user, the UI language and the helpers that depend on them. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The logged-in user (only inside pages behind the login). */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('no user');
  return user;
}
