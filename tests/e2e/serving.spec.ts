/**
 * How the built app is served (scripts/serve/static-site.ts, what `npm start` runs): precompressed
 * brotli and gzip, caching by kind of file, a real robots.txt, and 404 for addresses that are not the app.
 */
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { openApp } from './support/app-page.ts';
import { BUILD_DIR, startPreviewServer, type Preview } from './support/preview-server.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Bytes as sent (compressed when the server compressed them). */
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

let app: Preview;
beforeAll(async () => {
  app = await startPreviewServer();
});
afterAll(async () => {
  await app?.close();
});

describe('serving the app', () => {
  it('sends the onnxruntime WebAssembly precompressed: brotli, else gzip, else as it is', async () => {
    const wasm = readdirSync(`${BUILD_DIR}/assets`).find((f) => /^ort-wasm.*\.wasm$/.test(f))!;
    const url = `${app.url}/assets/${wasm}`;
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    const gz = await get(url, { 'accept-encoding': 'gzip' });
    const raw = await get(url);
    expect([br.status, gz.status, raw.status]).toEqual([200, 200, 200]);
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-type']).toBe('application/wasm');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(raw.body.length).toBeGreaterThan(10_000_000);
    expect(br.body.length).toBeLessThan(raw.body.length / 4);
    expect(gz.body.length).toBeLessThan(raw.body.length / 3);
    // Hashed assets never change; the page and the service worker are checked every time.
    expect(br.headers['cache-control']).toMatch(/immutable/);
    expect((await get(`${app.url}/`)).headers['cache-control']).toBe('no-cache');
    expect((await get(`${app.url}/sw.js`)).headers['cache-control']).toBe('no-cache');
  });

  it('answers a repeated request for an unchanged file with 304', async () => {
    const first = await get(`${app.url}/`, { 'accept-encoding': 'br' });
    const again = await get(`${app.url}/`, {
      'accept-encoding': 'br',
      'if-none-match': String(first.headers.etag),
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('has a real robots.txt', async () => {
    const r = await get(`${app.url}/robots.txt`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.body.toString()).toMatch(/^User-agent: \*$/m);
  });

  it('answers 404 for addresses that are not the app: a page for a person, plain text for anything else', async () => {
    const page = await get(`${app.url}/no/such/page`, {
      accept: 'text/html,application/xhtml+xml',
      'sec-fetch-mode': 'navigate',
    });
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body.toString()).toMatch(/not part of Sonic AI EQ/);
    expect(page.body.toString()).toMatch(/href="\/"/);
    const script = await get(`${app.url}/assets/index-missing.js`, { accept: '*/*' });
    expect(script.status).toBe(404);
    expect(script.headers['content-type']).toMatch(/^text\/plain/);
    // The app itself, with a query string, is still the app.
    const home = await get(`${app.url}/?utm_source=x`, { accept: 'text/html' });
    expect(home.status).toBe(200);
    expect(home.body.toString()).toMatch(/<div id="root">/);
  });

  it('a first visit downloads the onnxruntime WebAssembly once, and under 8 MB in all until it is ready offline', async () => {
    const requested = new Map<string, number>();
    const sockets = new Set<Socket>();
    const s = await openApp({
      beforeLoad: async (_page, preview) => {
        preview.server.httpServer.on('connection', (socket: Socket) => sockets.add(socket));
        preview.server.httpServer.on('request', (req: { url?: string }) => {
          const path = new URL(req.url ?? '/', 'http://x').pathname;
          requested.set(path, (requested.get(path) ?? 0) + 1);
        });
      },
    });
    try {
      await s.page
        .getByRole('status')
        .filter({ hasText: 'Ready to work offline' })
        .waitFor({ state: 'attached', timeout: 120_000 });
      const bytes = [...sockets].reduce((sum, socket) => sum + socket.bytesWritten, 0);
      const wasm = [...requested].filter(([path]) => /ort-wasm.*\.wasm$/.test(path));
      expect(wasm.map(([, n]) => n)).toEqual([1]);
      expect(bytes).toBeLessThan(8_000_000);
      // The page's own copy was reused by the precache: nothing of the build was fetched twice.
      const twice = [...requested].filter(([path, n]) => n > 1 && path.startsWith('/assets/'));
      expect(twice).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
