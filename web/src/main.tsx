// First, before React and the app's modules run: the first page's code and data are asked for.
import './firstPage';
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
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
