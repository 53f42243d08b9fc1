import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './scripts/serve/precompress.ts';
import { staticSite } from './scripts/serve/static-site.ts';

// Installable and offline after the first visit (docs/APP.md): every file the app needs is precached,
// including the demo song and the model's runtime (wasm, onnx), which are larger than Workbox's 2 MiB default.
// Registration is ours (src/pwa/register-sw.ts, workbox-window), so the app can offer the update.
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
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
  },
  // The glob below already takes the icons and the plugin adds the manifest: list each file once.
  includeManifestIcons: false,
  workbox: {
    globPatterns: ['**/*.{js,mjs,css,html,svg,png,ico,json,wasm,onnx,mp3,ogg,opus,flac,md}'],
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
    navigateFallback: 'index.html',
    // The app is one page: only its own address opens it offline (the server answers 404 for the rest).
    navigateFallbackAllowlist: [/^\/(index\.html)?(\?.*)?$/],
    cleanupOutdatedCaches: true,
  },
});

export default defineConfig({
  // Serving (docs/APP.md): precompressed brotli and gzip, long caching of hashed assets, 404 for unknown paths.
  plugins: [react(), pwa, precompress(), staticSite()],
  worker: { format: 'es' },
  // Dependencies first imported by a worker are found late by the dev server, which then re-optimises (and
  // may reload the page) mid-export: bundle them up front.
  optimizeDeps: {
    include: ['comlink', '@breezystack/lamejs', 'onnxruntime-web/wasm', 'fft.js', 'wavesurfer.js'],
  },
  build: { target: 'es2022', sourcemap: true },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
