/**
 * Everything the app learns from a song in one pass over its samples, as they are decoded: its length
 * and peak level, the waveform's peaks, the loudness profile of the live A/B comparison, and the model's
 * features (mixdown, resampling to the contract's rate, frames). Nothing here keeps the song: a long one
 * costs its features (about 12 MB an hour), not its samples (about 1.3 GB an hour of stereo at 48 kHz).
 * The results equal what the whole-buffer functions (analysisSignal, FeatureExtractor.extract,
 * loudnessProfile) give for the same samples. Pure.
 */
import { StreamResampler } from '../dsp/resample.ts';
import { FeatureExtractor, mixdownInto, type Features, type FeatureStream } from '../features/index.ts';
import { LoudnessProfileBuilder, type LoudnessProfile } from '../loudness/loudness-match.ts';
import { featureConfig } from '../model/contract.ts';
import { WaveformPeaks } from './waveform-peaks.ts';

export interface SongScanResult {
  sampleRate: number;
  channelCount: number;
  /** Frames decoded (per channel). */
  frames: number;
  /** Largest absolute sample over all channels: 0 for a silent song. */
  peak: number;
  /** Waveform peaks, one array per channel (at most two). */
  peaks: Float32Array[];
  loudness: LoudnessProfile;
  /** The model's features of the song's mixdown at the contract's rate. */
  features: Features;
}

let extractor: FeatureExtractor | null = null;

export class SongScan {
  private readonly waveform: WaveformPeaks;
  private readonly loudness: LoudnessProfileBuilder;
  private readonly resampler: StreamResampler | null;
  private readonly features: FeatureStream;
  private mono = new Float32Array(0);
  private frames = 0;
  private peak = 0;

  /** `expectedFrames`: the length the header states (or an estimate); it sizes buffers and places frames. */
  constructor(
    readonly sampleRate: number,
    readonly channelCount: number,
    expectedFrames: number,
  ) {
    const config = featureConfig();
    extractor ??= new FeatureExtractor(config);
    const rate = config.sampleRateHz;
    this.waveform = new WaveformPeaks(channelCount, expectedFrames);
    this.loudness = new LoudnessProfileBuilder(sampleRate, channelCount, expectedFrames);
    this.resampler = sampleRate === rate ? null : new StreamResampler(sampleRate, rate);
    this.features = extractor.stream(Math.round((expectedFrames * rate) / sampleRate));
  }

  /** The next `n` frames, one array per channel (each at least `n` long). */
  push(channels: readonly Float32Array[], n: number): void {
    if (n === 0) return;
    let peak = this.peak;
    for (const ch of channels) {
      for (let i = 0; i < n; i++) {
        const a = Math.abs(ch[i]!);
        if (a > peak) peak = a;
      }
    }
    this.peak = peak;
    this.waveform.push(channels, n);
    this.loudness.push(channels, n);
    if (this.mono.length < n) this.mono = new Float32Array(n);
    const mono = mixdownInto(channels, n, this.mono).subarray(0, n);
    if (this.resampler) {
      this.resampler.push(mono);
      this.features.push(this.resampler.take());
    } else {
      this.features.push(mono);
    }
    this.frames += n;
  }

  finish(): SongScanResult {
    if (this.resampler) this.features.push(this.resampler.finish());
    return {
      sampleRate: this.sampleRate,
      channelCount: this.channelCount,
      frames: this.frames,
      peak: this.peak,
      peaks: this.waveform.finish(),
      loudness: this.loudness.finish(),
      features: this.features.finish(),
    };
  }
}
