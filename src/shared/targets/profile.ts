/**
 * A track's tonal-balance profile: what the app keeps of a reference track instead of its audio, and what
 * the matcher compares. Measured from the shared extractor's quarter-octave bands (never a second FFT):
 *
 * - only the track's representative frames count: not silence, and not what sits more than `gateDb` below
 *   the track's loud level (long fades, near-silent intros and breaks);
 * - each band's level is the power mean over those frames (the long-term average spectrum). Averages in dB,
 *   medians and trimmed means looked more robust but agreed less between two parts of one song on the
 *   training packages (models/targets/README.md has the figures): loud passages carry the balance;
 * - each band's spread is how much the balance of one stretch (about 6 s) of the track differs from
 *   another's: the matcher trusts a band less where the track's own balance wanders.
 * A curve moves every level by the engine's gain in that band, so matching two profiles recovers it.
 */
import type { Features } from '../features/index.ts';
import { TEMPORAL_COUNT } from '../features/index.ts';

/** How a profile is measured; the defaults are what the app and the CLI use (chosen on the training packages). */
export interface ProfileSettings {
  /** Frames quieter than this (rmsDb, dB re full scale) are silence and never count. */
  silentFrameDb: number;
  /** The track's loud level is this percentile (0-1) of its non-silent frames' levels. */
  loudPercentile: number;
  /** Frames more than this below the loud level are not representative (fades, near-silent intros). */
  gateDb: number;
  /** Length of the stretches whose balances give the spread, in frames (about 6 s). */
  blockFrames: number;
}

export const DEFAULT_PROFILE_SETTINGS: Readonly<ProfileSettings> = Object.freeze({
  silentFrameDb: -50,
  loudPercentile: 0.9,
  gateDb: 20,
  blockFrames: 128,
});

export interface BalanceProfile {
  /** Centres (Hz) of the extractor's quarter-octave bands the values refer to. */
  bandsHz: number[];
  /** Long-term level per band over the representative frames (dB re full scale, power mean). */
  levelDb: number[];
  /** How far one stretch's balance sits from another's, per band (dB, standard deviation over stretches). */
  spreadDb: number[];
  /** Frames measured (the representative ones) and the track's frames in all. */
  frames: number;
  totalFrames: number;
  /** Duration of the measured audio in seconds. */
  durationS: number;
}

/** The audio has no frame above the silence threshold: there is no balance to measure. */
export class SilentAudioError extends Error {
  override name = 'SilentAudioError';
  constructor() {
    super('the audio is silent (no frame above -50 dBFS)');
  }
}

function percentile(sorted: readonly number[], p: number): number {
  const x = p * (sorted.length - 1);
  const i = Math.floor(x);
  const j = Math.min(sorted.length - 1, i + 1);
  return sorted[i]! + (sorted[j]! - sorted[i]!) * (x - i);
}

/** The representative frames (in time order); throws SilentAudioError when there are none. */
export function representativeFrames(
  features: Features,
  s: ProfileSettings = DEFAULT_PROFILE_SETTINGS,
): number[] {
  const rms = (f: number) => features.temporal[f * TEMPORAL_COUNT]!;
  const audible: number[] = [];
  for (let f = 0; f < features.frames; f++) if (rms(f) >= s.silentFrameDb) audible.push(f);
  if (audible.length === 0) throw new SilentAudioError();
  const loud = percentile(
    audible.map(rms).sort((a, b) => a - b),
    s.loudPercentile,
  );
  return audible.filter((f) => rms(f) >= loud - s.gateDb);
}

/** Power-mean level (dB) per band over the given frames. */
function bandLevels(features: Features, frames: readonly number[]): number[] {
  const B = features.bandCount;
  const p = new Float64Array(B);
  for (const f of frames)
    for (let b = 0; b < B; b++) p[b] = p[b]! + 10 ** (features.bandsDb[f * B + b]! / 10);
  return Array.from(p, (v) => 10 * Math.log10(v / frames.length + 1e-30));
}

const mean = (v: readonly number[]) => v.reduce((a, x) => a + x, 0) / v.length;

/**
 * The balance profile of a track from its features (`centersHz`: the extractor's band centres).
 * Throws SilentAudioError when nothing in it is above the silence threshold.
 */
export function measureProfile(
  features: Features,
  centersHz: ArrayLike<number>,
  durationS: number,
  settings: Partial<ProfileSettings> = {},
): BalanceProfile {
  const s = { ...DEFAULT_PROFILE_SETTINGS, ...settings };
  const B = features.bandCount;
  const bandsHz = Array.from(centersHz);
  if (bandsHz.length !== B) throw new Error('band centres do not match the features');
  const frames = representativeFrames(features, s);
  const levelDb = bandLevels(features, frames);

  // Spread: the balance of each stretch of about blockFrames frames, each as a shape (mean removed).
  const blockCount = Math.max(1, Math.round(frames.length / s.blockFrames));
  const blocks: number[][] = [];
  for (let k = 0; k < blockCount; k++) {
    const part = frames.slice(
      Math.floor((k * frames.length) / blockCount),
      Math.floor(((k + 1) * frames.length) / blockCount),
    );
    const level = bandLevels(features, part);
    const m = mean(level);
    blocks.push(level.map((v) => v - m));
  }
  const spreadDb = Array.from({ length: B }, (_, b) => {
    if (blocks.length < 2) return 0;
    const m = mean(blocks.map((r) => r[b]!));
    return Math.sqrt(blocks.reduce((a, r) => a + (r[b]! - m) ** 2, 0) / (blocks.length - 1));
  });

  return { bandsHz, levelDb, spreadDb, frames: frames.length, totalFrames: features.frames, durationS };
}
