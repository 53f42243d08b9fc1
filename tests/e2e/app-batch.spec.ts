/**
 * Batches in the built app: several files dropped together are listed and analysed one after another, a bad
 * one says why; "Download all as zip" writes a zip whose entries decode, keep the source's layout, never pass
 * −1 dBTP and are byte for byte the files a single export of each song writes; one curve for all applies
 * that curve to every file.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAND_CENTERS_HZ } from '../../src/shared/dsp/index.ts';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { toDb, truePeak } from '../../src/shared/loudness/true-peak.ts';
import { decodeWav } from '../../src/shared/wav/wav-decode.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import {
  BAND_NAMES,
  batchStatuses,
  dropTogether,
  openApp,
  sliderValues,
  type AppSession,
} from './support/app-page.ts';
import { readZip } from './support/read-zip.ts';
import { transferDb } from './support/transfer.ts';

const song = (name: string, seed: number, rate: number, channels: number) => {
  const source = makeFixture(Math.round(rate * 6), channels, seed, rate);
  return { name, source, rate, bytes: encodeWav(source, rate, 'pcm16') };
};
const SONGS = [
  song('First.wav', 11, 44100, 2),
  song('Second.wav', 12, 48000, 1),
  song('Third.wav', 13, 22050, 2),
];
const BROKEN = { name: 'Broken.mp3', bytes: new TextEncoder().encode('not audio at all') };

let s: AppSession;
beforeAll(async () => {
  s = await openApp();
});
afterAll(async () => {
  await s?.close();
});

async function download(page: Page, click: () => Promise<void>, timeout = 120_000) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout }), click()]);
  return { name: d.suggestedFilename(), bytes: new Uint8Array(readFileSync((await d.path())!)) };
}

const exportZip = (page: Page) =>
  download(page, () => page.getByRole('button', { name: 'Download all as zip' }).click());

describe('a batch', () => {
  it('lists the files, analyses them one after another and says why a bad one failed', async () => {
    const { page } = s;
    await dropTogether(page, [...SONGS, BROKEN]);
    const batch = page.getByRole('region', { name: 'Batch' });
    await batch.waitFor();
    expect(await batch.locator('.batch-open').allTextContents()).toEqual([
      ...SONGS.map((x) => x.name),
      BROKEN.name,
    ]);
    // The first file is on screen as well, to listen to and adjust.
    await expect.poll(() => page.locator('.file-name').textContent(), { timeout: 30_000 }).toBe('First.wav');
    await expect
      .poll(() => batchStatuses(page), { timeout: 120_000 })
      .toEqual([
        'Suggestion ready',
        'Suggestion ready',
        'Suggestion ready',
        expect.stringMatching(/could not be read as audio/),
      ]);
    await expect.poll(() => batch.getByRole('progressbar', { name: 'Batch progress' }).count()).toBe(0);
    // Each row shows its own suggestion.
    expect(await batch.locator('.batch-item .curve-bars').count()).toBe(3);
  });

  it('exports all as a zip whose entries decode and equal the single exports of each song', async () => {
    const { page } = s;
    // Suggestions stay the model's own while single exports add records (they would personalise them).
    await expect
      .poll(() => page.locator('.analysis-status').textContent(), { timeout: 60_000 })
      .toMatch(/Suggestion ready/);
    await page.getByRole('checkbox', { name: 'Personalise suggestions' }).uncheck();
    await page.getByRole('combobox', { name: 'Batch file type' }).selectOption('wav24');
    const zip = await exportZip(page);
    expect(zip.name).toBe('Sonic EQ – 4 files.zip');
    const entries = readZip(zip.bytes);
    expect(entries.map((e) => e.name)).toEqual([
      'First (Sonic EQ).wav',
      'Second (Sonic EQ).wav',
      'Third (Sonic EQ).wav',
    ]);
    await expect
      .poll(() => page.getByRole('region', { name: 'Batch' }).getByRole('status').textContent())
      .toBe('Exported 3 files to “Sonic EQ – 4 files.zip”. 1 file skipped.');

    for (const [i, x] of SONGS.entries()) {
      const wav = decodeWav(entries[i]!.bytes);
      expect(wav.sampleRate).toBe(x.rate);
      expect(wav.channels).toHaveLength(x.source.length);
      expect(wav.channels[0]!.length).toBe(x.source[0]!.length);
      expect(toDb(truePeak(wav.channels))).toBeLessThanOrEqual(-1 + 0.01);

      // The same song exported on its own, at its own suggestion, is the same file.
      await page.getByRole('button', { name: x.name, exact: true }).click();
      await expect.poll(() => page.locator('.file-name').textContent(), { timeout: 30_000 }).toBe(x.name);
      await expect
        .poll(() => page.locator('.analysis-status').textContent(), { timeout: 60_000 })
        .toMatch(/Suggestion ready: the suggested curve is applied/);
      expect((await sliderValues(page)).some((g) => g !== 0)).toBe(true);
      await page.getByRole('combobox', { name: 'Format' }).first().selectOption('wav24');
      const single = await download(page, () =>
        page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Export' }).click(),
      );
      expect(single.name).toBe(entries[i]!.name);
      expect(Buffer.from(entries[i]!.bytes).equals(Buffer.from(single.bytes)), `${x.name} differs`).toBe(
        true,
      );
    }
    expect(s.pageErrors).toEqual([]);
  });

  it('applies the curve on screen to every file when asked', async () => {
    const { page } = s;
    const gains = [0, 0, 6, 0, 0, 0, 0, -6, 0, 0];
    await page.getByRole('button', { name: 'First.wav', exact: true }).click();
    await expect.poll(() => page.locator('.file-name').textContent(), { timeout: 30_000 }).toBe('First.wav');
    for (const [i, band] of BAND_NAMES.entries())
      await page.getByRole('slider', { name: band }).fill(String(gains[i]));
    await page.getByRole('radio', { name: 'The curve on screen, for every file' }).check();
    const zip = await exportZip(page);
    const entries = readZip(zip.bytes);
    expect(entries).toHaveLength(3);
    for (const [i, x] of SONGS.entries()) {
      const wav = decodeWav(entries[i]!.bytes);
      // Bands the file's rate cannot carry stay at 0 dB (16 kHz at 22.05 kHz); measured where the file has sound.
      const bands = BAND_CENTERS_HZ.map((f, b) => [f, gains[b]!] as const).filter(([f]) => f < x.rate * 0.4);
      const residuals = x.source.flatMap((src, c) =>
        transferDb(
          src,
          wav.channels[c]!,
          x.rate,
          bands.map(([f]) => f),
        ).map((m, b) => m - bands[b]![1]),
      );
      const offset = residuals.reduce((a, b) => a + b, 0) / residuals.length;
      for (const r of residuals) expect(Math.abs(r - offset), x.name).toBeLessThan(0.5);
    }
  });

  it('cancels a running batch: the rest is marked, and can be analysed afterwards', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Clear list' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Batch' }).count()).toBe(0);
    await dropTogether(page, SONGS);
    const cancel = page.getByRole('button', { name: 'Cancel batch' });
    await cancel.waitFor({ timeout: 30_000 });
    await cancel.click();
    await expect.poll(() => batchStatuses(page)).toContain('Not analysed (cancelled)');
    expect(await page.getByRole('progressbar', { name: 'Batch progress' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Analyse the rest' }).click();
    await expect
      .poll(() => batchStatuses(page), { timeout: 120_000 })
      .toEqual(['Suggestion ready', 'Suggestion ready', 'Suggestion ready']);
    expect(s.pageErrors).toEqual([]);
  });
});
