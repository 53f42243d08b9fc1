/**
 * The loudness meters against the Node implementation on the same file:
 * - live (what is heard, from the meter tap in the audio graph): momentary and short-term on stationary pink
 *   noise, read while it plays, lie within the range of Node's meter over the same signal ± 0.15 LU, and the
 *   true peak after the whole file has played equals Node's within 0.15 dB; bypassed (the original) and
 *   equalised (the EQ's output at the matched level the listener hears);
 * - whole song (the loudness worker): integrated loudness, loudness range and true peak of a real music
 *   excerpt, original and equalised at the curve set, equal Node's to the figure's last digit (0.06).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEq } from '../../src/shared/dsp/apply.ts';
import {
  LoudnessMeter,
  measureLoudness,
  type LoudnessSummary,
} from '../../src/shared/loudness/loudness-meter.ts';
import { eqLoudnessChangeDb, loudnessProfile } from '../../src/shared/loudness/loudness-match.ts';
import { decodeWav } from '../../src/shared/wav/wav-decode.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import { BAND_NAMES, openApp, openSong, sliderValues, type AppSession } from './support/app-page.ts';
import { pinkNoise } from './support/live-audio.ts';
import { tempDir } from '../support/temp-dir.ts';

const RATE = 44100;
const NOISE_S = 9;
const noiseChannels = pinkNoise(NOISE_S, RATE, 2, -18, 5);
const noise = { name: 'noise.wav', bytes: encodeWav(noiseChannels, RATE, 'float32') };
/** A curve with boosts and cuts, set on the sliders (applied dB at amount 100 %). */
const CURVE = [6, 4, 0, -3, 0, 2, 5, 8, 3, -4];

/** A number shown with its unit ("−17.4 LUFS") as a number; "—" (nothing measured) as −Infinity. */
const parseLevel = (text: string): number => {
  const t = text.replace('−', '-').trim();
  return t.startsWith('—') ? -Infinity : parseFloat(t);
};

const meterValue = async (page: Page, name: string) =>
  parseLevel((await page.getByRole('meter', { name }).getAttribute('aria-valuetext')) ?? '');

/** The whole-song row ("Original" / "Equalised"): integrated, range, true peak. */
async function songRow(page: Page, name: string): Promise<number[]> {
  const row = page.locator('.song-loudness tbody tr', { has: page.getByRole('rowheader', { name }) });
  return (await row.locator('td').allTextContents()).map(parseLevel);
}

/** Node's meter over the heard signal, hop by hop: the momentary and short-term values it passes through. */
function nodeLive(channels: Float32Array[]) {
  const meter = new LoudnessMeter(channels.length, RATE);
  const hop = meter.hopFrames;
  const momentary: number[] = [];
  const shortTerm: number[] = [];
  for (let start = 0; start + hop <= channels[0]!.length; start += hop) {
    meter.push(
      channels.map((c) => c.subarray(start, start + hop)),
      hop,
    );
    // Only once the 3 s window is full: what a listener reads after the first seconds.
    if ((start + hop) / RATE >= 3.5) {
      momentary.push(meter.momentaryLufs);
      shortTerm.push(meter.shortTermLufs);
    }
  }
  return { momentary, shortTerm, truePeak: meter.finish().truePeakDbtp };
}

const within = (v: number, values: number[], tol: number) =>
  v >= Math.min(...values) - tol && v <= Math.max(...values) + tol;

let s: AppSession;
const dir = tempDir('meters-');
beforeAll(async () => {
  s = await openApp();
});
afterAll(async () => {
  await s?.close();
});

async function setCurve(page: Page, gains: number[]): Promise<number[]> {
  await page.getByRole('button', { name: 'Flat' }).click();
  for (let i = 0; i < gains.length; i++) {
    await page.getByRole('slider', { name: BAND_NAMES[i]! }).fill(String(gains[i]));
  }
  return sliderValues(page);
}

/** Plays from the start; reads momentary and short-term after `readAtS`, the true peak once it has ended. */
async function listen(page: Page, readAtS: number) {
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(readAtS * 1000);
  const momentary = await meterValue(page, 'Momentary');
  const shortTerm = await meterValue(page, 'Short-term');
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 20_000 });
  // The last readings arrive every 100 ms: the peak of the end of the file is in within a few.
  await page.waitForTimeout(500);
  return { momentary, shortTerm, truePeak: await meterValue(page, 'True peak') };
}

