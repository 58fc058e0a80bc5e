import Alert from '@mui/material/Alert';
import { useEffect, useState } from 'react';
import { onPendingSubmissions } from '../api';
import { useSession } from '../session';

/** Says when the connection is gone, and that submissions made meanwhile are sent once it is back. */
export function OfflineBanner() {
  const { t } = useSession();
  const [offline, setOffline] = useState(!navigator.onLine);
  const [pending, setPending] = useState(0);
  useEffect(() => {
    const update = () => setOffline(!navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    const unsubscribe = onPendingSubmissions(setPending);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
      unsubscribe();
    };
  }, []);
  if (!offline && !pending) return null;
  return (
    <Alert severity="warning" data-testid="offline-banner" sx={{ borderRadius: 0 }}>
      {offline ? t('offline.now') : ''}{pending ? t('offline.pending', { count: pending }) : ''}
    </Alert>
  );
}
