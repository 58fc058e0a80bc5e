import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { SessionProvider } from './session';
import { ThemedApp } from './theme';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <ThemedApp>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </ThemedApp>
    </SessionProvider>
  </StrictMode>,
);