describe('loudness meters against the Node meter', () => {
  it('live, bypassed: momentary, short-term and true peak of the original as heard', async () => {
    const { page } = s;
    await openSong(page, noise);
    await setCurve(page, CURVE);
    await page.getByRole('button', { name: 'Bypass (B)' }).click();
    const shown = await listen(page, 6);
    const node = nodeLive(noiseChannels);
    expect(within(shown.momentary, node.momentary, 0.15), `${shown.momentary} vs ${node.momentary}`).toBe(
      true,
    );
    expect(within(shown.shortTerm, node.shortTerm, 0.15), `${shown.shortTerm} vs ${node.shortTerm}`).toBe(
      true,
    );
    expect(Math.abs(shown.truePeak - node.truePeak)).toBeLessThan(0.15);
  });

  it('live, equalised: the EQ output at the matched level the listener hears', async () => {
    const { page } = s;
    const applied = await sliderValues(page);
    expect(applied).toEqual(CURVE);
    // Switched while nothing plays: the switch must be complete when playback starts (no overlap of both).
    await page.getByRole('button', { name: 'Bypass (B)' }).click();
    const shown = await listen(page, 6);
    const matchDb = -eqLoudnessChangeDb(loudnessProfile(noiseChannels, RATE), applied);
    const g = 10 ** (matchDb / 20);
    const heard = applyEq(noiseChannels, RATE, applied).map((c) => c.map((v) => v * g));
    const node = nodeLive(heard);
    expect(within(shown.momentary, node.momentary, 0.15), `${shown.momentary} vs ${node.momentary}`).toBe(
      true,
    );
    expect(within(shown.shortTerm, node.shortTerm, 0.15), `${shown.shortTerm} vs ${node.shortTerm}`).toBe(
      true,
    );
    expect(
      Math.abs(shown.truePeak - node.truePeak),
      `${shown.truePeak} vs ${node.truePeak} (match ${matchDb})`,
    ).toBeLessThan(0.15);
    // And it is not the original's: the EQ really changed what the meter reads.
    expect(Math.abs(node.truePeak - nodeLive(noiseChannels).truePeak)).toBeGreaterThan(0.3);
  });

  it('whole song, music: integrated, range and true peak, original and equalised at the curve, as Node measures', async () => {
    const { page } = s;
    const path = join(dir, 'music.wav');
    const ff = spawnSync('ffmpeg', [
      ...['-v', 'error', '-y', '-ss', '5', '-t', '25', '-i', 'public/demo/coherence.opus'],
      ...['-ar', String(RATE), '-c:a', 'pcm_f32le', path],
    ]);
    expect(ff.status, ff.stderr?.toString()).toBe(0);
    const bytes = new Uint8Array(readFileSync(path));
    const { channels } = decodeWav(bytes);
    await openSong(page, { name: 'music.wav', bytes });
    const applied = await setCurve(page, CURVE);
    const expectRow = async (name: string, node: LoudnessSummary) => {
      await expect
        .poll(() => page.locator('.song-loudness').innerText(), { timeout: 30_000 })
        .not.toMatch(/…|updating/);
      const [integrated, range, peak] = await songRow(page, name);
      // Shown to 0.1: equal to Node's figure rounded (a hair more for float32 summation order).
      expect(Math.abs(integrated! - node.integratedLufs)).toBeLessThan(0.06);
      expect(Math.abs(range! - node.loudnessRangeLu)).toBeLessThan(0.06);
      expect(Math.abs(peak! - node.truePeakDbtp)).toBeLessThan(0.06);
    };
    await expectRow('Original', measureLoudness(channels, RATE));
    const eq = measureLoudness(applyEq(channels, RATE, applied), RATE);
    await expectRow('Equalised', eq);
    // A different curve: the equalised figures follow once it has settled.
    await page.getByRole('slider', { name: '8 kHz' }).fill('-8');
    const applied2 = await sliderValues(page);
    await expect.poll(() => page.locator('.song-loudness').innerText()).toMatch(/updating/);
    await expectRow('Equalised', measureLoudness(applyEq(channels, RATE, applied2), RATE));
    expect(s.pageErrors).toEqual([]);
  });
});
