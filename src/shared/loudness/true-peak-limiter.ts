/**
 * A true-peak look-ahead limiter for whole programmes (export and command line; pure, runs in any realm).
 *
 * The gain never lets the 4× oversampled signal (true-peak.ts, the meter's own interpolator) pass the
 * ceiling: every sample's required gain is ceiling / (its true-peak envelope), and the applied gain is
 *   1. the smallest required gain over the next `lookahead` (so the gain is already down when a peak comes),
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
 * The limiter's gain for channels that will be scaled by `preGain` first, from the true-peak envelope of the
 * unscaled channels (so a loudness search can try several pre-gains on one envelope).
 */
export function limiterGain(
  envelope: Float32Array,
  preGain: number,
  sampleRate: number,
  opts: LimiterOptions,
): GainCurve {
  const n = envelope.length;
  const look = Math.max(1, Math.round((opts.lookaheadSeconds ?? 0.003) * sampleRate));
  const release = Math.exp(-1 / ((opts.releaseSeconds ?? 0.15) * sampleRate));
  const threshold = opts.ceiling / preGain;
  const required = (j: number): number => {
    const e = envelope[j]!;
    return e > threshold ? threshold / e : 1;
  };
  const gain = new Float32Array(n);
  // 1. Forward-looking minimum over [j, j + look] of the required gain: a monotonic deque of indices.
  const deque = new Int32Array(n + 1);
  let head = 0;
  let tail = 0;
  let next = 0; // the next index to enter the window
  // 2. Release state. 3. Moving average over the last look + 1 values. Before the first sample the gain is
  // taken as the first held value (the smallest required over the first look + 1 samples), so a peak right at
  // the start is covered like any other.
  let first = 1;
  for (let j = 0; j <= Math.min(n - 1, look); j++) first = Math.min(first, required(j));
  let released = first;
  const ring = new Float64Array(look + 1).fill(first);
  let sum = (look + 1) * first;
  let minGain = 1;
  let reducedSamples = 0;
  for (let j = 0; j < n; j++) {
    const end = Math.min(n - 1, j + look);
    for (; next <= end; next++) {
      const v = required(next);
      while (tail > head && required(deque[tail - 1]!) >= v) tail--;
      deque[tail++] = next;
    }
    while (deque[head]! < j) head++;
    const held = required(deque[head]!);
    released = Math.min(held, 1 - (1 - released) * release);
    const slot = j % (look + 1);
    sum += released - ring[slot]!;
    ring[slot] = released;
    const g = Math.min(1, sum / (look + 1));
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
    const env = truePeakEnvelope(channels, opts.ceiling);
    const curve = limiterGain(env, 1, sampleRate, opts);
    if (curve.minGain === 1) break;
    applyGainCurve(channels, 1, curve.gain);
    if (pass === 0) reducedSamples = curve.reducedSamples;
    minGain = Math.min(minGain, curve.minGain);
  }
  return { minGain, reducedSamples };
}
