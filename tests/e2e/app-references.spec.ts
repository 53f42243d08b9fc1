/**
 * References in the built app: a reference dropped on the "Reference" area is measured on the device and
 * kept (its balance only), the song's suggestion and the tonal-balance view move toward it, the reference
 * can be renamed, it is still there after a reload, and all of it works with the network off. axe-core finds
 * nothing on the target panel and the view, and the view fits a phone's width.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEq } from '../../src/shared/dsp/apply.ts';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import { openApp, openSong, sliderValues, type AppSession } from './support/app-page.ts';

const RATE = 44100;
const SONG = { name: 'Song.wav', bytes: encodeWav(makeFixture(RATE * 8, 2, 21, RATE), RATE, 'pcm16') };
/** The same music with 8 dB more bass: matching it must raise the song's low end. */
const BASSY = [8, 8, 4, 0, 0, 0, 0, 0, 0, 0];
const REFERENCE = {
  name: 'Loved track.wav',
  bytes: encodeWav(applyEq(makeFixture(RATE * 8, 2, 22, RATE), RATE, BASSY), RATE, 'pcm16'),
};

/** Drops a file on the element the way a user's drag and drop does. */
async function dropOn(page: Page, selector: string, file: { name: string; bytes: Uint8Array }) {
  await page.locator(selector).evaluate(
    (el, f) => {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], f.name));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { name: file.name, b64: Buffer.from(file.bytes).toString('base64') },
  );
}

const lines = (page: Page) => page.getByRole('list', { name: 'Why each band moves' }).innerText();
const references = (page: Page) =>
  page.getByRole('list', { name: 'Stored references' }).locator('.reference-name').allInnerTexts();

/** The references the app keeps in IndexedDB, as another script of the page would read them. */
function storedReferences(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const req = indexedDB.open('sonic-ai-eq');
        req.onerror = () => reject(new Error(String(req.error)));
        req.onsuccess = () => {
          const all = req.result.transaction('references').objectStore('references').getAll();
          all.onsuccess = () => {
            req.result.close();
            resolve(all.result as Record<string, unknown>[]);
          };
        };
      }),
  );
}

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include('[aria-label="Target"]')
    .include('[aria-label="Tonal balance"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

describe('reference tracks in the app', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await openApp();
    // Controlled by the service worker from the next load on, so the app also loads offline.
    await s.page.evaluate(() => navigator.serviceWorker.ready);
    await s.page.reload();
    await s.page.getByRole('button', { name: 'Open audio file' }).waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('adds a dropped reference, moves the suggestion and the view toward it, renames it; axe finds nothing', async () => {
    const { page } = s;
    await openSong(page, SONG);
    const view = page.getByRole('region', { name: 'Tonal balance' });
    await view.waitFor();
    expect(await view.innerText()).toMatch(/Automatic: the model’s own guess/);
    const before = await sliderValues(page);
    const linesBefore = await lines(page);

    await dropOn(page, '.reference-drop', REFERENCE);
    await expect
      .poll(() => page.locator('.reference-status').textContent(), { timeout: 60_000 })
      .toBe('Added “Loved track” as a reference.');
    // The song on screen stays: the drop was a reference, not a file to open.
    expect(await page.locator('.file-name').textContent()).toBe(SONG.name);
    expect(await references(page)).toEqual(['Loved track']);
    expect(await page.getByRole('checkbox', { name: 'Match Loved track' }).isChecked()).toBe(true);

    const after = await sliderValues(page);
    // The low end rises against the rest (the reference has 8 dB more bass), by several dB.
    const tilt = (g: number[]) => (g[0]! + g[1]!) / 2 - (g[5]! + g[6]!) / 2;
    expect(tilt(after) - tilt(before)).toBeGreaterThan(3);
    expect(await view.innerText()).toMatch(/typical range for your target/);
    expect(await lines(page)).not.toBe(linesBefore);
    expect(await page.locator('.balance-chart .tunnel').count()).toBe(10);

    // References only: the curve follows the reference alone.
    await page.getByRole('combobox', { name: 'Style' }).selectOption('none');
    await expect.poll(() => lines(page)).toMatch(/typical range for your references/);

    await page.getByRole('button', { name: 'Rename reference Loved track' }).click();
    await page.getByRole('textbox', { name: 'New name for reference Loved track' }).fill('  My   favourite ');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => references(page)).toEqual(['My favourite']);

    expect(await axeViolations(page)).toEqual([]);
    // A small phone: nothing of the target panel or the view reaches past the screen's edge.
    await page.setViewportSize({ width: 360, height: 780 });
    try {
      const overflow = () =>
        page.evaluate(() =>
          Array.from(document.querySelectorAll('[aria-label="Target"], [aria-label="Tonal balance"]'))
            .flatMap((section) => [section, ...Array.from(section.querySelectorAll('*'))])
            .filter((e) => e.getBoundingClientRect().right > 360.5)
            .map((e) => e.tagName),
        );
      await expect.poll(overflow).toEqual([]);
      const box = await page.locator('.balance-chart').boundingBox();
      expect(box!.width).toBeGreaterThan(250);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('keeps the reference (its balance, never its audio) after a reload, and uses it offline', async () => {
    const { page, browser } = s;
    const stored = await storedReferences(page);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.name).toBe('My favourite');
    expect(Object.keys(stored[0]!).sort()).toEqual([
      'contractVersion',
      'createdAt',
      'fileName',
      'id',
      'name',
      'profile',
    ]);

    await browser.context.setOffline(true);
    try {
      await page.reload();
      await page.getByRole('button', { name: 'Open audio file' }).waitFor();
      await expect.poll(() => references(page)).toEqual(['My favourite']);
      await openSong(page, SONG);
      const automatic = await sliderValues(page);
      await page.getByRole('checkbox', { name: 'Match My favourite' }).check();
      await expect
        .poll(async () => {
          const g = await sliderValues(page);
          return (
            (g[0]! + g[1]!) / 2 -
            (g[5]! + g[6]!) / 2 -
            ((automatic[0]! + automatic[1]!) / 2 - (automatic[5]! + automatic[6]!) / 2)
          );
        })
        .toBeGreaterThan(3);
      // A second reference, measured with the network off.
      await page.getByLabel('Reference tracks').setInputFiles({
        name: 'Second.wav',
        mimeType: 'audio/wav',
        buffer: Buffer.from(SONG.bytes),
      });
      await expect.poll(() => references(page), { timeout: 60_000 }).toEqual(['My favourite', 'Second']);
      await page.getByRole('button', { name: 'Delete reference Second' }).click();
      await expect.poll(() => references(page)).toEqual(['My favourite']);
      expect(await storedReferences(page)).toHaveLength(1);
    } finally {
      await browser.context.setOffline(false);
    }
    expect(s.pageErrors).toEqual([]);
  });
});
