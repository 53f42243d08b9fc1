import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAND_CENTERS_HZ } from '../../src/shared/dsp/index.ts';
import { toDb, truePeak } from '../../src/shared/loudness/true-peak.ts';
import { decodeWav } from '../../src/shared/wav/wav-decode.ts';
import { openApp, type AppSession } from './support/app-page.ts';
import { transferDb } from './support/transfer.ts';

const GAINS = [0, 6, 0, -3, 0, 2, 0, 0, -4, 3];
const AMOUNT = 0.8;
const SCREENSHOTS = 'test-results/screenshots';

let s: AppSession;
beforeAll(async () => {
  s = await openApp();
});
afterAll(async () => {
  await s?.close();
});

/** The demo as ffmpeg decodes it, at 48 kHz stereo. */
function decodeWithFfmpeg(path: string): Float32Array[] {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'f32le', '-ac', '2', '-ar', '48000', '-'], {
    maxBuffer: 1 << 30,
  });
  expect(r.status, String(r.stderr)).toBe(0);
  const all = new Float32Array(r.stdout.buffer, r.stdout.byteOffset, r.stdout.byteLength / 4);
  return [0, 1].map((c) => Float32Array.from({ length: all.length / 2 }, (_, i) => all[2 * i + c]!));
}

/** Lag (samples) that best aligns `b` to `a`, searched over ±maxLag on a 2 s excerpt. */
function bestLag(a: Float32Array, b: Float32Array, maxLag: number): number {
  const from = 48000 * 5;
  let best = 0;
  let bestScore = -Infinity;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let score = 0;
    for (let i = from; i < from + 96000; i++) score += a[i]! * (b[i + lag] ?? 0);
    if (score > bestScore) [best, bestScore] = [lag, score];
  }
  return best;
}

describe('the app, end to end', () => {
  it('opens the demo, edits the EQ, plays, bypasses, changes the amount and exports WAV and MP3', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Try the demo song' }).click();
    const play = page.getByRole('button', { name: 'Play' });
    await expect.poll(() => play.isEnabled(), { timeout: 30_000 }).toBe(true);
    for (const [i, label] of [
      '31 Hz',
      '63 Hz',
      '125 Hz',
      '250 Hz',
      '500 Hz',
      '1 kHz',
      '2 kHz',
      '4 kHz',
      '8 kHz',
      '16 kHz',
    ].entries()) {
      const slider = page.getByRole('slider', { name: label });
      await slider.fill(String(GAINS[i]));
      expect(await slider.getAttribute('aria-valuetext')).toMatch(/dB$/);
    }
    await page.getByRole('slider', { name: 'Amount' }).fill(String(AMOUNT));
    await expect.poll(() => page.locator('.amount output').textContent()).toBe('80 %');

    await play.click();
    await expect
      .poll(() => page.locator('.current-time').textContent(), { timeout: 10_000 })
      .not.toBe('0:00');
    const bypass = page.getByRole('button', { name: 'Bypass (B)' });
    await page.keyboard.press('b');
    await expect.poll(() => bypass.getAttribute('aria-pressed')).toBe('true');
    await bypass.click();
    await expect.poll(() => bypass.getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('button', { name: 'Pause' }).click();

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}/main-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOTS}/main-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // WAV 24-bit: the spectrum follows the command, one constant apart (the output gain), peaks ≤ −1 dBTP.
    await page.getByRole('combobox', { name: 'Format', exact: true }).selectOption('wav24');
    const [wavDownload] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(wavDownload.suggestedFilename()).toMatch(/Sonic EQ.*\.wav$/);
    const wav = decodeWav(new Uint8Array(readFileSync((await wavDownload.path())!)));
    expect(wav.sampleRate).toBe(48000);
    expect(wav.channels).toHaveLength(2);
    expect(toDb(truePeak(wav.channels))).toBeLessThanOrEqual(-1 + 0.01);
    const original = decodeWithFfmpeg('public/demo/coherence.opus');
    const lag = bestLag(original[0]!, wav.channels[0]!, 2000);
    const applied = GAINS.map((g) => g * AMOUNT);
    const residuals = [0, 1].flatMap((c) => {
      const x = original[c]!.subarray(Math.max(0, -lag));
      const y = wav.channels[c]!.subarray(Math.max(0, lag));
      return transferDb(x, y, 48000, BAND_CENTERS_HZ).map((m, i) => m - applied[i]!);
    });
    const offset = residuals.reduce((a, b) => a + b, 0) / residuals.length;
    for (const r of residuals) expect(Math.abs(r - offset)).toBeLessThan(0.5);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Exported' }).count()).toBe(1);

    // MP3: a file ffmpeg decodes, as long as the song.
    await page.getByRole('combobox', { name: 'Format', exact: true }).selectOption('mp3');
    const [mp3Download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      page.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(mp3Download.suggestedFilename()).toMatch(/Sonic EQ.*\.mp3$/);
    const mp3 = decodeWithFfmpeg((await mp3Download.path())!);
    expect(Math.abs(mp3[0]!.length / 48000 - original[0]!.length / 48000)).toBeLessThan(1);

    // Nothing left the page's origin (the app is served from it; blob: and data: URLs stay in the tab).
    const origin = new URL(s.app.url).origin;
    const outside = s.requests.filter(
      (u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'),
    );
    expect(outside).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
