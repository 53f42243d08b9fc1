import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAND_CENTERS_HZ } from '../shared/dsp/index.ts';
import { renderPinkNoise } from '../../models/eval/pink-noise.ts';
import { analyzeFile } from './analyze.ts';
import { tempDir } from '../../tests/support/temp-dir.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = tempDir('eq-analyze-');

/** 20 s of pink noise from ffmpeg, optionally with a strong bass boost (ffmpeg's own shelf, not our engine). */
function makeFile(name: string, filter: string | null): string {
  return renderPinkNoise(join(dir, name), 20, filter);
}

describe('eq analyze', () => {
  it('prints one JSON object per file: the suggestion, its confidence and the balance it sees', () => {
    const a = makeFile('a.ogg', null);
    const b = makeFile('b.flac', null);
    const r = spawnSync('npx', ['tsx', 'src/cli/eq.ts', 'analyze', a, b, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const sum = (v: number[]) => v.reduce((s, g) => s + g, 0);
    lines.forEach((line, i) => {
      const o = JSON.parse(line) as Record<string, unknown> & {
        file: string;
        bandsHz: number[];
        gainsDb: number[];
        confidence: number[];
        balanceDb: number[];
        typicalLowDb: number[];
        typicalHighDb: number[];
      };
      expect(Object.keys(o)).toEqual([
        'file',
        'bandsHz',
        'gainsDb',
        'confidence',
        'balanceDb',
        'typicalLowDb',
        'typicalHighDb',
      ]);
      expect(o.file).toBe([a, b][i]);
      expect(o.bandsHz).toEqual([...BAND_CENTERS_HZ]);
      for (const key of ['gainsDb', 'confidence', 'balanceDb', 'typicalLowDb', 'typicalHighDb'] as const) {
        expect(o[key]).toHaveLength(10);
        expect(o[key].every(Number.isFinite)).toBe(true);
      }
      expect(o.gainsDb.every((g) => Math.abs(g) <= 12)).toBe(true);
      expect(o.confidence.every((c) => c >= 0 && c <= 1)).toBe(true);
      // Shapes: the mean over bands is zero (up to rounding to 0.01 dB).
      expect(Math.abs(sum(o.gainsDb) / 10)).toBeLessThan(0.02);
      expect(Math.abs(sum(o.balanceDb) / 10)).toBeLessThan(0.02);
      o.typicalLowDb.forEach((lo, k) => expect(lo).toBeLessThan(o.typicalHighDb[k]!));
      // Band levels are power per hertz averaged over each band (the contract's bands), so pink noise,
      // equal power per octave, falls by 3 dB per octave: the sub-bass and the top octave (near Nyquist) aside.
      for (let k = 2; k <= 8; k++) {
        const step = o.balanceDb[k]! - o.balanceDb[k - 1]!;
        expect(step).toBeGreaterThan(-3.6);
        expect(step).toBeLessThan(-2.2);
      }
    });
  });

  it('fails with a one-line reason and a non-zero exit on bad input', () => {
    const bogus = join(dir, 'not-audio.mp3');
    spawnSync('sh', ['-c', `echo hello > ${bogus}`]);
    for (const file of [bogus, join(dir, 'missing.wav')]) {
      const r = spawnSync('npx', ['tsx', 'src/cli/eq.ts', 'analyze', file, '--json'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe('');
      const err = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm warn'));
      expect(err).toHaveLength(1);
      expect(err[0]).toContain(file);
    }
  });

  it('is less sure of a 1 s clip than of 20 s of the same, and suggests less for it', async () => {
    const song = await analyzeFile(makeFile('long.wav', 'treble=g=10:f=4000:w=1'));
    const clip = await analyzeFile(renderPinkNoise(join(dir, 'clip.wav'), 1, 'treble=g=10:f=4000:w=1'));
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    // Pink noise lies far outside what music sounds like, so even 1 s is strong evidence and the clip's
    // suggestion stays large (MODEL_CARD.md measures clips of real held-out songs); but less so than the song's.
    expect(mean(clip.confidence!)).toBeLessThan(0.75 * mean(song.confidence!));
    expect(mean(clip.gainsDb.map(Math.abs))).toBeLessThan(mean(song.gainsDb.map(Math.abs)));
  });

  it('asks to cut bass or treble that was boosted by 12 dB', async () => {
    const plain = await analyzeFile(makeFile('plain.wav', null));
    const bass = await analyzeFile(makeFile('bass.wav', 'bass=g=12:f=100:w=1'));
    const treble = await analyzeFile(makeFile('treble.wav', 'treble=g=12:f=4000:w=1'));
    const mean = (r: { gainsDb: number[] }, bands: number[]) =>
      bands.reduce((sum, b) => sum + r.gainsDb[b]!, 0) / bands.length;
    // Below 125 Hz the music's own level varies so much from song to song that the model moves little
    // there (models/MODEL_CARD.md, "Known limits"); it must still move the right way.
    expect(mean(bass, [0, 1, 2])).toBeLessThan(mean(plain, [0, 1, 2]) - 0.5);
    expect(mean(treble, [7, 8, 9])).toBeLessThan(mean(plain, [7, 8, 9]) - 1.5);
  });
});
