import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import { dropFiles, openApp, type AppSession } from './support/app-page.ts';

const BANDS = ['31 Hz', '63 Hz', '125 Hz', '250 Hz', '500 Hz', '1 kHz', '2 kHz', '4 kHz', '8 kHz', '16 kHz'];
const short = encodeWav(makeFixture(44100 * 8, 2, 5, 44100), 44100, 'pcm16');
// Two minutes at 8 kHz: small to send.
const long = encodeWav(makeFixture(8000 * 120, 1, 6, 8000), 8000, 'pcm16');

const analysisStatus = (page: Page) => page.locator('.analysis-status').textContent();
const sliderValues = (page: Page) =>
  Promise.all(BANDS.map(async (b) => Number(await page.getByRole('slider', { name: b }).inputValue())));

function cliSuggestion(path: string): number[] {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/eq.ts', 'analyze', path, '--json'], {
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { gainsDb: number[] }).gainsDb;
}

describe('the suggestion in the app', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await openApp();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('appears as soon as a file is opened, on the curve and the sliders, and can be returned to', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Try the demo song' }).click();
    await expect.poll(() => analysisStatus(page), { timeout: 60_000 }).toMatch(/Suggestion ready/);
    const expected = cliSuggestion('public/demo/coherence.opus');
    const shown = await sliderValues(page);
    shown.forEach((g, i) => expect(Math.abs(g - expected[i]!)).toBeLessThanOrEqual(0.1 + 0.05));
    await page.getByRole('slider', { name: '1 kHz' }).fill('9');
    const reset = page.getByRole('button', { name: 'Reset to suggestion' });
    await expect.poll(() => reset.isEnabled()).toBe(true);
    await reset.click();
    expect(await sliderValues(page)).toEqual(shown);
    await expect.poll(() => reset.isEnabled()).toBe(false);
  });

  it('can be cancelled, and a new file cancels the analysis of the previous one', async () => {
    // The features are gathered while the file opens; the analysis is the model call, which waits here
    // for a model held back on purpose: the phase lasts as long as the test needs.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slow = await openApp({
      blockServiceWorkers: true,
      beforeLoad: (page) =>
        page.route(/eq-model.*\.onnx$/, async (route) => {
          await held;
          await route.continue();
        }),
    });
    try {
      const { page } = slow;
      await dropFiles(page, [{ name: 'long.wav', bytes: long }]);
      await page.getByRole('button', { name: 'Cancel analysis' }).click({ timeout: 60_000 });
      await expect.poll(() => analysisStatus(page)).toBe('Analysis cancelled.');
      await dropFiles(page, [
        { name: 'long.wav', bytes: long },
        { name: 'short.wav', bytes: short },
      ]);
      await expect
        .poll(() => page.locator('.file-name').textContent(), { timeout: 30_000 })
        .toBe('short.wav');
      await expect.poll(() => analysisStatus(page)).toMatch(/^Analysing the song/);
      release();
      await expect.poll(() => analysisStatus(page), { timeout: 60_000 }).toMatch(/Suggestion ready/);
      expect(slow.pageErrors).toEqual([]);
    } finally {
      release();
      await slow.close();
    }
  });
});

describe('when the model cannot start', () => {
  it('says so, and the next file is analysed once it can', async () => {
    let broken = true;
    const s = await openApp({
      blockServiceWorkers: true,
      beforeLoad: (page) =>
        page.route(/eq-model.*\.onnx$/, (route) =>
          broken ? route.fulfill({ status: 200, body: 'not a model' }) : route.continue(),
        ),
    });
    try {
      const { page } = s;
      await dropFiles(page, [{ name: 'first.wav', bytes: short }]);
      await expect.poll(() => analysisStatus(page), { timeout: 60_000 }).toMatch(/The analysis failed/);
      // The app keeps working: the file plays.
      await expect.poll(() => page.getByRole('button', { name: 'Play' }).isEnabled()).toBe(true);
      broken = false;
      await dropFiles(page, [{ name: 'second.wav', bytes: short }]);
      await expect.poll(() => analysisStatus(page), { timeout: 60_000 }).toMatch(/Suggestion ready/);
    } finally {
      await s.close();
    }
  });
});
