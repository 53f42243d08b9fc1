/**
 * Opens one of the test pages under tests/e2e/pages (served by Vite's dev server) in Chromium and waits for it
 * to say it is ready. Page errors are collected so a spec can fail on them.
 */
import type { Page } from 'playwright-core';
import { launchChromium, type Browser, type LaunchOptions } from './chromium.ts';
import { startDevServer } from './dev-server.ts';

export interface TestPage {
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

export async function openTestPage(file: string, launch: LaunchOptions = {}): Promise<TestPage> {
  const { url, server } = await startDevServer();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium(launch);
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/tests/e2e/pages/${file}`);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready', null, {
      timeout: 90_000,
    });
    const b = browser;
    return {
      page,
      errors,
      async close() {
        await b.close();
        await server.close();
      },
    };
  } catch (e) {
    await browser?.close();
    await server.close();
    throw e;
  }
}
