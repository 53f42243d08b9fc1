/** The built app in Chromium, with every request it makes recorded (to prove nothing leaves the origin). */
import type { Page } from 'playwright-core';
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

/** `beforeLoad` runs before the first navigation (e.g. to route requests). */
export async function openApp(
  opts: LaunchOptions & { beforeLoad?: (page: Page) => Promise<unknown> } = {},
): Promise<AppSession> {
  const app = await startPreviewServer();
  const browser = await launchChromium(opts);
  const requests: string[] = [];
  const pageErrors: string[] = [];
  browser.context.on('request', (r) => requests.push(r.url()));
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await opts.beforeLoad?.(page);
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
