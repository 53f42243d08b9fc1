import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TRACK } from '../../src/app/demo-track.ts';
import { launchChromium, type Browser } from './support/chromium.ts';
import { BUILD_DIR, startPreviewServer, type Preview } from './support/preview-server.ts';

let preview: Preview;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  preview = await startPreviewServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
});
const NEXT_DIR = join('.tmp', 'e2e-dist-next');

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  rmSync(NEXT_DIR, { recursive: true, force: true });
});

/** The app has rendered something into its root. */
async function appLoaded(p: Page): Promise<void> {
  await p.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, null, {
    timeout: 30_000,
  });
}

/** Every file of a build the app may load (paths relative to `dir`): not source maps or the worker itself. */
function shippedFiles(dir: string): string[] {
  return (
    (readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => statSync(join(dir, f)).isFile())
      // Not the app's files: source maps, the service worker itself, precompressed copies (a transfer
      // encoding of the file beside them) and robots.txt (for crawlers).
      .filter((f) => !/(\.map|\.br|\.gz|^robots\.txt|^sw\.js|^workbox-[\w-]+\.js|(^|\/)\.[^/]*)$/.test(f))
      .sort()
  );
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('installable and offline (built app)', () => {
  it('serves a web manifest with the name, theme colour and 192, 512 and maskable icons', async () => {
    const res = await page.request.get(`${preview.url}/manifest.webmanifest`);
    expect(res.ok()).toBe(true);
    const manifest = (await res.json()) as {
      name: string;
      theme_color: string;
      display: string;
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    expect(manifest.name).toBe('Sonic AI EQ');
    expect(manifest.theme_color).toBe('#10131a');
    expect(manifest.display).toBe('standalone');
    const sizes = new Set<string>();
    for (const icon of manifest.icons) {
      const png = await page.request.get(`${preview.url}/${icon.src}`);
      expect(png.ok()).toBe(true);
      const { width, height } = pngSize(await png.body());
      expect(`${width}x${height}`).toBe(icon.sizes);
      sizes.add(`${icon.sizes} ${icon.purpose ?? 'any'}`);
    }
    expect([...sizes].sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    await page.goto(preview.url);
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
  });

  it('registers a service worker, then reloads with the network off and still serves the app and the demo', async () => {
    await page.goto(preview.url);
    await appLoaded(page);
    const state = await page.evaluate(async () => {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no service worker became active within 30 s')), 30_000),
      );
      const reg = await Promise.race([navigator.serviceWorker.ready, timeout]);
      const sw = reg.active!;
      if (sw.state !== 'activated') {
        await Promise.race([
          new Promise((resolve) =>
            sw.addEventListener('statechange', () => sw.state === 'activated' && resolve(0)),
          ),
          timeout,
        ]);
      }
      return { scope: reg.scope, active: sw.state };
    });
    expect(state.scope).toBe(`${preview.url}/`);
    expect(state.active).toBe('activated');

    // The first visit is not controlled (no clients.claim with an update prompt); the next one is.
    await page.reload();
    await appLoaded(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');

    await browser.context.setOffline(true);
    try {
      const responses: Response[] = [];
      const failed: string[] = [];
      // Only requests issued from now on: the previous document's in-flight ones (the model's runtime,
      // say) are aborted by the reload and are not what this test is about.
      const issued = new Set<Request>();
      const onRequest = (r: Request) => issued.add(r);
      const onResponse = (r: Response) => issued.has(r.request()) && responses.push(r);
      const onFailed = (r: Request) => issued.has(r) && failed.push(`${r.url()} ${r.failure()?.errorText}`);
      page.on('request', onRequest);
      page.on('response', onResponse);
      page.on('requestfailed', onFailed);
      await page.reload();
      await appLoaded(page);
      expect(await page.title()).toBe('Sonic AI EQ');

      const demo = await page.evaluate(async (url) => {
        const r = await fetch(url);
        const bytes = await r.arrayBuffer();
        const audio = await new OfflineAudioContext(2, 1, 48000).decodeAudioData(bytes.slice(0));
        return { ok: r.ok, length: bytes.byteLength, seconds: audio.duration };
      }, DEMO_TRACK.url);
      // And every other file of the build (workers, worklet, wasm and onnx files when there are some).
      const dir = preview.server.config.build.outDir;
      const files = shippedFiles(dir);
      expect(files).toContain(DEMO_TRACK.url.slice(1));
      const served = await page.evaluate(
        (paths) =>
          Promise.all(
            paths.map(async (p) => {
              const r = await fetch(`/${p}`);
              return r.ok ? (await r.arrayBuffer()).byteLength : -r.status;
            }),
          ),
        files,
      );
      page.off('request', onRequest);
      page.off('response', onResponse);
      page.off('requestfailed', onFailed);
      expect(Object.fromEntries(files.map((f, i) => [f, served[i]]))).toEqual(
        Object.fromEntries(files.map((f) => [f, statSync(join(dir, f)).size])),
      );

      expect(demo.ok).toBe(true);
      expect(demo.length).toBe(statSync(join('public', DEMO_TRACK.url)).size);
      expect(demo.seconds).toBeGreaterThan(45);
      // A request the page itself cancelled (net::ERR_ABORTED: onnxruntime abandoning a streaming compile for
      // its fallback, say) is not an offline failure; anything else is. The proof that the runtime loaded from
      // the cache is that the model session becomes ready with the network off.
      expect(failed.filter((f) => !f.endsWith('net::ERR_ABORTED'))).toEqual([]);
      await page.waitForFunction(() => performance.getEntriesByName('sonic:model-ready').length > 0, null, {
        timeout: 60_000,
      });
      // Everything the page loaded came from the service worker's cache, the demo included.
      expect(responses.length).toBeGreaterThan(2);
      const notFromCache = responses.filter((r) => !r.fromServiceWorker()).map((r) => r.url());
      expect(notFromCache).toEqual([]);
      expect(responses.some((r) => r.url().endsWith(DEMO_TRACK.url))).toBe(true);
    } finally {
      await browser.context.setOffline(false);
    }
  });

  it('precaches each file once', () => {
    const sw = readFileSync(join(preview.server.config.build.outDir, 'sw.js'), 'utf8');
    const urls = [...sw.matchAll(/\burl"?:\s*"([^"]+)"/g)].map((m) => m[1]!);
    expect(urls).toContain('index.html');
    expect(urls).toContain(DEMO_TRACK.url.slice(1));
    expect(urls.filter((u) => u.endsWith('.js')).length).toBeGreaterThan(1);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('offers a new version with an update prompt and reloads into it', async () => {
    await page.goto(preview.url);
    await appLoaded(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
    await expect(page.getByText('A new version is available').count()).resolves.toBe(0);

    // "Deploy" a new version on the same origin: a changed index.html, and the service worker that
    // precaches it (its revision changes, as a real build's would).
    const next = NEXT_DIR;
    rmSync(next, { recursive: true, force: true });
    cpSync(BUILD_DIR, next, { recursive: true });
    const index = readFileSync(join(next, 'index.html'), 'utf8').replace(
      '</head>',
      '<meta name="sonic-build" content="next"></head>',
    );
    writeFileSync(join(next, 'index.html'), index);
    const revision = createHash('md5').update(index).digest('hex');
    const sw = readFileSync(join(next, 'sw.js'), 'utf8');
    const nextSw = sw.replace(/("revision":")[0-9a-f]+(","url":"index\.html")/, `$1${revision}$2`);
    expect(nextSw).not.toBe(sw);
    writeFileSync(join(next, 'sw.js'), nextSw);
    const port = preview.port;
    await preview.close();
    preview = await startPreviewServer({ dir: next, port });

    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await page.getByText('A new version is available').waitFor({ timeout: 30_000 });
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await appLoaded(page);
    expect(await page.locator('meta[name="sonic-build"]').getAttribute('content')).toBe('next');
    expect(await page.getByText('A new version is available').count()).toBe(0);
  });
});
