/**
 * Launches Debian's Chromium through playwright-core, headless, with the flags this machine needs (no
 * sandbox as root, no GPU, no background network traffic, autoplay allowed) and a fresh profile every time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export interface Browser {
  context: BrowserContext;
  /** The fresh profile directory (it names the browser's processes: the memory benchmark finds them by it). */
  profileDir: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  /** Keep service workers out, so that page.route() sees every request. */
  blockServiceWorkers?: boolean;
  /** More Chromium switches (e.g. --enable-unsafe-webgpu for the backend benchmark). */
  extraArgs?: string[];
  /** A phone: touch events, the mobile viewport meta tag honoured, and its pixel density. */
  phone?: { deviceScaleFactor: number };
}

export async function launchChromium(opts: LaunchOptions = {}): Promise<Browser> {
  const viewport = opts.viewport ?? { width: 1280, height: 800 };
  const profile = mkdtempSync(join(tmpdir(), 'sonic-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...(opts.extraArgs ?? [])],
    viewport,
    serviceWorkers: opts.blockServiceWorkers ? 'block' : 'allow',
    ...(opts.phone
      ? { isMobile: true, hasTouch: true, deviceScaleFactor: opts.phone.deviceScaleFactor }
      : {}),
  });
  return {
    context,
    profileDir: profile,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
