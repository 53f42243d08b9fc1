import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPinkNoise } from '../../models/eval/pink-noise.ts';
import { decodeWav } from '../shared/wav/wav-decode.ts';
import { encodeWav } from '../shared/wav/wav-encode.ts';
import { errLines, runEq, sha256 } from './cli-test-helpers.ts';
import { tempDir } from '../../tests/support/temp-dir.ts';

const dir = tempDir('eq-auto-');
let song = '';
let gains: number[] = [];

const samples = (path: string) => decodeWav(new Uint8Array(readFileSync(path))).channels;

/** Level (dB) of the difference of two renderings relative to the first. */
function differenceDb(a: Float32Array[], b: Float32Array[]): number {
  let signal = 0;
  let diff = 0;
  a.forEach((ch, c) =>
    ch.forEach((v, i) => {
      signal += v * v;
      diff += (v - b[c]![i]!) ** 2;
    }),
  );
  return 10 * Math.log10(diff / signal);
}

describe('eq auto and eq preset', () => {
  beforeAll(async () => {
    // FLAC decodes to float and is written back as float WAV: no dither, so equal curves give equal bytes.
    song = renderPinkNoise(join(dir, 'song.flac'), 8, 'bass=g=8:f=100:w=1');
    const r = await runEq('analyze', song, '--json');
    expect(r.status, r.stderr).toBe(0);
    gains = (JSON.parse(r.stdout) as { gainsDb: number[] }).gainsDb;
  }, 120_000);

  it('auto writes exactly what apply writes with the gains analyze printed', async () => {
    const [auto, manual] = await Promise.all([
      runEq('auto', song, join(dir, 'auto.wav')),
      runEq('apply', song, join(dir, 'manual.wav'), `--gains=${gains.join(',')}`),
    ]);
    expect(auto.status, auto.stderr).toBe(0);
    expect(manual.status, manual.stderr).toBe(0);
    expect(sha256(join(dir, 'auto.wav'))).toBe(sha256(join(dir, 'manual.wav')));
    expect(gains.some((g) => Math.abs(g) > 0.5)).toBe(true); // a real curve, not a flat one
  });

  it('prints the suggestion as a preset in each format, and apply --preset plays it back', async () => {
    const formats = ['json', 'graphiceq', 'parametric'] as const;
    const printed = await Promise.all(formats.map((f) => runEq('preset', song, '--format', f)));
    printed.forEach((r) => expect(r.status, r.stderr).toBe(0));
    const [json, graphic, parametric] = printed.map((r) => r.stdout) as [string, string, string];
    expect(JSON.parse(json)).toMatchObject({ format: 'sonic-ai-eq-preset', version: 1, gainsDb: gains });
    expect(graphic).toMatch(/^GraphicEQ: 20 -?\d+\.\d; 21 /);
    expect(parametric.split('\n')[0]).toMatch(/^Preamp: -?\d+\.\d dB$/);
    expect(parametric.match(/^Filter \d+: ON PK Fc [\d.]+ Hz Gain -?[\d.]+ dB Q [\d.]+$/gm)).toHaveLength(10);

    const runs = await Promise.all(
      formats.map((f, i) => {
        const preset = join(dir, `preset-${f}.txt`);
        writeFileSync(preset, printed[i]!.stdout);
        return runEq('apply', song, join(dir, `from-${f}.wav`), '--preset', preset);
      }),
    );
    runs.forEach((r) => expect(r.status, r.stderr).toBe(0));
    // Our JSON carries the gains themselves: the very same output as auto.
    expect(errLines(runs[0]!)).toEqual([]);
    expect(sha256(join(dir, 'from-json.wav'))).toBe(sha256(join(dir, 'auto.wav')));
    // The other formats are fitted back to the bands, say how well, and sound the same to within a fraction
    // of a dB (their difference from the original rendering lies 30 dB or more below it).
    for (const [i, f] of (['graphiceq', 'parametric'] as const).entries()) {
      expect(runs[i + 1]!.stderr).toMatch(
        /fitted to the 10 bands: error \d\.\d\d dB at worst, \d\.\d\d dB RMS/,
      );
      expect(differenceDb(samples(join(dir, 'auto.wav')), samples(join(dir, `from-${f}.wav`)))).toBeLessThan(
        -30,
      );
    }
  });

  it('says a silent file is silent, in analyze’s JSON and on stderr, and auto still writes it', async () => {
    const silent = join(dir, 'silent.wav');
    writeFileSync(silent, encodeWav([new Float32Array(48000 * 3)], 48000, 'pcm24'));
    // 16-bit with dither: not digital silence, but nothing reaches the analysis threshold either.
    const hiss = join(dir, 'hiss.wav');
    writeFileSync(hiss, encodeWav([new Float32Array(48000 * 3)], 48000, 'pcm16'));
    const [analyzed, quiet, auto] = await Promise.all([
      runEq('analyze', silent, '--json'),
      runEq('analyze', hiss, '--json'),
      runEq('auto', silent, join(dir, 'silent-out.wav')),
    ]);
    expect(analyzed.status).toBe(0);
    const r = JSON.parse(analyzed.stdout) as { gainsDb: number[]; note: string };
    expect(r.gainsDb).toEqual(Array(10).fill(0));
    expect(r.note).toBe('the file is silent: there is nothing to equalise, so the suggestion is flat');
    expect(errLines(analyzed)).toEqual([`eq analyze: ${silent}: ${r.note}`]);
    const q = JSON.parse(quiet.stdout) as { gainsDb: number[]; note: string };
    expect(q.gainsDb).toEqual(Array(10).fill(0));
    expect(q.note).toMatch(
      /^the file is too quiet to analyse \(no part reaches -50 dB RMS\), so the suggestion is flat$/,
    );
    expect(auto.status).toBe(0);
    expect(errLines(auto)).toEqual([`eq auto: ${silent}: ${r.note}`]);
    expect(samples(join(dir, 'silent-out.wav'))[0]!.every((v) => v === 0)).toBe(true);
  });
});
