import { useLayoutEffect } from 'react';
import { useSession } from '../session';
import { showSignIn } from '../signInForm';

/** The sign-in page: the plain form of signInForm.ts (drawn already if the page opened on it), signing in for the app. */
export function LoginPage() {
  const { signedIn, setLocale } = useSession();
  useLayoutEffect(() => showSignIn({ signedIn, setLocale }), [signedIn, setLocale]);
  return null;
}
