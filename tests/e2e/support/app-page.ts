/** The built app in Chromium, with every request it makes recorded (to prove nothing leaves the origin). */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { FeedbackRecord } from '../../../src/storage/schema.ts';
import { launchChromium, type Browser, type LaunchOptions } from './chromium.ts';
import { startPreviewServer, type Preview } from './preview-server.ts';

export interface AppSession {
  app: Preview;
  browser: Browser;
  page: Page;
  /** Every URL the page or its workers requested. */
  requests: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

/** `beforeLoad` runs before the first navigation (e.g. to route requests, or to count what the server sends). */
export async function openApp(
  opts: LaunchOptions & { beforeLoad?: (page: Page, app: Preview) => Promise<unknown> } = {},
): Promise<AppSession> {
  const app = await startPreviewServer();
  const browser = await launchChromium(opts);
  const requests: string[] = [];
  const pageErrors: string[] = [];
  browser.context.on('request', (r) => requests.push(r.url()));
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await opts.beforeLoad?.(page, app);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Open audio file' }).waitFor();
  return {
    app,
    browser,
    page,
    requests,
    pageErrors,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/**
 * Drops files on the page the way a user's drag and drop does: one drop event per file, all dispatched in the
 * same task, so a later drop lands while the earlier file is still loading.
 */
export async function dropFiles(page: Page, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  await page.evaluate(
    (list) => {
      for (const f of list) {
        const bin = atob(f.b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], f.name));
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    },
    files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') })),
  );
}

/** The ten band sliders' names, low to high. */
export const BAND_NAMES = [
  '31 Hz',
  '63 Hz',
  '125 Hz',
  '250 Hz',
  '500 Hz',
  '1 kHz',
  '2 kHz',
  '4 kHz',
  '8 kHz',
  '16 kHz',
];

/** What the band sliders show now (the applied curve), low to high. */
export const sliderValues = (page: Page): Promise<number[]> =>
  Promise.all(BAND_NAMES.map(async (b) => Number(await page.getByRole('slider', { name: b }).inputValue())));

/** Drops a song and waits until it is on screen and its suggestion (or the reason there is none) is shown. */
export async function openSong(
  page: Page,
  song: { name: string; bytes: Uint8Array },
  expectStatus: RegExp = /Suggestion ready/,
): Promise<void> {
  await dropFiles(page, [song]);
  await expect.poll(() => page.locator('.file-name').textContent(), { timeout: 30_000 }).toBe(song.name);
  await expect
    .poll(() => page.locator('.analysis-status').textContent(), { timeout: 60_000 })
    .toMatch(expectStatus);
}

/** The feedback records the app stored in IndexedDB, oldest first (read as another script of the page would). */
export function storedRecords(page: Page): Promise<FeedbackRecord[]> {
  return page.evaluate(
    () =>
      new Promise<FeedbackRecord[]>((resolve, reject) => {
        const req = indexedDB.open('sonic-ai-eq');
        req.onerror = () => reject(new Error(String(req.error)));
        req.onsuccess = () => {
          const db = req.result;
          const all = db.transaction('feedback').objectStore('feedback').getAll();
          all.onsuccess = () => {
            db.close();
            resolve((all.result as FeedbackRecord[]).sort((a, b) => a.time - b.time));
          };
          all.onerror = () => reject(new Error(String(all.error)));
        };
      }),
  );
}

/** Drops several files in one drop, as a user dragging a selection (or an album) does. */
export async function dropTogether(page: Page, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  await page.evaluate(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bin = atob(f.b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        dt.items.add(new File([bytes], f.name));
      }
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') })),
  );
}

/** The statuses shown in the batch's list, in order. */
export const batchStatuses = (page: Page): Promise<string[]> =>
  page.locator('.batch-item .batch-status').allTextContents();
