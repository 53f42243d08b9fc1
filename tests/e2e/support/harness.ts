/**
 * Opens the test harness (tests/e2e/harness/index.html, served by Vite's dev server) in Chromium with one
 * named API loaded, and returns that API as a typed object whose calls run in the page. Page errors fail the
 * call that saw them. Specs and benchmarks share it.
 */
import type { Page } from 'playwright-core';
import type { HarnessApis, HarnessName } from '../harness/apis.ts';
import { launchChromium, type Browser, type LaunchOptions } from './chromium.ts';
import { startDevServer } from './dev-server.ts';

/** An API's methods as called from Node: the same arguments, the result always a promise. */
export type Remote<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export interface Harness<N extends HarnessName> {
  page: Page;
  api: Remote<HarnessApis[N]>;
  errors: string[];
  close(): Promise<void>;
}

export async function openHarness<N extends HarnessName>(
  name: N,
  launch: LaunchOptions = {},
): Promise<Harness<N>> {
  const { url, server } = await startDevServer();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium(launch);
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/tests/e2e/harness/index.html?api=${name}`);
    const state = await page.waitForFunction(
      () => {
        const text = document.getElementById('state')?.textContent ?? '';
        return text === 'loading' ? false : text;
      },
      null,
      { timeout: 90_000 },
    );
    const said = (await state.jsonValue()) as string;
    if (said !== 'ready') throw new Error(`test harness (${name}): ${said}`);
    const api = new Proxy({} as Remote<HarnessApis[N]>, {
      // `then` stays undefined so that the API object is not mistaken for a promise.
      get: (_, method: string) =>
        method === 'then'
          ? undefined
          : async (...args: unknown[]) => {
              const result: unknown = await page.evaluate(
                ([m, a]) => {
                  const target = (
                    window as unknown as { harness: Record<string, (...x: unknown[]) => unknown> }
                  ).harness;
                  return target[m]!(...a);
                },
                [method, args] as const,
              );
              if (errors.length) throw new Error(`page error: ${errors.join('; ')}`);
              return result;
            },
    });
    const b = browser;
    return {
      page,
      api,
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
