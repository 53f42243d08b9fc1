/**
 * How `npm start` (and the browser specs, through Vite's preview server) serve the built app:
 *
 * - Precompressed files: a client that accepts brotli gets `file.br`, else gzip `file.gz` (written by the
 *   build, scripts/serve/precompress.ts), with `Vary: Accept-Encoding`. The onnxruntime WebAssembly goes
 *   over the network as about 2.7 MB instead of 14 MB.
 * - Caching: files under /assets/ carry a content hash in their name and never change: cached for a year,
 *   immutable. Everything else (the page, the service worker, the manifest) is revalidated every time, so a
 *   new version is found at once.
 * - Unknown paths answer 404, not the app's page with 200. The app has exactly one page ("/"); a missing
 *   script or chunk (after a deploy, a typo) must fail as missing rather than arrive as HTML and fail with a
 *   baffling parse error, and crawlers and uptime checks must not see every URL as a page of the app. A
 *   person who follows a wrong link gets a short page that says so and links to the app; anything else gets
 *   plain text. `/robots.txt` is a real file (public/robots.txt).
 */
import { createReadStream, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Plugin, PreviewServer } from 'vite';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.opus': 'audio/ogg',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.flac': 'audio/flac',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

const NOT_FOUND_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>Not found · Sonic AI EQ</title>
    <style>
      body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #10131a;
        color: #e8ecf4; font-family: system-ui, sans-serif; }
      a { color: #5ad1c4; }
    </style>
  </head>
  <body>
    <main>
      <h1>Nothing here</h1>
      <p>This address is not part of Sonic AI EQ. <a href="/">Open the app</a>.</p>
    </main>
  </body>
</html>
`;

interface Found {
  path: string;
  stats: Stats;
}

function fileAt(root: string, pathname: string): Found | null {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const path = normalize(join(root, rel));
  if (path !== root && !path.startsWith(root + sep)) return null;
  try {
    const stats = statSync(path);
    return stats.isFile() ? { path, stats } : null;
  } catch {
    return null;
  }
}

/** The encoding to send: brotli, gzip or none, by what the client accepts and what the build wrote. */
function pickEncoding(req: IncomingMessage, file: Found): { path: string; stats: Stats; encoding?: string } {
  const accept = String(req.headers['accept-encoding'] ?? '');
  for (const [token, ext] of [
    ['br', '.br'],
    ['gzip', '.gz'],
  ] as const) {
    if (!new RegExp(`\\b${token}\\b`).test(accept)) continue;
    try {
      const stats = statSync(file.path + ext);
      // A copy older than its file is stale (the file was replaced without a build): never serve it.
      if (stats.isFile() && stats.mtimeMs >= file.stats.mtimeMs)
        return { path: file.path + ext, stats, encoding: token };
    } catch {
      // no precompressed copy of this one
    }
  }
  return file;
}

function send(req: IncomingMessage, res: ServerResponse, root: string, file: Found): void {
  const chosen = pickEncoding(req, file);
  const etag = `"${chosen.stats.size.toString(16)}-${Math.floor(chosen.stats.mtimeMs).toString(16)}${chosen.encoding ? `-${chosen.encoding}` : ''}"`;
  const hashed = file.path.startsWith(join(root, 'assets') + sep);
  res.setHeader('Content-Type', TYPES[extname(file.path)] ?? 'application/octet-stream');
  res.setHeader('Cache-Control', hashed ? IMMUTABLE : REVALIDATE);
  res.setHeader('ETag', etag);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (chosen.encoding) res.setHeader('Content-Encoding', chosen.encoding);
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('Content-Length', chosen.stats.size);
  res.statusCode = 200;
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(chosen.path).pipe(res);
}

function notFound(req: IncomingMessage, res: ServerResponse): void {
  res.statusCode = 404;
  res.setHeader('Cache-Control', REVALIDATE);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  const navigation =
    req.headers['sec-fetch-mode'] === 'navigate' || /\btext\/html\b/.test(String(req.headers.accept ?? ''));
  if (navigation) {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(req.method === 'HEAD' ? undefined : NOT_FOUND_PAGE);
  } else {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(req.method === 'HEAD' ? undefined : 'Not found\n');
  }
}

/** Byte ranges (media seeking) are left to Vite's own static server, which handles them. */
const isRangeRequest = (req: IncomingMessage) => req.headers.range !== undefined;

/** The Vite plugin: serves the build as described above in `vite preview` (what `npm start` runs). */
export function staticSite(): Plugin {
  return {
    name: 'sonic-static-site',
    configurePreviewServer(server: PreviewServer) {
      const root = resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use((req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        const pathname = new URL(req.url ?? '/', 'http://x').pathname;
        const file = fileAt(root, pathname);
        if (!file) return notFound(req, res);
        if (isRangeRequest(req)) return next();
        send(req, res, root, file);
      });
    },
  };
}
