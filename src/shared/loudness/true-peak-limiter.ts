/**
 * A true-peak look-ahead limiter for whole programmes (export and command line; pure, runs in any realm).
 *
 * The gain never lets the 4× oversampled signal (true-peak.ts, the meter's own interpolator) pass the
 * ceiling: every sample's required gain is ceiling / (its true-peak envelope), and the applied gain is
 *   1. the smallest required gain over the next `lookahead` (so the gain is already down when a peak comes;
 *      computed as the largest envelope ahead, which does not depend on the gain),
 *   2. released exponentially back towards 1 (`release`), never above step 1,
 *   3. averaged over the last `lookahead` samples (a smooth attack ramp instead of a step).
 * Each value entering the average of step 3 is at most the required gain of every sample it covers, so the
 * average is too: the ceiling holds by construction, up to the small difference between interpolating the
 * gain-scaled signal and scaling the interpolated one, which a second pass over the result removes. Channels
 * are linked (one gain for all), so the stereo image does not move.
 *
 * Why these times: 3 ms of look-ahead lets the gain fall over a span longer than a cycle of most of the
 * audible spectrum's energy (no audible click), 150 ms of release keeps the gain from following each cycle
 * of bass (distortion) and from pumping on moderate reduction (a few dB on isolated peaks). They are measured
 * on the demo song in docs/LOUDNESS.md.
 */
import { truePeakEnvelope } from './true-peak.ts';

export interface LimiterOptions {
  /** Linear ceiling the true peak must not pass (e.g. 10^(−1/20) for −1 dBTP). */
  ceiling: number;
  /** Look-ahead and attack ramp, seconds. Default 0.003. */
  lookaheadSeconds?: number;
  /** Time constant of the return to unity gain, seconds. Default 0.15. */
  releaseSeconds?: number;
}

export interface GainCurve {
  /** Per-sample gain (linear, ≤ 1). */
  gain: Float32Array;
  /** The smallest gain, linear (1 when nothing was limited). */
  minGain: number;
  /** Samples whose gain is below 1 − 1e-4. */
  reducedSamples: number;
}

/**
 * The largest envelope value each sample must respect, looking ahead: peak[j] = max(envelope[j … j + look + 1])
 * (envelope[j] and envelope[j + 1] are the two intervals next to sample j; the rest is the look-ahead). It
 * does not depend on the gain, so a loudness search computes it once.
 */
export function lookaheadPeaks(
  envelope: Float32Array,
  sampleRate: number,
  opts: LimiterOptions,
): Float32Array {
  const look = lookaheadSamples(sampleRate, opts);
  const frames = envelope.length - 1;
  const out = new Float32Array(frames);
  // Sliding maximum over [j, j + look + 1]: a monotonic deque of indices.
  const deque = new Int32Array(envelope.length);
  let head = 0;
  let tail = 0;
  let next = 0;
  for (let j = 0; j < frames; j++) {
    const end = Math.min(envelope.length - 1, j + look + 1);
    for (; next <= end; next++) {
      const v = envelope[next]!;
      while (tail > head && envelope[deque[tail - 1]!]! <= v) tail--;
      deque[tail++] = next;
    }
    while (deque[head]! < j) head++;
    out[j] = envelope[deque[head]!]!;
  }
  return out;
}

const lookaheadSamples = (sampleRate: number, opts: LimiterOptions) =>
  Math.max(1, Math.round((opts.lookaheadSeconds ?? 0.003) * sampleRate));

/**
 * The limiter's gain for channels that will be scaled by `preGain` first, from their look-ahead peaks
 * (lookaheadPeaks of the unscaled channels' envelope).
 */
export function limiterGain(
  peaks: Float32Array,
  preGain: number,
  sampleRate: number,
  opts: LimiterOptions,
): GainCurve {
  const n = peaks.length;
  const look = lookaheadSamples(sampleRate, opts);
  const release = Math.exp(-1 / ((opts.releaseSeconds ?? 0.15) * sampleRate));
  const threshold = opts.ceiling / preGain;
  const gain = new Float32Array(n);
  // 2. Release towards 1, never above the held value. 3. Moving average over the last look + 1 values.
  // Before the first sample the gain is taken as the first held value, so a peak right at the start is
  // covered like any other.
  const held = (j: number) => {
    const p = peaks[j]!;
    return p > threshold ? threshold / p : 1;
  };
  const first = n > 0 ? held(0) : 1;
  let released = first;
  const ring = new Float64Array(look + 1).fill(first);
  let sum = (look + 1) * first;
  let minGain = 1;
  let reducedSamples = 0;
  for (let j = 0, slot = 0; j < n; j++) {
    const h = held(j);
    const r = 1 - (1 - released) * release;
    released = h < r ? h : r;
    sum += released - ring[slot]!;
    ring[slot] = released;
    if (++slot > look) slot = 0;
    const g = sum < look + 1 ? sum / (look + 1) : 1;
    gain[j] = g;
    if (g < minGain) minGain = g;
    if (g < 1 - 1e-4) reducedSamples++;
  }
  return { gain, minGain, reducedSamples };
}

/** Scales channels in place by `preGain` times a gain curve. */
export function applyGainCurve(
  channels: readonly Float32Array[],
  preGain: number,
  curve: Float32Array | null,
): void {
  for (const ch of channels) {
    if (curve) for (let i = 0; i < ch.length; i++) ch[i]! *= preGain * curve[i]!;
    else if (preGain !== 1) for (let i = 0; i < ch.length; i++) ch[i]! *= preGain;
  }
}

/**
 * Limits channels in place so their true peak stays at or below the ceiling; returns the gain curve of the
 * main pass and the largest reduction over all passes (linear minimum gain).
 */
export function limitTruePeak(
  channels: readonly Float32Array[],
  sampleRate: number,
  opts: LimiterOptions,
): { minGain: number; reducedSamples: number } {
  let minGain = 1;
  let reducedSamples = 0;
  // The second pass catches what interpolating the gain-scaled signal adds (hundredths of a dB at most).
  for (let pass = 0; pass < 3; pass++) {
    const peaks = lookaheadPeaks(truePeakEnvelope(channels, opts.ceiling), sampleRate, opts);
    const curve = limiterGain(peaks, 1, sampleRate, opts);
    if (curve.minGain === 1) break;
    applyGainCurve(channels, 1, curve.gain);
    if (pass === 0) reducedSamples = curve.reducedSamples;
    minGain = Math.min(minGain, curve.minGain);
  }
  return { minGain, reducedSamples };
}
