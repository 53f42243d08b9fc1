/**
 * Service-worker registration through workbox-window (vite-plugin-pwa generates the worker, registerType
 * 'prompt'): a new version waits until the user agrees, then takes over and the page reloads once.
 * Only in a production build: the dev server has no service worker.
 */
import { Workbox } from 'workbox-window';

type Listener = () => void;

let workbox: Workbox | undefined;
let needRefresh = false;
let offlineReady = false;
const refreshListeners = new Set<Listener>();
const offlineListeners = new Set<Listener>();

/** Calls `listener` when a new version is waiting (at once if one already is); returns an unsubscribe. */
export function onNeedRefresh(listener: Listener): () => void {
  refreshListeners.add(listener);
  if (needRefresh) listener();
  return () => refreshListeners.delete(listener);
}

/** Calls `listener` once the app is cached for offline use (at once if it already is); returns an unsubscribe. */
export function onOfflineReady(listener: Listener): () => void {
  offlineListeners.add(listener);
  if (offlineReady) listener();
  return () => offlineListeners.delete(listener);
}

/** Whether this visit installed the app for offline use (the first install finished caching everything). */
export function isOfflineReady(): boolean {
  return offlineReady;
}

/** Whether a new version is waiting for updateServiceWorker(). */
export function isRefreshNeeded(): boolean {
  return needRefresh;
}

/**
 * Registers the service worker (production builds in browsers that have them). Resolves when registration
 * was attempted; a failure is logged, not thrown: the app works without it, only not offline.
 */
export async function registerServiceWorker(): Promise<void> {
  if (workbox || import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  workbox = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  workbox.addEventListener('waiting', () => {
    needRefresh = true;
    refreshListeners.forEach((l) => l());
  });
  workbox.addEventListener('activated', (event) => {
    // The first install (no update): everything is precached now.
    if (!event.isUpdate && !offlineReady) {
      offlineReady = true;
      offlineListeners.forEach((l) => l());
    }
  });
  try {
    await workbox.register();
  } catch (e) {
    console.warn('Service worker registration failed; the app will not work offline.', e);
  }
}

/** Activates the waiting version and reloads the page once it controls it. */
export async function updateServiceWorker(): Promise<void> {
  const wb = workbox;
  if (!wb || !needRefresh) return;
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloading) return;
    reloading = true;
    window.location.reload();
  });
  wb.messageSkipWaiting();
}
