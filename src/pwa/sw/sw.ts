/**
 * The app's service worker (built by vite-plugin-pwa's injectManifest from this file): it precaches every
 * file of the build (the list is injected at `self.__WB_MANIFEST`), answers navigations with the cached
 * index.html, takes over only when the page asks (the update prompt, src/pwa/register-sw.ts), and receives
 * songs shared from other apps (share-target.ts). Nothing here fetches from a network at run time.
 */
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { handleShareTarget, isShareTarget } from './share-target.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

// First, so that it answers the share's POST before anything else looks at it (Workbox's routes are GET).
self.addEventListener('fetch', (event) => {
  const scope = self.registration.scope;
  if (isShareTarget(event.request, scope)) event.respondWith(handleShareTarget(event.request, scope));
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The app is one page: only its own address opens it offline (the server answers 404 for the rest).
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), { allowlist: [/^\/(index\.html)?(\?.*)?$/] }),
);

// "Reload" in the update prompt: workbox-window's messageSkipWaiting() posts this.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
