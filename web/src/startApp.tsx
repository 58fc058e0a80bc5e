import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { OfflineBanner } from './components/OfflineBanner';
import { SessionProvider } from './session';
import { ThemedApp } from './theme';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <ThemedApp>
        <OfflineBanner />
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </ThemedApp>
    </SessionProvider>
  </StrictMode>,
);

// The installable shell (web/public/sw.js): the built app keeps working on a weak connection.
// Once the page has loaded (this module may run after that, the page's first script having imported it).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const register = () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
