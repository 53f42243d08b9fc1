import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './scripts/serve/precompress.ts';
import { staticSite } from './scripts/serve/static-site.ts';
import { SHARE_FILES_FIELD, SHARE_TARGET_PATH } from './src/pwa/sw/share-protocol.ts';
import { AUDIO_ACCEPT, AUDIO_FILE_TYPES } from './src/shared/audio-file-types.ts';

// Installable and offline after the first visit (docs/APP.md): every file the app needs is precached,
// including the demo song and the model's runtime (wasm, onnx), which are larger than Workbox's 2 MiB default.
// Registration is ours (src/pwa/register-sw.ts, workbox-window), so the app can offer the update. The
// service worker is ours too (src/pwa/sw/sw.ts, Workbox's precaching injected into it): it also receives
// songs shared from other apps. Audio files opened from the operating system arrive through the launch
// queue (src/pwa/launch-queue.ts).
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  strategies: 'injectManifest',
  srcDir: 'src/pwa/sw',
  filename: 'sw.ts',
  manifest: {
    id: '/',
    name: 'Sonic AI EQ',
    short_name: 'Sonic EQ',
    description:
      'An automatic equalizer that runs entirely in your browser. Your audio never leaves your device.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: '#10131a',
    background_color: '#10131a',
    categories: ['music', 'utilities'],
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    // "Open with" from the file manager (installed app, Chromium desktop): one window gets every file.
    file_handlers: [
      {
        action: '/',
        accept: Object.fromEntries(Object.entries(AUDIO_FILE_TYPES).map(([t, e]) => [t, [...e]])),
      },
    ],
    launch_handler: { client_mode: ['focus-existing', 'auto'] },
    // The phone's share sheet: the service worker answers this POST itself (src/pwa/sw/share-target.ts).
    share_target: {
      action: `/${SHARE_TARGET_PATH}`,
      method: 'POST',
      enctype: 'multipart/form-data',
      params: { files: [{ name: SHARE_FILES_FIELD, accept: [...AUDIO_ACCEPT] }] },
    },
  },
  // The glob below already takes the icons and the plugin adds the manifest: list each file once.
  includeManifestIcons: false,
  injectManifest: {
    globPatterns: ['**/*.{js,mjs,css,html,svg,png,ico,json,wasm,onnx,mp3,ogg,opus,flac,md}'],
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
  },
});

export default defineConfig({
  // Serving (docs/APP.md): precompressed brotli and gzip, long caching of hashed assets, 404 for unknown paths.
  plugins: [react(), pwa, precompress(), staticSite()],
  worker: { format: 'es' },
  // Dependencies first imported by a worker are found late by the dev server, which then re-optimises (and
  // may reload the page) mid-export: bundle them up front.
  optimizeDeps: {
    include: [
      'comlink',
      'mediabunny',
      '@mediabunny/mp3-encoder',
      '@mediabunny/flac-encoder',
      'onnxruntime-web/wasm',
      'fft.js',
      'wavesurfer.js',
    ],
  },
  build: { target: 'es2022', sourcemap: true },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
