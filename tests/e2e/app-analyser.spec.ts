/**
 * The live analyser behind the curve, on stationary pink noise with a curve of +12 dB at 1 kHz and −12 dB at
 * 8 kHz: the spectrum drawn for the audible signal (filled) and the other (a line) differ between those two
 * frequencies by what the EQ does there (within 3 dB of the engine's response difference, read off the
 * canvas's pixels), and swap under bypass; the tilt moves the picture by 4.5 dB per octave; running it costs
 * the audio nothing (Chromium's count of underruns stays 0, while a deliberately late worklet in the same
 * browser is counted); and the view with the new controls passes axe.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECTRUM_SPAN_DB } from '../../src/app/analyser/spectrum-view.ts';
import { axisFraction } from '../../src/app/frequency-axis.ts';
import { eqResponseDb } from '../../src/shared/dsp/apply.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import { BAND_NAMES, openApp, openSong, sliderValues, type AppSession } from './support/app-page.ts';
import { pinkNoise, playbackStats, recordAudioContexts } from './support/live-audio.ts';

const RATE = 44100;
const noise = { name: 'pink.wav', bytes: encodeWav(pinkNoise(40, RATE, 2, -20, 3), RATE, 'float32') };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface Traces {
  /** dB (on the analyser's scale) of the filled (audible) and the line (other) trace at each frequency. */
  filled: number[];
  line: number[];
}

/**
 * Reads the canvas: in the pixel column of each frequency, the highest teal pixel (the audible trace's
 * outline, on top of its fill) and the highest amber pixel (the other trace), as dB on the drawing's scale.
 */
function readTraces(page: Page, freqs: number[]): Promise<Traces> {
  const xs = freqs.map(axisFraction);
  return page.evaluate(
    ({ xs, span }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas.spectrum')!;
      const { width, height } = canvas;
      const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
      const topOf = (x: number, is: (r: number, g: number, b: number) => boolean) => {
        const col = Math.round(x * width);
        for (let y = 0; y < height; y++) {
          for (const c of [col - 1, col, col + 1]) {
            const i = (y * width + c) * 4;
            if (data[i + 3]! > 40 && is(data[i]!, data[i + 1]!, data[i + 2]!)) return (-y / height) * span;
          }
        }
        return -Infinity;
      };
      return {
        filled: xs.map((x) => topOf(x, (r, g, b) => g > r + 60 && b > r + 40)),
        line: xs.map((x) => topOf(x, (r, g, b) => r > 150 && r > b + 50)),
      };
    },
    { xs, span: SPECTRUM_SPAN_DB },
  );
}

/** Traces averaged over a few frames (pink noise flickers a little from frame to frame). */
async function settledTraces(page: Page, freqs: number[]): Promise<Traces> {
  const reads: Traces[] = [];
  for (let i = 0; i < 6; i++) {
    reads.push(await readTraces(page, freqs));
    await page.waitForTimeout(150);
  }
  const mean = (k: keyof Traces) =>
    freqs.map((_, j) => reads.reduce((a, r) => a + r[k][j]!, 0) / reads.length);
  return { filled: mean('filled'), line: mean('line') };
}

let s: AppSession;
beforeAll(async () => {
  s = await openApp({ beforeLoad: recordAudioContexts });
});
afterAll(async () => {
  await s?.close();
});

const F1 = 1000;
const F2 = 8000;

describe('live analyser', () => {
  it('draws the equalised spectrum filled and the original as a line, swapped under bypass', async () => {
    const { page } = s;
    await openSong(page, noise);
    await page.getByRole('button', { name: 'Flat' }).click();
    await page.getByRole('slider', { name: BAND_NAMES[5]! }).fill('12');
    await page.getByRole('slider', { name: BAND_NAMES[8]! }).fill('-12');
    const applied = await sliderValues(page);
    const [r1, r2] = eqResponseDb(applied, RATE, [F1, F2]);
    const eqTilt = r1! - r2!;
    expect(eqTilt).toBeGreaterThan(20);

    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(1500);
    const on = await settledTraces(page, [F1, F2]);
    const eqDiff = on.filled[0]! - on.filled[1]!;
    const origDiff = on.line[0]! - on.line[1]!;
    expect(Math.abs(eqDiff - origDiff - eqTilt), `${eqDiff} − ${origDiff} vs ${eqTilt}`).toBeLessThan(3);
    await expect.poll(() => page.locator('.spectrum-key').textContent()).toMatch(/equalised \(heard\)/);

    await page.getByRole('button', { name: 'Bypass (B)' }).click();
    await page.waitForTimeout(300);
    const off = await settledTraces(page, [F1, F2]);
    expect(Math.abs(off.filled[0]! - off.filled[1]! - origDiff)).toBeLessThan(2);
    expect(Math.abs(off.line[0]! - off.line[1]! - eqDiff)).toBeLessThan(2);
    await expect.poll(() => page.locator('.spectrum-key').textContent()).toMatch(/original \(heard\)/);
    await page.getByRole('button', { name: 'Bypass (B)' }).click();

    // The tilt (on by default) adds 4.5 dB per octave about 1 kHz: three octaves between 1 and 8 kHz.
    const tilt = page.getByRole('checkbox', { name: 'Tilt 4.5 dB/octave' });
    await expect.poll(() => tilt.isChecked()).toBe(true);
    await tilt.uncheck();
    await page.waitForTimeout(300);
    const flat = await settledTraces(page, [F1, F2]);
    expect(Math.abs(eqDiff - (flat.filled[0]! - flat.filled[1]!) + 3 * 4.5)).toBeLessThan(1.5);
    await tilt.check();
  });

  it('costs the audio nothing: no underruns while it draws, though Chromium counts those of a late worklet', async () => {
    const { page } = s;
    const before = await playbackStats(page);
    await page.waitForTimeout(8000);
    const after = await playbackStats(page);
    expect(await page.getByRole('button', { name: 'Pause' }).isVisible()).toBe(true);
    expect(after.totalDuration - before.totalDuration).toBeGreaterThan(7);
    expect(after.underrunEvents - before.underrunEvents).toBe(0);

    // The counter counts: a worklet that takes longer than a render quantum's 2.9 ms makes the device wait.
    const late = await page.evaluate(async () => {
      const code = `registerProcessor('late', class extends AudioWorkletProcessor {
        process(_, outputs) { const t = Date.now() + 5; while (Date.now() < t); return true; } });`;
      const ctx = new AudioContext();
      await ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
      new AudioWorkletNode(ctx, 'late').connect(ctx.destination);
      await new Promise((r) => setTimeout(r, 1500));
      const stats = (ctx as AudioContext & { playbackStats: { underrunEvents: number } }).playbackStats;
      const n = stats.underrunEvents;
      await ctx.close();
      return n;
    });
    expect(late).toBeGreaterThan(0);
  });

  it('the equalizer with the analyser and its controls, and the meters, have no axe violations', async () => {
    const { page } = s;
    // The views this work added (the whole page's gate is tests/e2e/accessibility.spec.ts where it exists).
    const result = await new AxeBuilder({ page })
      .withTags(AXE_TAGS)
      .include('.equalizer')
      .include('.loudness')
      .analyze();
    const found = result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
    expect(found).toEqual([]);
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(s.pageErrors).toEqual([]);
  });
});
