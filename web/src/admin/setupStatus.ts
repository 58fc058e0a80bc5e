import { useEffect, useState } from 'react';
import { api } from '../api';
import { takePrefetched } from '../prefetch';

/**
 * While nobody is signed in: whether the installation still needs its first admin (GET /api/setup);
 * undefined until known. An unreachable server counts as set up (the login page says what is wrong).
 */
export function useSetupNeeded(signedOut: boolean): boolean | undefined {
  const [needed, setNeeded] = useState<boolean>();
  useEffect(() => {
    if (!signedOut) return;
    let current = true;
    (takePrefetched<{ needsAdmin: boolean }>('/setup') ?? api<{ needsAdmin: boolean }>('/setup')).then((s) => current && setNeeded(s.needsAdmin), () => current && setNeeded(false));
    // Signed in: what was known is old news by the next sign-out (the admin exists by then).
    return () => {
      current = false;
      setNeeded(undefined);
    };
  }, [signedOut]);
  return signedOut ? needed : false;
}
