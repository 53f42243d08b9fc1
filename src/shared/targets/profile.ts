/**
 * A track's tonal-balance profile: what the app keeps of a reference track instead of its audio, and what
 * the matcher compares. Measured from the shared extractor's quarter-octave bands (never a second FFT):
 *
 * - only the track's loud, representative frames count (not silences, fades, quiet intros: they sit more
 *   than `gateDb` below the track's loud level);
 * - each frame's balance is its band levels minus the frame's mean level over the core bands, so a curve
 *   moves every frame's balance by exactly the curve's shape, whatever the frame's loudness;
 * - each band's level is a trimmed mean of those balances over the frames: a robust average that ignores the
 *   odd drum hit or dropout;
 * - each band's spread is how much the balance of one stretch of the track differs from another's: the
 *   matcher trusts a band less where the track's own balance wanders;
 * - each band's presence is its long-term level re full scale, so the matcher can tell a band the music
 *   really uses from an empty one (sub-bass a track does not have, the top octave above a codec's low-pass).
 */
import type { Features } from '../features/index.ts';
import { TEMPORAL_COUNT } from '../features/index.ts';

/** How a profile is measured; the defaults are what the app and the CLI use (chosen on the training packages). */
export interface ProfileSettings {
  /** Frames quieter than this (rmsDb, dB re full scale) are silence and never count. */
  silentFrameDb: number;
  /** The track's loud level is this percentile (0-1) of its non-silent frames' levels. */
  loudPercentile: number;
  /** Frames more than this below the loud level are not representative (intros, fades, breakdowns). */
  gateDb: number;
  /** Fraction of frames dropped at each end of a band's sorted balances before averaging. */
  trim: number;
  /** Length of the stretches whose balances give the spread, in frames (about 6 s). */
  blockFrames: number;
  /** Lowest and highest band centre (Hz) of the per-frame normaliser: bands that hold most music's energy. */
  coreHz: [number, number];
}

export const DEFAULT_PROFILE_SETTINGS: Readonly<ProfileSettings> = Object.freeze({
  silentFrameDb: -50,
  loudPercentile: 0.9,
  gateDb: 15,
  trim: 0.1,
  blockFrames: 128,
  coreHz: [100, 8000] as [number, number],
});

export interface BalanceProfile {
  /** Centres (Hz) of the extractor's quarter-octave bands the values refer to. */
  bandsHz: number[];
  /** Robust balance per band (dB): the band's level relative to the core bands' mean, over the loud frames. */
  levelDb: number[];
  /** How far one stretch of the track's balance sits from another's, per band (dB, standard deviation). */
  spreadDb: number[];
  /** Long-term level per band over the loud frames (dB re full scale, power mean): is the band used at all. */
  presenceDb: number[];
  /** Frames measured (the loud, representative ones) and the track's frames in all. */
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
  if (sorted.length === 0) return Number.NaN;
  const x = p * (sorted.length - 1);
  const i = Math.floor(x);
  const j = Math.min(sorted.length - 1, i + 1);
  return sorted[i]! + (sorted[j]! - sorted[i]!) * (x - i);
}

/** Mean of the sorted values without `trim` of them at each end. */
function trimmedMean(sorted: readonly number[], trim: number): number {
  const cut = Math.floor(sorted.length * trim);
  let sum = 0;
  let n = 0;
  for (let i = cut; i < sorted.length - cut; i++) {
    sum += sorted[i]!;
    n++;
  }
  return n > 0 ? sum / n : Number.NaN;
}

/** The loud, representative frames (in time order); throws SilentAudioError when there are none. */
export function representativeFrames(features: Features, s: ProfileSettings = DEFAULT_PROFILE_SETTINGS) {
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

/** Each frame's balance (band dB minus the frame's mean over the core bands), frames x bands. */
function frameBalances(
  features: Features,
  frames: readonly number[],
  centersHz: readonly number[],
  s: ProfileSettings,
) {
  const B = features.bandCount;
  const core = centersHz.flatMap((f, b) => (f >= s.coreHz[0] && f <= s.coreHz[1] ? [b] : []));
  return frames.map((f) => {
    const row = features.bandsDb.subarray(f * B, (f + 1) * B);
    const norm = core.reduce((sum, b) => sum + row[b]!, 0) / core.length;
    return Array.from(row, (v) => v - norm);
  });
}

/** Robust per-band level of a set of frame balances. */
function bandLevels(rows: readonly number[][], bands: number, trim: number): number[] {
  return Array.from({ length: bands }, (_, b) =>
    trimmedMean(
      rows.map((r) => r[b]!).sort((x, y) => x - y),
      trim,
    ),
  );
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
  const rows = frameBalances(features, frames, bandsHz, s);
  const levelDb = bandLevels(rows, B, s.trim);

  // Spread: the balance of each stretch of about blockFrames frames, each as a shape (mean removed).
  const blockCount = Math.max(1, Math.round(frames.length / s.blockFrames));
  const blocks: number[][] = [];
  for (let k = 0; k < blockCount; k++) {
    const part = rows.slice(
      Math.floor((k * rows.length) / blockCount),
      Math.floor(((k + 1) * rows.length) / blockCount),
    );
    const level = bandLevels(part, B, s.trim);
    const m = mean(level);
    blocks.push(level.map((v) => v - m));
  }
  const spreadDb = Array.from({ length: B }, (_, b) => {
    if (blocks.length < 2) return 0;
    const m = mean(blocks.map((r) => r[b]!));
    return Math.sqrt(blocks.reduce((a, r) => a + (r[b]! - m) ** 2, 0) / (blocks.length - 1));
  });

  const presenceDb = Array.from({ length: B }, (_, b) => {
    let p = 0;
    for (const f of frames) p += 10 ** (features.bandsDb[f * B + b]! / 10);
    return 10 * Math.log10(p / frames.length);
  });

  return {
    bandsHz,
    levelDb,
    spreadDb,
    presenceDb,
    frames: frames.length,
    totalFrames: features.frames,
    durationS,
  };
}
