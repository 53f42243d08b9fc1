/**
 * Fair A/B: how much louder (in LU) the EQ makes a track, predicted from the track's long-term K-weighted
 * spectrum, so that the live preview can play the EQ path at the loudness of the bypassed one.
 *
 * Rendering and measuring BS.1770 loudness after every slider move would cost seconds; instead the track's
 * average power spectrum is taken once (K-weighted, summed over channels) and every new command is a
 * weighted sum over its bins: ΔL = 10·log10(Σ P(f)·|H_eq(f)|² / Σ P(f)). Gating is ignored, which shifts both
 * paths alike; the unit test compares the prediction with BS.1770 measurements of real renders.
 */
import { cascadeResponseDb } from '../dsp/biquad-response.ts';
import { eqDesign } from '../dsp/eq-command.ts';
import { PowerSpectrum } from '../features/power-spectrum.ts';
import { kWeightingSos } from './k-weighting.ts';

const FFT_SIZE = 16384;
/** At most this many frames, spread evenly over the track: plenty for a long-term average, fast for long files. */
const MAX_FRAMES = 200;

export interface LoudnessProfile {
  readonly sampleRate: number;
  /** Bin centre frequencies (Hz) of the bins that carry power, and their K-weighted power. */
  readonly freqsHz: Float64Array;
  readonly power: Float64Array;
}

export function loudnessProfile(channels: readonly Float32Array[], sampleRate: number): LoudnessProfile {
  const frames = channels[0]?.length ?? 0;
  const builder = new LoudnessProfileBuilder(sampleRate, channels.length, frames);
  builder.push(channels, frames);
  return builder.finish();
}

/**
 * The profile of a song fed in pieces (as it is decoded), from frames at the same places loudnessProfile
 * takes them. Where they are depends on the song's length, so it is given up front; for a file whose
 * header misjudged its length the frames are spread over the length it claimed, and those past the real
 * end are left out.
 */
export class LoudnessProfileBuilder {
  private readonly spec = new PowerSpectrum(FFT_SIZE);
  private readonly sum = new Float64Array(FFT_SIZE / 2 + 1);
  private readonly one = new Float64Array(FFT_SIZE / 2 + 1);
  private readonly step: number;
  /** The frame being gathered: where it starts, how much of it has arrived, per channel. */
  private readonly frame: Float32Array[];
  private start = 0;
  private filled = 0;
  private position = 0;

  constructor(
    readonly sampleRate: number,
    channelCount: number,
    expectedFrames: number,
  ) {
    const count = Math.max(1, Math.min(MAX_FRAMES, Math.floor(expectedFrames / FFT_SIZE)));
    this.step = Math.max(FFT_SIZE, Math.floor(expectedFrames / count));
    this.frame = Array.from({ length: channelCount }, () => new Float32Array(FFT_SIZE));
  }

  /** The next `n` frames of every channel. */
  push(channels: readonly Float32Array[], n: number): void {
    const end = this.position + n;
    while (this.start < end) {
      const from = Math.max(this.start + this.filled, this.position);
      const to = Math.min(this.start + FFT_SIZE, end);
      if (from < to) {
        this.frame.forEach((f, c) =>
          f.set(channels[c]!.subarray(from - this.position, to - this.position), from - this.start),
        );
        this.filled = to - this.start;
      }
      if (this.filled < FFT_SIZE) break;
      this.addFrame();
    }
    this.position = end;
  }

  finish(): LoudnessProfile {
    // A frame cut by the end of the song is zero-padded, as loudnessProfile pads its last one.
    if (this.filled > 0) {
      this.frame.forEach((f) => f.fill(0, this.filled));
      this.addFrame();
    }
    const bins = FFT_SIZE / 2 + 1;
    const { sampleRate, sum } = this;
    // Skip DC; weight each bin by the K-filter so the figure tracks BS.1770.
    const freqsHz = Float64Array.from({ length: bins - 1 }, (_, i) => ((i + 1) * sampleRate) / FFT_SIZE);
    const kDb = cascadeResponseDb(kWeightingSos(sampleRate), freqsHz, sampleRate);
    const power = Float64Array.from(freqsHz, (_, i) => sum[i + 1]! * 10 ** (kDb[i]! / 10));
    return { sampleRate, freqsHz, power };
  }

  private addFrame(): void {
    for (const f of this.frame) {
      this.spec.compute(f, 0, this.one);
      for (let k = 0; k < this.one.length; k++) this.sum[k]! += this.one[k]!;
    }
    this.start += this.step;
    this.filled = 0;
  }
}

/** Predicted loudness change (LU) of the track under a command; 0 for a silent track. */
export function eqLoudnessChangeDb(profile: LoudnessProfile, commandDb: ArrayLike<number>): number {
  const eqDb = cascadeResponseDb(
    eqDesign(commandDb, profile.sampleRate).sos,
    profile.freqsHz,
    profile.sampleRate,
  );
  let before = 0;
  let after = 0;
  for (let i = 0; i < eqDb.length; i++) {
    before += profile.power[i]!;
    after += profile.power[i]! * 10 ** (eqDb[i]! / 10);
  }
  return before > 0 ? 10 * Math.log10(after / before) : 0;
}
