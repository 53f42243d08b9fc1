/**
 * One training example: a window of real music, EQ'd by the project's engine with a known curve, turned
 * into model inputs by the shared feature code, with the correction that undoes the curve as the target.
 */
import { BAND_CENTERS_HZ, applyEq } from '../../src/shared/dsp/index.ts';
import type { FeatureExtractor } from '../../src/shared/features/index.ts';
import { CONTRACT, windowInput } from '../../src/shared/model/index.ts';
import { addNoise, mp3RoundTrip, scaleInPlace } from './augment.ts';
import { correctionTarget } from './curves.ts';
import type { Rng } from './random.ts';

export interface Example {
  bands: Float32Array;
  temporal: Float32Array;
  /** Content descriptors of the window's frames on the content stride. */
  content: Float32Array;
  /** Command given to the engine (dB per band; all zero for untouched examples). */
  applied: number[];
  /** Correction that undoes it, mean over bands removed. */
  target: number[];
  /** Long-term average spectrum of the window, dB of the mean band power (for the spectrum-match baselines). */
  ltasDb: Float32Array;
}

export interface AugmentOptions {
  /** Random level change range in dB (applied to every example: level must not matter). */
  levelDb: [number, number];
  /** Probability of white noise 50-75 dB below the signal. */
  noiseProbability: number;
  /** Probability of an MP3 round trip at 96-192 kb/s. */
  codecProbability: number;
}

/** Samples one window needs, and the pre-roll that lets the filters settle before it. */
export const WINDOW_SAMPLES =
  (CONTRACT.input.windowFrames - 1) * CONTRACT.input.hopSize + CONTRACT.input.frameSize;
export const PREROLL_SAMPLES = Math.round(0.5 * CONTRACT.input.sampleRateHz);

/** `mono` must hold PREROLL_SAMPLES before `start` and WINDOW_SAMPLES from it. */
export function makeExample(
  mono: Float32Array,
  start: number,
  applied: number[],
  extractor: FeatureExtractor,
  rng: Rng,
  aug: AugmentOptions,
): Example {
  const sr = CONTRACT.input.sampleRateHz;
  const from = start - PREROLL_SAMPLES;
  if (from < 0 || start + WINDOW_SAMPLES > mono.length) throw new Error('window outside the track');
  const raw = mono.slice(from, start + WINDOW_SAMPLES);
  const untouched = applied.every((g) => g === 0);
  const eqd = untouched ? raw : applyEq([raw], sr, applied)[0]!;
  let x: Float32Array = eqd.slice(PREROLL_SAMPLES);
  scaleInPlace(x, rng.uniform(aug.levelDb[0], aug.levelDb[1]));
  if (rng.next() < aug.noiseProbability) addNoise(x, rng.uniform(50, 75), rng);
  if (rng.next() < aug.codecProbability) x = mp3RoundTrip(x, sr, [96, 128, 192][rng.int(3)]!) ?? x;
  const features = extractor.extract(x);
  const input = windowInput(features, 0);
  const B = features.bandCount;
  const ltasDb = new Float32Array(B);
  for (let b = 0; b < B; b++) {
    let p = 0;
    for (let f = 0; f < features.frames; f++) p += 10 ** (features.bandsDb[f * B + b]! / 10);
    ltasDb[b] = 10 * Math.log10(p / features.frames);
  }
  if (applied.length !== BAND_CENTERS_HZ.length) throw new Error('curve has the wrong number of bands');
  return {
    bands: input.bands,
    temporal: input.temporal,
    content: input.content,
    applied,
    target: correctionTarget(applied),
    ltasDb,
  };
}

/** Mean power of a stretch of the signal in dB re full scale (to skip near-silent windows). */
export function levelDb(mono: Float32Array, start: number, length: number): number {
  let e = 0;
  for (let i = start; i < start + length; i++) e += mono[i]! * mono[i]!;
  return 10 * Math.log10(e / length + 1e-20);
}
