import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { modelSettled } from './app/analysis-service.ts';
import { receiveFiles } from './app/receive-files.ts';
import { registerServiceWorker } from './pwa/register-sw.ts';
import './app/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Offline and installable: the service worker precaches the app (and the demo). On the first visit it is
// registered once the model has started: by then the page has fetched the 14 MB onnxruntime WebAssembly
// and the model, and the precache finds them in the HTTP cache (hashed assets are served immutable)
// instead of downloading them a second time. Later visits register at once (to look for updates).
const firstVisit = 'serviceWorker' in navigator && !navigator.serviceWorker.controller;
void (firstVisit ? modelSettled : Promise.resolve()).then(registerServiceWorker);

// Files opened from the operating system or shared from another app.
receiveFiles();
