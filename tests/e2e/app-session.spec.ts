/**
 * One song, one session, in the built app: ratings and exports are stored with their own song, undo never
 * crosses songs, a file without a suggestion starts flat, an export outlives the song it was started for,
 * the amount moves the handles with the curve, and a band is realisable in the slider, the curve and the
 * engine alike. Outcomes are read where the user's data lives: the records in IndexedDB.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import {
  openApp,
  openSong,
  sliderValues,
  storedRecords,
  dropFiles,
  type AppSession,
} from './support/app-page.ts';

const wav = (name: string, seconds: number, seed: number, rate = 44100) => ({
  name,
  bytes: encodeWav(makeFixture(Math.round(rate * seconds), 2, seed, rate), rate, 'pcm16'),
});
const silent = (name: string) => ({
  name,
  bytes: encodeWav([new Float32Array(44100 * 3), new Float32Array(44100 * 3)], 44100, 'float32'),
});
const FLAT = new Array<number>(10).fill(0);

const slider = (page: Page, band: string) => page.getByRole('slider', { name: band });

async function exportNow(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  return download.suggestedFilename();
}

describe('one song, one session', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await openApp();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('keeps each rating and export with its own song, and a silent file starts flat and keeps nothing', async () => {
    const { page } = s;
    await openSong(page, wav('A.wav', 5, 1));
    const aCurve = await sliderValues(page);
    await page.getByRole('button', { name: 'Good suggestion' }).click();

    await openSong(page, wav('B.wav', 5, 2));
    await slider(page, '63 Hz').fill('-12');
    const bCurve = await sliderValues(page);
    expect(await exportNow(page)).toMatch(/^B \(Sonic EQ[^)]*\)/);

    await openSong(page, silent('C.wav'), /silent/);
    expect(await sliderValues(page)).toEqual(FLAT);
    expect(await page.getByRole('button', { name: 'Good suggestion' }).count()).toBe(0);
    await slider(page, '125 Hz').fill('-12');
    expect(await exportNow(page)).toMatch(/^C \(Sonic EQ[^)]*\)/);

    await expect.poll(async () => (await storedRecords(page)).length).toBe(2);
    const [a, b] = await storedRecords(page);
    expect([a!.fileName, a!.rating, a!.curveDb]).toEqual(['A.wav', 'up', aCurve]);
    expect([b!.fileName, b!.rating, b!.curveDb]).toEqual(['B.wav', 'none', bCurve]);
    expect(b!.curveDb[2]).not.toBe(-12);
  });

  it('undo never brings one song’s curve to the next', async () => {
    const { page } = s;
    await openSong(page, wav('D.wav', 5, 3));
    await slider(page, '2 kHz').fill('11');
    await openSong(page, wav('E.wav', 5, 4));
    const eCurve = await sliderValues(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    const undone = await sliderValues(page);
    expect(undone[6]).not.toBe(11);
    expect(undone).toEqual(FLAT); // before E's suggestion, E was flat
    await page.keyboard.press('Control+Shift+z');
    expect(await sliderValues(page)).toEqual(eCurve);
  });

  it('an export keeps running, named, when another file opens, and keeps its own song’s curve', async () => {
    const { page } = s;
    await openSong(page, wav('Long.wav', 90, 5));
    await slider(page, '500 Hz').fill('-7');
    const longCurve = await sliderValues(page);
    await page.getByRole('combobox', { name: 'Format', exact: true }).selectOption('wav16');
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await dropFiles(page, [wav('Next.wav', 4, 6)]);
    await expect.poll(() => page.locator('.file-name').textContent(), { timeout: 30_000 }).toBe('Next.wav');
    expect((await download).suggestedFilename()).toMatch(/^Long \(Sonic EQ[^)]*\)/);
    await expect
      .poll(() => page.locator('.export-message').textContent())
      .toMatch(/Exported “Long \(Sonic EQ[^)]*\).*” \(from “Long.wav”, opened before\)/);
    const long = (await storedRecords(page)).find((r) => r.fileName === 'Long.wav')!;
    expect(long.curveDb).toEqual(longCurve);
    expect((await storedRecords(page)).some((r) => r.fileName === 'Next.wav')).toBe(false);
  });

  it('says what personalised a suggestion: exports without a rating are not counted as ratings', async () => {
    const { page } = s;
    // So far: A rated, B and Long exported without a rating.
    await openSong(page, wav('F.wav', 5, 7));
    await expect
      .poll(() => page.locator('.personal-status').textContent())
      .toBe('Personalised from 1 rating and 2 exported curves.');
  });

  it('at 50 % the handles sit on the drawn curve and the sliders show what is applied', async () => {
    const { page } = s;
    await slider(page, '1 kHz').fill('6');
    await page.getByRole('slider', { name: 'Amount' }).fill('0.5');
    expect(Number(await slider(page, '1 kHz').inputValue())).toBe(3);
    await slider(page, '1 kHz').fill('-4');
    await page.getByRole('slider', { name: 'Amount' }).fill('1');
    expect(Number(await slider(page, '1 kHz').inputValue())).toBe(-8);
    await page.getByRole('slider', { name: 'Amount' }).fill('0.5');
    // The 1 kHz handle is where the drawn response passes the 1 kHz line.
    const { handleY, curveY } = await page.evaluate(() => {
      const svg = document.querySelector('svg.curve')!;
      const handles = [...svg.querySelectorAll('circle.handle')];
      const h = handles[5]!;
      const x = Number(h.getAttribute('cx'));
      const path = svg.querySelector('path.response:not(.reference)') as SVGPathElement;
      const pts = path
        .getAttribute('d')!
        .slice(1)
        .split(/[ML]/)
        .map((p) => p.split(',').map(Number) as [number, number]);
      const nearest = pts.reduce((a, b) => (Math.abs(b[0] - x) < Math.abs(a[0] - x) ? b : a));
      return { handleY: Number(h.getAttribute('cy')), curveY: nearest[1] };
    });
    expect(Math.abs(handleY - curveY)).toBeLessThan(4);
    await page.getByRole('slider', { name: 'Amount' }).fill('1');
  });

  it('a band is realisable in the slider, the curve and the engine alike: 16 kHz at 40 kHz, not above 2 kHz at 8 kHz', async () => {
    const { page } = s;
    await openSong(page, wav('forty.wav', 4, 8, 40000));
    expect(await slider(page, '16 kHz').isEnabled()).toBe(true);
    expect(await page.locator('svg.curve circle.handle').count()).toBe(10);

    await openSong(page, wav('eight.wav', 6, 9, 8000));
    const values = await sliderValues(page);
    for (const [i, band] of ['4 kHz', '8 kHz', '16 kHz'].entries()) {
      expect(await slider(page, band).isEnabled()).toBe(false);
      expect(values[7 + i]).toBe(0);
    }
    expect(await page.locator('svg.curve circle.handle').count()).toBe(7);
    expect(s.pageErrors).toEqual([]);
  });
});
