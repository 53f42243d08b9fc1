/**
 * Checks that decide whether a decoded track is usable training material: silences, clipping, bandwidth,
 * and a fingerprint for near-duplicate detection. Pure functions over PCM.
 */
import { PowerSpectrum } from '../../src/shared/features/index.ts';

export interface TrackQuality {
  durationS: number;
  /** Longest run of 100 ms blocks below -60 dBFS RMS, in seconds. */
  longestSilenceS: number;
  /** Fraction of samples inside flat-topped runs (>= 3 samples at |x| >= 0.999): clipped mastering. */
  clippedFraction: number;
  /** Highest frequency whose long-term level is within 70 dB of the 1-4 kHz level (codec low-pass edge). */
  cutoffHz: number;
  /** 1 s RMS envelope in dB (level-normalised), for near-duplicate detection. */
  envelopeDb: number[];
}

const SILENCE_DB = -60;
const CLIP_LEVEL = 0.999;

export function measureQuality(
  channels: Float32Array[],
  mono: Float32Array,
  sampleRate: number,
): TrackQuality {
  const durationS = mono.length / sampleRate;
  const block = Math.round(sampleRate / 10);
  let run = 0;
  let longest = 0;
  for (let s = 0; s + block <= mono.length; s += block) {
    let e = 0;
    for (let i = s; i < s + block; i++) e += mono[i]! * mono[i]!;
    const db = 10 * Math.log10(e / block + 1e-20);
    run = db < SILENCE_DB ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  let clipped = 0;
  for (const ch of channels) {
    let r = 0;
    for (let i = 0; i < ch.length; i++) {
      if (Math.abs(ch[i]!) >= CLIP_LEVEL) r++;
      else {
        if (r >= 3) clipped += r;
        r = 0;
      }
    }
    if (r >= 3) clipped += r;
  }
  const envelopeDb: number[] = [];
  for (let s = 0; s + sampleRate <= mono.length; s += sampleRate) {
    let e = 0;
    for (let i = s; i < s + sampleRate; i++) e += mono[i]! * mono[i]!;
    envelopeDb.push(10 * Math.log10(e / sampleRate + 1e-12));
  }
  return {
    durationS,
    longestSilenceS: longest / 10,
    clippedFraction: clipped / (mono.length * channels.length),
    cutoffHz: bandwidthHz(mono, sampleRate),
    envelopeDb,
  };
}

/** Long-term spectrum from up to 300 frames spread over the track; returns the -70 dB cutoff. */
function bandwidthHz(mono: Float32Array, sampleRate: number): number {
  const n = 4096;
  const ps = new PowerSpectrum(n);
  const frame = new Float64Array(n / 2 + 1);
  const ltas = new Float64Array(n / 2 + 1);
  const count = Math.max(1, Math.min(300, Math.floor(mono.length / n)));
  const step = Math.max(n, Math.floor((mono.length - n) / count));
  for (let s = 0; s + n <= mono.length; s += step) {
    ps.compute(mono, s, frame);
    for (let k = 0; k < ltas.length; k++) ltas[k] = ltas[k]! + frame[k]!;
  }
  const binHz = sampleRate / n;
  let ref = 0;
  let refBins = 0;
  for (let k = Math.round(1000 / binHz); k <= Math.round(4000 / binHz); k++) {
    ref += ltas[k]!;
    refBins++;
  }
  const threshold = (ref / refBins) * 1e-7;
  // Smooth over 9 bins so isolated codec artefacts do not count as content.
  for (let k = ltas.length - 5; k > 4; k--) {
    let s = 0;
    for (let j = k - 4; j <= k + 4; j++) s += ltas[j]!;
    if (s / 9 > threshold) return k * binHz;
  }
  return 0;
}

/** Envelope levels are floored this far below the track's loudest second, so silences do not dominate. */
const ENVELOPE_RANGE_DB = 30;

/** The envelope from the first second within ENVELOPE_RANGE_DB of the peak, floored at that level. */
function activeEnvelope(envelopeDb: readonly number[]): number[] {
  const floor = Math.max(...envelopeDb) - ENVELOPE_RANGE_DB;
  const first = envelopeDb.findIndex((e) => e > floor);
  return envelopeDb.slice(Math.max(first, 0)).map((e) => Math.max(e, floor));
}

function correlation(x: readonly number[], y: readonly number[]): number {
  const n = Math.min(x.length, y.length);
  const mx = x.slice(0, n).reduce((s, v) => s + v, 0) / n;
  const my = y.slice(0, n).reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/**
 * Near-duplicates: the same recording in two files (copies, a shortened loop of a longer track). From the
 * first loud second on, both the 1 s envelope levels and their second-to-second changes must correlate
 * above 0.9 over at least 30 s. (Levels alone match any two tracks that swell; changes alone match any two
 * that start with silence.)
 */
export function isNearDuplicate(a: TrackQuality, b: TrackQuality): boolean {
  const x = activeEnvelope(a.envelopeDb);
  const y = activeEnvelope(b.envelopeDb);
  const n = Math.min(x.length, y.length);
  if (n < 30) return false;
  const diff = (e: number[]) => e.slice(1, n).map((v, i) => v - e[i]!);
  return correlation(x.slice(0, n), y.slice(0, n)) > 0.9 && correlation(diff(x), diff(y)) > 0.9;
}
