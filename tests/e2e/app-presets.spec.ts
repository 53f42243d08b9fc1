/**
 * Presets in the built app: the curve heard saved by name on the device (IndexedDB store `presets`), applied,
 * renamed and deleted; exported for other equalizers (GraphicEQ, parametric with preamp, our JSON) and
 * imported back within 0.1 dB; a curve at other frequencies fitted with its error shown; and the presets
 * carried by the data export into another browser profile.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import type { PresetRecord } from '../../src/storage/schema.ts';
import { BAND_NAMES, openApp, openSong, sliderValues, type AppSession } from './support/app-page.ts';

const CURVE = [3, -2, 0, 4.5, 0, -6, 2, 0, 1.5, -3];
const FLAT = new Array<number>(10).fill(0);
const song = {
  name: 'Preset song.wav',
  bytes: encodeWav(makeFixture(44100 * 4, 2, 61, 44100), 44100, 'pcm16'),
};

let s: AppSession;
beforeAll(async () => {
  s = await openApp();
});
afterAll(async () => {
  await s?.close();
});

const presets = (p: Page) => p.getByRole('region', { name: 'Presets' });
const status = (p: Page) => presets(p).getByRole('status');

async function setCurve(page: Page, gains: number[]) {
  for (const [i, band] of BAND_NAMES.entries())
    await page.getByRole('slider', { name: band }).fill(String(gains[i]));
}

function storedPresets(page: Page): Promise<PresetRecord[]> {
  return page.evaluate(
    () =>
      new Promise<PresetRecord[]>((resolve, reject) => {
        const req = indexedDB.open('sonic-ai-eq');
        req.onerror = () => reject(new Error(String(req.error)));
        req.onsuccess = () => {
          const all = req.result.transaction('presets').objectStore('presets').getAll();
          all.onsuccess = () => {
            req.result.close();
            resolve(all.result as PresetRecord[]);
          };
        };
      }),
  );
}

async function download(page: Page, click: () => Promise<void>) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, 'utf8') };
}

async function importPreset(page: Page, name: string, text: string) {
  await presets(page)
    .getByLabel('Preset file to import')
    .setInputFiles({
      name,
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });
}

describe('presets', () => {
  it('saves the curve by name on the device, renames, applies and deletes it', async () => {
    const { page } = s;
    await openSong(page, song);
    await setCurve(page, CURVE);
    await presets(page).getByLabel('Preset name').fill('  Warm   test ');
    await presets(page).getByRole('button', { name: 'Save curve as preset' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Saved the curve as “Warm test”.');
    await expect
      .poll(async () => (await storedPresets(page)).map((p) => [p.name, p.gainsDb]))
      .toEqual([['Warm test', CURVE]]);

    await presets(page).getByRole('button', { name: 'Rename Warm test' }).click();
    await presets(page).getByLabel('New name for Warm test').fill('Mid scoop');
    await presets(page).getByRole('button', { name: 'Save name' }).click();
    await expect.poll(async () => (await storedPresets(page))[0]?.name).toBe('Mid scoop');

    await page.getByRole('button', { name: 'Flat' }).click();
    expect(await sliderValues(page)).toEqual(FLAT);
    await page.getByRole('slider', { name: 'Amount' }).fill('0.5');
    await presets(page).getByRole('button', { name: 'Apply Mid scoop' }).click();
    // The preset is the curve heard: applied at 100 %.
    expect(await sliderValues(page)).toEqual(CURVE);
    expect(await page.locator('.amount output').textContent()).toBe('100 %');

    await presets(page).getByRole('button', { name: 'Save curve as preset' }).click();
    await expect.poll(async () => (await storedPresets(page)).length).toBe(2);
    await presets(page).getByRole('button', { name: 'Delete Preset song' }).click();
    await expect.poll(async () => (await storedPresets(page)).map((p) => p.name)).toEqual(['Mid scoop']);
  });

  it('exports the curve for other equalizers and imports each file back within 0.1 dB', async () => {
    const { page } = s;
    await setCurve(page, CURVE);
    for (const format of ['graphiceq', 'parametric', 'json'] as const) {
      await presets(page).getByRole('combobox', { name: 'Preset type' }).selectOption(format);
      const file = await download(page, () =>
        presets(page).getByRole('button', { name: 'Download curve' }).click(),
      );
      if (format === 'graphiceq') {
        expect(file.name).toBe('Preset song (Sonic EQ) GraphicEQ.txt');
        expect(file.text).toMatch(/^GraphicEQ: 20 -?\d+\.\d; /);
      } else if (format === 'parametric') {
        expect(file.name).toBe('Preset song (Sonic EQ) Parametric.txt');
        const lines = file.text.trim().split('\n');
        expect(lines[0]).toMatch(/^Preamp: -\d+\.\d dB$/);
        expect(lines.slice(1)).toHaveLength(10);
        for (const l of lines.slice(1))
          expect(l).toMatch(/^Filter \d+: ON PK Fc [\d.]+ Hz Gain -?[\d.]+ dB Q [\d.]+$/);
      } else {
        expect(file.name).toBe('Preset song (Sonic EQ) preset.json');
        expect((JSON.parse(file.text) as { gainsDb: number[] }).gainsDb).toEqual(CURVE);
      }

      await page.getByRole('button', { name: 'Flat' }).click();
      await importPreset(page, file.name, file.text);
      await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toMatch(/^Imported/);
      const back = await sliderValues(page);
      for (const [i, g] of back.entries())
        expect(Math.abs(g - CURVE[i]!), `${format} ${BAND_NAMES[i]}`).toBeLessThanOrEqual(0.1 + 1e-9);
      const message = (await status(page).textContent())!;
      if (format === 'json') expect(message).not.toMatch(/Fitted/);
      else
        expect(message).toMatch(
          /Fitted to the ten bands: within \d\.\d\d dB of the file’s curve \(RMS \d\.\d\d dB\)/,
        );
    }
  });

  it('fits a curve given at other frequencies and says how closely; refuses what is not a preset', async () => {
    const { page } = s;
    await importPreset(page, 'Tilt.txt', 'GraphicEQ: 20 4; 200 4; 2000 0; 8000 -4; 20000 -4\n');
    await expect
      .poll(() => status(page).textContent(), { timeout: 30_000 })
      .toMatch(/^Imported “Tilt” \(GraphicEQ\)\. Fitted to the ten bands: within (\d\.\d\d) dB/);
    // The file's corners cannot be drawn by ten octave bands: the error is there, and said.
    const [, maxError, rmsError] = /within (\d\.\d\d) dB .*\(RMS (\d\.\d\d) dB\)/
      .exec((await status(page).textContent())!)!
      .map(Number);
    expect(maxError).toBeGreaterThan(0.1);
    expect(maxError).toBeLessThan(4);
    expect(rmsError).toBeGreaterThan(0);
    expect(rmsError).toBeLessThan(maxError!);
    const tilt = await sliderValues(page);
    expect(tilt[0]).toBeGreaterThan(3);
    expect(tilt[9]).toBeLessThan(-3);

    await importPreset(page, 'notes.txt', 'Remember to buy milk\n');
    await expect
      .poll(() => status(page).textContent())
      .toMatch(/“notes\.txt” could not be read: not a preset/);
    expect(await sliderValues(page)).toEqual(tilt);
  });

  it('carries the saved presets in the data export to another device', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /Rating history/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Rating history' });
    const file = await download(page, () => dialog.getByRole('button', { name: 'Export JSON' }).click());
    await dialog.getByRole('button', { name: 'Close' }).click();
    const data = JSON.parse(file.text) as { version: number; presets: PresetRecord[] };
    expect(data.version).toBe(2);
    const here = await storedPresets(page);
    expect(data.presets.map((p) => p.name).sort()).toEqual(here.map((p) => p.name).sort());

    const other = await openApp();
    try {
      await other.page.getByRole('button', { name: /Rating history/ }).click();
      const d = other.page.getByRole('dialog', { name: 'Rating history' });
      await d.getByLabel('Feedback file to import').setInputFiles({
        name: file.name,
        mimeType: 'application/json',
        buffer: Buffer.from(file.text),
      });
      await expect
        .poll(() => d.getByRole('status').textContent())
        .toMatch(new RegExp(`and ${here.length} presets`));
      await d.getByRole('button', { name: 'Close' }).click();
      const there = await storedPresets(other.page);
      expect(there.sort((a, b) => a.createdAt - b.createdAt)).toEqual(
        here.sort((a, b) => a.createdAt - b.createdAt),
      );
      expect(
        await presets(other.page).getByRole('list', { name: 'Saved presets' }).getByRole('listitem').count(),
      ).toBe(here.length);
    } finally {
      await other.close();
    }
    expect(s.pageErrors).toEqual([]);
  });
});
