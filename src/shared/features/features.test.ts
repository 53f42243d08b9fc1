import { describe, expect, it } from 'vitest';
import { featureFixture } from '../../../models/golden/feature-fixture.ts';
import golden from '../../../models/golden/features-golden.json' with { type: 'json' };
import { CONTRACT, featureConfig } from '../model/index.ts';
import {
  CONTENT_COUNT,
  CONTENT_DESCRIPTORS,
  FeatureExtractor,
  TEMPORAL_COUNT,
  frameCount,
  mixdown,
} from './index.ts';

const config = featureConfig();
const extractor = new FeatureExtractor(config);

describe('features', () => {
  it('match the committed golden for the fixture', () => {
    expect(golden.contractVersion).toBe(CONTRACT.version);
    const f = extractor.extract(featureFixture(config.sampleRateHz));
    expect(f.frames).toBe(golden.frames);
    const maxDiff = (a: Float32Array, b: number[]) =>
      Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));
    expect(f.bandsDb.length).toBe(golden.bandsDb.length);
    expect(f.temporal.length).toBe(golden.temporal.length);
    expect(maxDiff(f.bandsDb, golden.bandsDb)).toBeLessThan(1e-3);
    expect(maxDiff(f.temporal, golden.temporal)).toBeLessThan(1e-3);
    // The content descriptors too: every row, every descriptor, in contract order.
    expect(golden.contentDescriptors).toEqual([...CONTENT_DESCRIPTORS]);
    expect(f.contentStride).toBe(golden.contentStride);
    expect(f.content.length).toBe(golden.content.length);
    expect(f.content.length).toBe(Math.ceil(f.frames / f.contentStride) * CONTENT_COUNT);
    expect(maxDiff(f.content, golden.content)).toBeLessThan(1e-3);
  });

  it('describe what is playing: tonal or noisy, which pitch classes, and a static EQ leaves the spread of the cepstrum alone', () => {
    const sr = config.sampleRateHz;
    const n = sr * 4;
    let s = 3;
    const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const noise = new Float32Array(n).map(() => 0.1 * rand());
    // A held A (440 Hz) with its octave: a tonal sound whose power sits in one pitch class.
    const tone = new Float32Array(n).map(
      (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / sr) + 0.1 * Math.sin((2 * Math.PI * 880 * i) / sr),
    );
    const col = (name: string) => CONTENT_DESCRIPTORS.indexOf(name);
    const meanOf = (c: Float32Array, name: string) => {
      let sum = 0;
      const rows = c.length / CONTENT_COUNT;
      for (let j = 0; j < rows; j++) sum += c[j * CONTENT_COUNT + col(name)]!;
      return sum / rows;
    };
    const fn = extractor.extract(noise).content;
    const ft = extractor.extract(tone).content;
    // White noise is flat (close to meyda's 0 dB ceiling), the tone's octave far from it, and peaky.
    expect(meanOf(fn, 'flatness500')).toBeGreaterThan(-6);
    expect(meanOf(ft, 'flatness500')).toBeLessThan(-20);
    expect(meanOf(ft, 'crest500')).toBeGreaterThan(meanOf(fn, 'crest500') + 5);
    // A is pitch class 9.
    expect(meanOf(ft, 'chroma9')).toBeGreaterThan(0.9);
    // A static gain of 12 dB moves the level (and so the cepstrum's mean), not how the cepstrum moves.
    const spread = (c: Float32Array, name: string) => {
      const m = meanOf(c, name);
      let v = 0;
      const rows = c.length / CONTENT_COUNT;
      for (let j = 0; j < rows; j++) v += (c[j * CONTENT_COUNT + col(name)]! - m) ** 2 / rows;
      return Math.sqrt(v);
    };
    const mixed = noise.map((v, i) => v * (1 + Math.sin(i / 3000)) + tone[i]!);
    const louder = mixed.map((v) => v * 4);
    const a = extractor.extract(mixed).content;
    const b = extractor.extract(louder).content;
    for (const name of ['mfcc2', 'mfcc5', 'mfcc9']) expect(spread(b, name)).toBeCloseTo(spread(a, name), 1);
    expect(meanOf(b, 'flatness1k')).toBeCloseTo(meanOf(a, 'flatness1k'), 1);
  });

  it('put a sine in the band that contains it', () => {
    const n = config.sampleRateHz;
    for (const hz of [40, 250, 3000, 15000]) {
      const x = new Float32Array(n).map(
        (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / config.sampleRateHz),
      );
      const f = extractor.extract(x);
      const row = Array.from(f.bandsDb.subarray(5 * f.bandCount, 6 * f.bandCount));
      const loudest = row.indexOf(Math.max(...row));
      const fb = extractor.filterbank;
      expect(fb.edgesHz[loudest]! <= hz * 1.1 && hz / 1.1 <= fb.edgesHz[loudest + 1]!).toBe(true);
    }
  });

  it('read a flat spectrum as flat in every band, including those narrower than a bin', () => {
    // White noise has the same expected power per Hz at every frequency; averaging frames tames the variance.
    let s = 1;
    const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const x = new Float32Array(config.sampleRateHz * 10).map(() => 0.1 * rand());
    const f = extractor.extract(x);
    // Average power, not dB: the mean of a log is biased low when a band averages few bins.
    const power = new Array<number>(f.bandCount).fill(0);
    for (let t = 0; t < f.frames; t++) {
      for (let b = 0; b < f.bandCount; b++)
        power[b]! += 10 ** (f.bandsDb[t * f.bandCount + b]! / 10) / f.frames;
    }
    const db = power.map((p) => 10 * Math.log10(p));
    for (let b = 0; b < f.bandCount; b++) expect(Math.abs(db[b]! - db[20]!)).toBeLessThan(0.75);
  });

  it('give the temporal features in contract order with the documented meaning', () => {
    expect(CONTRACT.input.temporal.length).toBe(TEMPORAL_COUNT);
    const n = config.sampleRateHz * 2;
    const quiet = new Float32Array(n).map((_, i) => 0.01 * Math.sin(i * 0.05));
    const loud = quiet.map((v) => v * 100);
    const fq = extractor.extract(quiet);
    const fl = extractor.extract(loud);
    // rmsDb rises by 40 dB for a 100x louder signal; flux and centroid do not change.
    expect(fl.temporal[5 * TEMPORAL_COUNT]! - fq.temporal[5 * TEMPORAL_COUNT]!).toBeCloseTo(40, 1);
    expect(fl.temporal[5 * TEMPORAL_COUNT + 3]!).toBeCloseTo(fq.temporal[5 * TEMPORAL_COUNT + 3]!, 3);
  });

  it('are the same whether the signal comes whole or in pieces of any size', () => {
    let seed = 9;
    const x = new Float32Array(config.sampleRateHz * 3 + 77).map(
      () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1,
    );
    const whole = extractor.extract(x);
    for (const piece of [1000, 4096, 9999]) {
      const stream = extractor.stream();
      for (let at = 0; at < x.length; at += piece) stream.push(x.subarray(at, at + piece));
      const parts = stream.finish();
      expect(parts.frames).toBe(whole.frames);
      expect(parts.bandsDb).toEqual(whole.bandsDb);
      expect(parts.temporal).toEqual(whole.temporal);
    }
    // Shorter than one frame: one zero-padded frame either way.
    const short = extractor.stream();
    short.push(x.subarray(0, 100));
    short.push(x.subarray(100, 300));
    expect(short.finish().bandsDb).toEqual(extractor.extract(x.subarray(0, 300)).bandsDb);
  });

  it('count frames and mix channels as the contract says', () => {
    expect(frameCount(config.frameSize, config)).toBe(1);
    expect(frameCount(config.frameSize + config.hopSize, config)).toBe(2);
    expect(Array.from(mixdown([Float32Array.of(1, 0), Float32Array.of(0, 1)]))).toEqual([0.5, 0.5]);
  });
});
