import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEq } from '../../src/shared/dsp/index.ts';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import type { AnalysisOutcome } from './harness/analysis-api.ts';
import { openHarness, type Harness } from './support/harness.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('analysis-');

/** Programme-like fixtures: noise and tones through a fixed tilt, so the model has something to correct. */
function fixture(
  name: string,
  seconds: number,
  channels: number,
  rate: number,
  encodeArgs?: string[],
): string {
  const audio = applyEq(
    makeFixture(Math.round(seconds * rate), channels, 3, rate),
    rate,
    [6, 4, 2, 1, 0, -1, -2, -3, -5, -6],
  );
  const wav = join(dir, `${name}.wav`);
  writeFileSync(wav, encodeWav(audio, rate, 'pcm16'));
  if (!encodeArgs) return wav;
  const out = join(dir, name);
  const r = spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, ...encodeArgs, out]);
  expect(r.status, String(r.stderr)).toBe(0);
  return out;
}

type PerBand = 'gainsDb' | 'confidence' | 'balanceDb' | 'typicalLowDb' | 'typicalHighDb';
const PER_BAND: PerBand[] = ['gainsDb', 'confidence', 'balanceDb', 'typicalLowDb', 'typicalHighDb'];

function cliAnalyze(path: string): Record<PerBand, number[]> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/eq.ts', 'analyze', path, '--json'], {
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  const line = JSON.parse(r.stdout.trim()) as { file: string; bandsHz: number[] } & Record<PerBand, number[]>;
  expect(line.bandsHz).toHaveLength(10);
  return line;
}

let t: Harness<'analysis'>;
const browserAnalyze = (path: string): Promise<AnalysisOutcome> =>
  t.api.analyze(new Uint8Array(readFileSync(path)), path.split('/').pop()!);

beforeAll(async () => {
  t = await openHarness('analysis');
});
afterAll(async () => {
  await t?.close();
});

describe('analysis in the browser', () => {
  it.each([
    ['stereo 44.1 kHz WAV', () => fixture('a', 20, 2, 44100)],
    ['mono 48 kHz WAV', () => fixture('b', 12, 1, 48000)],
    ['8 kHz WAV', () => fixture('c', 10, 1, 8000)],
    ['192 kHz WAV', () => fixture('d', 8, 2, 192000)],
    ['MP3 (lossy)', () => fixture('e.mp3', 15, 2, 44100, ['-b:a', '160k'])],
    ['a 2 s clip', () => fixture('f', 2, 2, 44100)],
  ])("gives the command line's suggestion for a %s (within 0.1 dB per band)", async (_, make) => {
    const path = make();
    const browser = await browserAnalyze(path);
    expect(browser.error).toBeUndefined();
    const cli = cliAnalyze(path);
    // The suggestion and what the tonal-balance view draws: the same in the worker as on the command line.
    for (const key of PER_BAND) {
      expect(browser[key]).toHaveLength(10);
      const tolerance = key === 'confidence' ? 0.02 : 0.1;
      browser[key]!.forEach((g, i) => expect(Math.abs(g - cli[key][i]!)).toBeLessThanOrEqual(tolerance));
    }
    expect(browser.embedding!.length).toBeGreaterThan(0);
    expect(t.errors).toEqual([]);
  });

  it('answers silence with a flat suggestion or a clear message, never a crash', async () => {
    const path = join(dir, 'silence.wav');
    writeFileSync(path, encodeWav([new Float32Array(44100 * 5)], 44100, 'float32'));
    const out = await browserAnalyze(path);
    if (out.error) expect(out.error).toMatch(/\w/);
    else for (const g of out.gainsDb!) expect(Math.abs(g)).toBeLessThan(3);
    // And the next file works.
    expect((await browserAnalyze(fixture('g', 8, 2, 44100))).error).toBeUndefined();
  });
});
