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
  /** Shared with FeatureStream (the same object computes every frame's content descriptors). */
  readonly descriptors: ContentDescriptors;

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
    const stream = this.stream(mono.length);
    stream.push(mono);
    return stream.finish();
  }

  /** The same, fed in pieces (a long song as it is decoded); `expectedSamples` sizes its buffers. */
  stream(expectedSamples = 0): FeatureStream {
    return new FeatureStream(this, this.spectrum, expectedSamples);
  }
}

/**
 * Features computed as the signal arrives, frame by frame, keeping only the samples of frames not yet
 * complete: a long song never needs its whole analysis signal in memory. extract() runs through it, so
 * a song's features are the same however it was fed.
 */
export class FeatureStream {
  private readonly config: FeatureConfig;
  private readonly power: Float64Array;
  private readonly bands: Float64Array;
  private readonly binHz: number;
  /** Samples from absolute index `base` (the next frame's start). */
  private buf: Float32Array;
  private base = 0;
  private used = 0;
  private frames = 0;
  private bandsDb: Float32Array;
  private totalPower: Float64Array;
  private centroidHz: Float64Array;
  /** Content descriptors of every contentStride-th frame (extract() below computes the same). */
  private content: Float32Array;

  constructor(
    private readonly extractor: FeatureExtractor,
    private readonly spectrum: PowerSpectrum,
    expectedSamples: number,
  ) {
    const config = extractor.config;
    this.config = config;
    this.power = new Float64Array(config.frameSize / 2 + 1);
    this.bands = new Float64Array(config.bandCount);
    this.binHz = config.sampleRateHz / config.frameSize;
    this.buf = new Float32Array(config.frameSize * 4);
    const frames = Math.max(16, frameCount(expectedSamples, config));
    this.bandsDb = new Float32Array(frames * config.bandCount);
    this.totalPower = new Float64Array(frames);
    this.centroidHz = new Float64Array(frames);
    this.content = new Float32Array(Math.ceil(frames / config.contentStride) * CONTENT_COUNT);
  }

  push(samples: Float32Array): void {
    const { frameSize, hopSize } = this.config;
    for (let at = 0; at < samples.length;) {
      const room = this.buf.length - this.used;
      const n = Math.min(room, samples.length - at);
      this.buf.set(samples.subarray(at, at + n), this.used);
      this.used += n;
      at += n;
      // Every frame that is complete now; then drop the samples before the next frame's start.
      let start = 0;
      while (start + frameSize <= this.used) {
        this.frame(this.buf, start);
        start += hopSize;
      }
      if (start > 0) {
        this.buf.copyWithin(0, start, this.used);
        this.used -= start;
        this.base += start;
      }
    }
  }

  /** The song's features; a signal shorter than one frame gives one zero-padded frame. */
  finish(): Features {
    const { bandCount, contentStride } = this.config;
    if (this.frames === 0) this.frame(this.buf.subarray(0, this.used), 0);
    const frames = this.frames;
    const bandsDb = this.bandsDb.slice(0, frames * bandCount);
    const content = this.content.slice(0, Math.ceil(frames / contentStride) * CONTENT_COUNT);
    const temporal = temporalFeatures(
      bandsDb,
      frames,
      bandCount,
      this.totalPower.subarray(0, frames),
      this.centroidHz.subarray(0, frames),
      this.config,
    );
    return { frames, bandCount, bandsDb, temporal, contentStride, content };
  }

  /** One frame's band levels, total power and centroid. */
  private frame(signal: Float32Array, start: number): void {
    const { bandCount, powerFloor } = this.config;
    const f = this.frames++;
    this.reserve(f + 1);
    const { power, bands, binHz } = this;
    this.spectrum.compute(signal, start, power);
    applyFilterbank(this.extractor.filterbank, power, bands);
    for (let b = 0; b < bandCount; b++)
      this.bandsDb[f * bandCount + b] = 10 * Math.log10(bands[b]! + powerFloor);
    let sum = 0;
    let weighted = 0;
    for (let k = 1; k < power.length; k++) {
      sum += power[k]!;
      weighted += power[k]! * k * binHz;
    }
    this.totalPower[f] = sum;
    this.centroidHz[f] = sum > 0 ? weighted / sum : 0;
    const { contentStride } = this.config;
    if (f % contentStride === 0)
      this.extractor.descriptors.compute(power, this.content, (f / contentStride) * CONTENT_COUNT);
  }

  private reserve(frames: number): void {
    if (frames <= this.totalPower.length) return;
    const size = Math.max(frames, this.totalPower.length * 2);
    const grow = <T extends Float32Array | Float64Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.bandsDb = grow(this.bandsDb, size * this.config.bandCount);
    this.totalPower = grow(this.totalPower, size);
    this.centroidHz = grow(this.centroidHz, size);
    this.content = grow(this.content, Math.ceil(size / this.config.contentStride) * CONTENT_COUNT);
  }
}

/** Equal-weight mean of the channels: the model is trained on this mixdown. */
export function mixdown(channels: readonly Float32Array[]): Float32Array {
  const first = channels[0];
  if (first === undefined) throw new Error('no channels');
  if (channels.length === 1) return first;
  for (const ch of channels) if (ch.length !== first.length) throw new Error('channels differ in length');
  return mixdownInto(channels, first.length, new Float32Array(first.length));
}

/** The mixdown of the first `n` samples of each channel into `out` (a piece of a song fed in pieces). */
export function mixdownInto(channels: readonly Float32Array[], n: number, out: Float32Array): Float32Array {
  if (channels.length === 1) {
    out.set(channels[0]!.subarray(0, n));
    return out;
  }
  out.fill(0, 0, n);
  const g = 1 / channels.length;
  for (const ch of channels) for (let i = 0; i < n; i++) out[i] = out[i]! + ch[i]! * g;
  return out;
}

export { TEMPORAL_COUNT };
