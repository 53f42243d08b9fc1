import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { receiveFiles } from './app/receive-files.ts';
import { registerServiceWorker } from './pwa/register-sw.ts';
import './app/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Offline and installable: the service worker precaches the app (and the demo) after the first visit.
void registerServiceWorker();

// Files opened from the operating system or shared from another app.
receiveFiles();
