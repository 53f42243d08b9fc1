/**
 * The app on a phone (390 × 844 CSS px, touch, 3× pixels), built: the curve and the transport are on screen
 * together without scrolling, the feedback controls come after the curve, the curve is edited with a finger
 * without the page scrolling, and "?" lists the shortcuts. Screenshots go to test-results/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import { dropTogether, openApp, type AppSession } from './support/app-page.ts';

const SCREENSHOTS = 'test-results/screenshots';
const PHONE = { width: 390, height: 844 };

let s: AppSession;
beforeAll(async () => {
  s = await openApp({ viewport: PHONE, phone: { deviceScaleFactor: 3 } });
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await s?.close();
});

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

/** A finger on the touch screen: down at `from`, moved to `to` in steps, lifted (CDP touch events). */
async function swipe(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  const cdp = await page.context().newCDPSession(page);
  const point = (p: { x: number; y: number }) => [{ x: p.x, y: p.y, id: 1, radiusX: 8, radiusY: 8 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from) });
  for (let i = 1; i <= 8; i++) {
    const p = { x: from.x + ((to.x - from.x) * i) / 8, y: from.y + ((to.y - from.y) * i) / 8 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(p) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

describe('on a phone', () => {
  it('shows the curve and the transport together, feedback after them', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Try the demo song' }).click();
    await expect
      .poll(() => page.locator('.analysis-status').textContent(), { timeout: 60_000 })
      .toMatch(/Suggestion ready/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/phone-song.png` });
    await page.screenshot({ path: `${SCREENSHOTS}/phone-song-full.png`, fullPage: true });

    const play = await box(page, 'button.play');
    const curve = await box(page, 'svg.curve');
    const good = await box(page, 'button[aria-label="Good suggestion"], button:has-text("Good")');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // Both wholly inside the first screen.
    for (const b of [play, curve]) {
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.y + b.height).toBeLessThanOrEqual(PHONE.height);
    }
    expect(curve.width).toBeGreaterThan(PHONE.width * 0.85);
    expect(curve.height).toBeGreaterThanOrEqual(200);
    // The feedback controls do not sit between the transport and the curve.
    expect(play.y).toBeLessThan(curve.y);
    expect(good.y).toBeGreaterThan(curve.y + curve.height);
    // No sideways scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it('edits a band with a finger, from a press beside the handle, without scrolling the page', async () => {
    const { page } = s;
    const slider = page.getByRole('slider', { name: '125 Hz' });
    await slider.fill('0');
    const handle = await page.locator('svg.curve circle.handle').nth(2).boundingBox();
    expect(handle!.width).toBeGreaterThanOrEqual(18);
    const centre = { x: handle!.x + handle!.width / 2, y: handle!.y + handle!.height / 2 };
    const scrollBefore = await page.evaluate(() => window.scrollY);
    // Pressed 25 px below the handle (a fingertip is not a mouse pointer), dragged up 60 px.
    await swipe(page, { x: centre.x + 6, y: centre.y + 25 }, { x: centre.x + 6, y: centre.y - 35 });
    const value = Number(await slider.inputValue());
    const curve = await box(page, 'svg.curve');
    // 60 px of a curve that spans ±15 dB over its height, moved from where the handle was (no jump to the finger).
    const expected = (60 / (curve.height / 2)) * 15;
    expect(value).toBeGreaterThan(expected - 1.5);
    expect(value).toBeLessThan(expected + 1.5);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    // The neighbours did not move.
    expect(Number(await page.getByRole('slider', { name: '63 Hz' }).inputValue())).not.toBe(value);
    await page.screenshot({ path: `${SCREENSHOTS}/phone-edited.png` });
  });

  it('lists a batch readably on a phone', async () => {
    const { page } = s;
    const files = ['Track 1.wav', 'Track 2 with a much longer name than fits.wav', 'Track 3.wav'].map(
      (name, i) => ({
        name,
        bytes: encodeWav(makeFixture(44100 * 3, 2, 50 + i, 44100), 44100, 'pcm16'),
      }),
    );
    await dropTogether(page, files);
    await expect
      .poll(() => page.locator('.batch-item .batch-status').allTextContents(), { timeout: 90_000 })
      .toEqual(['Suggestion ready', 'Suggestion ready', 'Suggestion ready']);
    await page.getByRole('region', { name: 'Batch' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/phone-batch.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it('lists the keyboard shortcuts on "?"', async () => {
    const { page } = s;
    await page.locator('body').press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    const text = await help.textContent();
    for (const action of ['Play or pause', 'Bypass', 'Undo', 'Redo', 'Next file of the batch', 'This list']) {
      expect(text).toContain(action);
    }
    await page.screenshot({ path: `${SCREENSHOTS}/phone-keyboard-help.png` });
    await help.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => help.isVisible()).toBe(false);
    expect(s.pageErrors).toEqual([]);
  });
});
