import type { FeatureConfig } from './config.ts';
import { TEMPORAL_COUNT } from './config.ts';

/** Frames over which the onset envelope's local mean is taken (about 0.4 s at hop 2048 / 44.1 kHz). */
const ONSET_CONTEXT = 8;

/**
 * Per-frame temporal features, in TEMPORAL_FEATURES order:
 * - rmsDb: frame power over all bins in dB (the frame's RMS level);
 * - logFlux: mean over bands of the rise in band level since the previous frame (dB), 0 for the first frame;
 * - onsetStrength: logFlux minus its mean over the previous ONSET_CONTEXT frames, half-wave rectified
 *   (a classic onset envelope: bursts of energy stand out from steady change);
 * - centroidOct: spectral centroid in octaves re 1 kHz.
 * These depend on rhythm and dynamics rather than on the spectral balance the EQ changes.
 */
export function temporalFeatures(
  bandsDb: Float32Array,
  frames: number,
  bandCount: number,
  totalPower: Float64Array,
  centroidHz: Float64Array,
  config: FeatureConfig,
): Float32Array {
  const out = new Float32Array(frames * TEMPORAL_COUNT);
  const flux = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    if (f > 0) {
      let rise = 0;
      for (let b = 0; b < bandCount; b++) {
        const d = bandsDb[f * bandCount + b]! - bandsDb[(f - 1) * bandCount + b]!;
        if (d > 0) rise += d;
      }
      flux[f] = rise / bandCount;
    }
  }
  let runningSum = 0;
  for (let f = 0; f < frames; f++) {
    const context = Math.min(f, ONSET_CONTEXT);
    const localMean = context > 0 ? runningSum / context : flux[f]!;
    const o = f * TEMPORAL_COUNT;
    out[o] = 10 * Math.log10(totalPower[f]! + config.powerFloor);
    out[o + 1] = flux[f]!;
    out[o + 2] = Math.max(0, flux[f]! - localMean);
    out[o + 3] = centroidHz[f]! > 0 ? Math.log2(centroidHz[f]! / 1000) : 0;
    runningSum += flux[f]!;
    if (f >= ONSET_CONTEXT) runningSum -= flux[f - ONSET_CONTEXT]!;
  }
  return out;
}
