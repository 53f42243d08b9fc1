/**
 * Parameters of the feature extractor. The values the model was trained with live in models/contract.json
 * (read by src/shared/model/contract.ts); this module only knows the shape of the settings.
 */
export interface FeatureConfig {
  /** Sample rate the mono input must have, in Hz. */
  sampleRateHz: number;
  /** FFT frame length in samples (a power of two). */
  frameSize: number;
  /** Distance between frame starts in samples. */
  hopSize: number;
  /** Number of log-spaced bands of the spectrogram. */
  bandCount: number;
  /** Lower edge of the lowest band, in Hz. */
  minHz: number;
  /** Upper edge of the highest band, in Hz. */
  maxHz: number;
  /** Power added before the logarithm: sets the floor of the dB scale (1e-10 -> -100 dB re full scale). */
  powerFloor: number;
  /** Content descriptors (content.ts) are computed on frames 0, contentStride, 2 * contentStride, ... */
  contentStride: number;
}

/** Names of the per-frame temporal features, in their order in the output. */
export const TEMPORAL_FEATURES = ['rmsDb', 'logFlux', 'onsetStrength', 'centroidOct'] as const;
export const TEMPORAL_COUNT = TEMPORAL_FEATURES.length;
