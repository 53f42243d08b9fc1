import type { FeatureConfig } from './config.ts';
import { TEMPORAL_COUNT } from './config.ts';
import { CONTENT_COUNT, ContentDescriptors } from './content.ts';
import { applyFilterbank, logBandFilterbank } from './log-bands.ts';
import type { BandFilterbank } from './log-bands.ts';
import { PowerSpectrum } from './power-spectrum.ts';
import { temporalFeatures } from './temporal.ts';

/** Frame-by-frame features of a mono signal. Row-major: frame f, column c at [f * columns + c]. */
export interface Features {
  frames: number;
  bandCount: number;
  /** Band power in dB re full scale, frames x bandCount. */
  bandsDb: Float32Array;
  /** Temporal features in TEMPORAL_FEATURES order, frames x TEMPORAL_COUNT. */
  temporal: Float32Array;
  /** Frames between two rows of `content`: row j describes frame j * contentStride. */
  contentStride: number;
  /** Content descriptors in CONTENT_DESCRIPTORS order, ceil(frames / contentStride) x CONTENT_COUNT. */
  content: Float32Array;
}

/** Frames that fit: the last frame may run past the end (zero-padded) only if the signal is shorter than one frame. */
export function frameCount(samples: number, config: FeatureConfig): number {
  if (samples <= config.frameSize) return 1;
  return 1 + Math.floor((samples - config.frameSize) / config.hopSize);
}

/** Builds the reusable state for one configuration (FFT tables, window, filterbank). */
export class FeatureExtractor {
  readonly config: FeatureConfig;
  readonly filterbank: BandFilterbank;
  private readonly spectrum: PowerSpectrum;
  private readonly descriptors: ContentDescriptors;

  constructor(config: FeatureConfig) {
    this.config = config;
    this.spectrum = new PowerSpectrum(config.frameSize);
    this.descriptors = new ContentDescriptors(config.frameSize, config.sampleRateHz);
    this.filterbank = logBandFilterbank(
      config.bandCount,
      config.minHz,
      config.maxHz,
      config.frameSize,
      config.sampleRateHz,
    );
  }

  /** Features of `mono`, which must already be at config.sampleRateHz. */
  extract(mono: Float32Array): Features {
    const { frameSize, hopSize, bandCount, powerFloor, contentStride } = this.config;
    const frames = frameCount(mono.length, this.config);
    const content = new Float32Array(Math.ceil(frames / contentStride) * CONTENT_COUNT);
    const power = new Float64Array(frameSize / 2 + 1);
    const bands = new Float64Array(bandCount);
    const bandsDb = new Float32Array(frames * bandCount);
    const totalPower = new Float64Array(frames);
    const centroidHz = new Float64Array(frames);
    const binHz = this.config.sampleRateHz / frameSize;
    for (let f = 0; f < frames; f++) {
      this.spectrum.compute(mono, f * hopSize, power);
      applyFilterbank(this.filterbank, power, bands);
      for (let b = 0; b < bandCount; b++)
        bandsDb[f * bandCount + b] = 10 * Math.log10(bands[b]! + powerFloor);
      let sum = 0;
      let weighted = 0;
      for (let k = 1; k < power.length; k++) {
        sum += power[k]!;
        weighted += power[k]! * k * binHz;
      }
      totalPower[f] = sum;
      centroidHz[f] = sum > 0 ? weighted / sum : 0;
      if (f % contentStride === 0)
        this.descriptors.compute(power, content, (f / contentStride) * CONTENT_COUNT);
    }
    const temporal = temporalFeatures(bandsDb, frames, bandCount, totalPower, centroidHz, this.config);
    return { frames, bandCount, bandsDb, temporal, contentStride, content };
  }
}

/** Equal-weight mean of the channels: the model is trained on this mixdown. */
export function mixdown(channels: readonly Float32Array[]): Float32Array {
  const first = channels[0];
  if (first === undefined) throw new Error('no channels');
  if (channels.length === 1) return first;
  const out = new Float32Array(first.length);
  const g = 1 / channels.length;
  for (const ch of channels) {
    if (ch.length !== first.length) throw new Error('channels differ in length');
    for (let i = 0; i < out.length; i++) out[i] = out[i]! + ch[i]! * g;
  }
  return out;
}

export { TEMPORAL_COUNT };
