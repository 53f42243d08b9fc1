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
  const spec = new PowerSpectrum(FFT_SIZE);
  const bins = FFT_SIZE / 2 + 1;
  const sum = new Float64Array(bins);
  const one = new Float64Array(bins);
  const count = Math.max(1, Math.min(MAX_FRAMES, Math.floor(frames / FFT_SIZE)));
  const step = Math.max(FFT_SIZE, Math.floor(frames / count));
  for (const ch of channels) {
    for (let start = 0; start < frames; start += step) {
      spec.compute(ch, start, one);
      for (let k = 0; k < bins; k++) sum[k]! += one[k]!;
    }
  }
  // Skip DC; weight each bin by the K-filter so the figure tracks BS.1770.
  const freqsHz = Float64Array.from({ length: bins - 1 }, (_, i) => ((i + 1) * sampleRate) / FFT_SIZE);
  const kDb = cascadeResponseDb(kWeightingSos(sampleRate), freqsHz, sampleRate);
  const power = Float64Array.from(freqsHz, (_, i) => sum[i + 1]! * 10 ** (kDb[i]! / 10));
  return { sampleRate, freqsHz, power };
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
