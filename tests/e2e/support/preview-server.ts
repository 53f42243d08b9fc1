/**
 * The built app for browser specs: `vite build` into .tmp/e2e-dist (once: skipped while no input is newer
 * than the last build), served by Vite's preview server on a free loopback port.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';

const ROOT = process.cwd();
export const BUILD_DIR = join(ROOT, '.tmp', 'e2e-dist');
const STAMP = join(BUILD_DIR, '.e2e-build-stamp');
/** What the build reads. models/ is included for the files the app may import from it. */
const INPUTS = [
  'src',
  'public',
  'models',
  'index.html',
  'vite.config.ts',
  'package-lock.json',
  'tests/e2e/support/preview-server.ts',
];
const SKIP = new Set(['node_modules', '.cache', '__pycache__', 'dataset', 'data']);

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (SKIP.has(entry)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Builds the app for production into BUILD_DIR unless an up-to-date build is there; returns BUILD_DIR. */
export async function buildApp(): Promise<string> {
  const newest = Math.max(...INPUTS.map((p) => newestMtime(join(ROOT, p))));
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs > newest) return BUILD_DIR;
  // Vitest sets NODE_ENV=test, which would make Vite build React's development bundle, keep
  // import.meta.env.DEV true (no service worker) and Workbox emit its debug worker: build as `vite build` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(ROOT, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: BUILD_DIR, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(STAMP, new Date().toISOString());
  return BUILD_DIR;
}

export interface Preview {
  url: string;
  port: number;
  server: PreviewServer;
  close(): Promise<void>;
}

/** Serves a built app (BUILD_DIR by default, built if needed) on 127.0.0.1, on `port` or a free one. */
export async function startPreviewServer(opts: { dir?: string; port?: number } = {}): Promise<Preview> {
  const dir = opts.dir ?? (await buildApp());
  const server = await preview({
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: dir },
    preview: { host: '127.0.0.1', port: opts.port ?? 0, strictPort: opts.port !== undefined },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    server,
    close: () => server.close(),
  };
}
