/**
 * The small things a user reaches within a day: nothing to edit before a file is open, keyboard seeking
 * and band reset, focus kept across an export, distinct names for exports in different depths, no
 * "lowered by 0.0 dB", an honest re-import message, and the note that the app is ready offline.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import { BAND_NAMES, openApp, openSong, sliderValues, type AppSession } from './support/app-page.ts';

/**
 * A 1 kHz sine whose true peak (−1.08 dBTP) is 0.02 dB above where the export aims (0.1 dB under the −1 dBTP
 * ceiling): lowered by 0.02 dB, which rounds to nothing and is not said.
 */
function barelyOver(seconds: number): Uint8Array {
  const rate = 44100;
  const amp = 10 ** (-1.08 / 20);
  const x = Float32Array.from(
    { length: rate * seconds },
    (_, i) => amp * Math.sin((2 * Math.PI * 1000 * i) / rate),
  );
  return encodeWav([x, x.slice()], rate, 'float32');
}

const currentTime = (page: Page) => page.locator('.current-time').textContent();

let s: AppSession;
beforeAll(async () => {
  s = await openApp();
});
afterAll(async () => {
  await s?.close();
});

describe('edges of the app', () => {
  it('says once that the app is ready to work offline', async () => {
    await expect
      .poll(() => s.page.getByRole('status').filter({ hasText: 'Ready to work offline' }).count(), {
        timeout: 60_000,
      })
      .toBe(1);
  });

  it('offers nothing to edit before a file is open', async () => {
    const { page } = s;
    for (const name of BAND_NAMES) expect(await page.getByRole('slider', { name }).isDisabled()).toBe(true);
    expect(await page.getByRole('slider', { name: 'Amount' }).isDisabled()).toBe(true);
    for (const name of ['Undo', 'Redo', 'Flat'])
      expect(await page.getByRole('button', { name, exact: true }).isDisabled()).toBe(true);
    expect(await page.locator('.curve .handle-target').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Export' }).count()).toBe(0);
  });

  it('seeks from the keyboard on the Position control, and Delete resets a focused band', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Try the demo song' }).click();
    await expect
      .poll(() => page.locator('.analysis-status').textContent(), { timeout: 60_000 })
      .toMatch(/Suggestion ready/);
    const position = page.getByRole('slider', { name: 'Position' });
    await position.focus();
    await page.keyboard.press('End');
    await expect.poll(() => currentTime(page)).toBe('0:55');
    expect(await position.getAttribute('aria-valuenow')).toBe('55');
    await page.keyboard.press('Home');
    await expect.poll(() => currentTime(page)).toBe('0:00');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => currentTime(page)).toBe('0:10');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => currentTime(page)).toBe('0:05');
    expect(await position.getAttribute('aria-valuetext')).toBe('5 seconds of 55 seconds');

    const band = page.getByRole('slider', { name: '1 kHz' });
    await band.fill('6');
    await band.focus();
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await sliderValues(page))[5]).toBe(0);
    await band.fill('-4');
    await band.focus();
    await page.keyboard.press('Backspace');
    await expect.poll(async () => (await sliderValues(page))[5]).toBe(0);
    // Reset is one undoable step.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await sliderValues(page))[5]).toBe(-4);
  });

  it('keeps keyboard focus on Export after an export, and names 16, 24 and 32-bit files apart', async () => {
    const { page } = s;
    const names: string[] = [];
    for (const format of ['wav16', 'wav24', 'wav32f']) {
      await page.getByRole('combobox', { name: 'Format', exact: true }).selectOption(format);
      const exportButton = page.getByRole('button', { name: 'Export', exact: true });
      await exportButton.focus();
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 90_000 }),
        page.keyboard.press('Enter'),
      ]);
      names.push(download.suggestedFilename());
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Export');
    }
    expect(names).toEqual([
      'Coherence (Sonic EQ, 16-bit).wav',
      'Coherence (Sonic EQ, 24-bit).wav',
      'Coherence (Sonic EQ, 32-bit float).wav',
    ]);
  });

  it('does not say the level was lowered by 0.0 dB', async () => {
    const { page } = s;
    await openSong(page, { name: 'barely over.wav', bytes: barelyOver(3) });
    await page.getByRole('button', { name: 'Flat', exact: true }).click();
    await page.getByRole('combobox', { name: 'Format', exact: true }).selectOption('wav24');
    await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    await expect
      .poll(() => page.locator('.export-message').textContent())
      .toBe('Exported “barely over (Sonic EQ, 24-bit).wav”.');
  });

  it('says what a re-import added: nothing, when the ratings are already here', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Good suggestion' }).click();
    await page.getByRole('button', { name: /^Rating history/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Rating history' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    await dialog.getByLabel('Feedback file to import').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/json',
      buffer: readFileSync((await download.path())!),
    });
    await expect
      .poll(() => dialog.locator('.history-message').textContent())
      .toMatch(/^Nothing new in “.*\.json”: all 2 of its ratings are already here\.$/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(s.pageErrors).toEqual([]);
  });
});
