/**
 * Delivery targets: the level a finished file is brought to, shared by the app's export and the command
 * line (pure; runs in any realm). Either the level is kept (only lowered if the true peak would pass the
 * ceiling: the app's first behaviour, never clipping, dynamics untouched), or the programme is brought to an
 * integrated loudness with its true peak held at a ceiling, by one static gain and, when the peaks do not
 * leave room for it, the true-peak limiter (true-peak-limiter.ts). The report says what was done, in numbers
 * and in a sentence the UI and the command line show as they are.
 */
import {
  integratedLufsOfPower,
  kWeightedPower,
  LoudnessMeter,
  type LoudnessSummary,
} from './loudness-meter.ts';
import {
  applyGainCurve,
  limiterGain,
  limitTruePeak,
  lookaheadPeaks,
  type GainCurve,
} from './true-peak-limiter.ts';
import { fromDb, toDb, truePeakEnvelope } from './true-peak.ts';

export type DeliveryTarget =
  /** Keep the level; lower it only as far as the true-peak ceiling needs. */
  | { kind: 'keep'; ceilingDbtp: number }
  /** Bring the integrated loudness to `lufs`, true peak at or below the ceiling. */
  | { kind: 'loudness'; lufs: number; ceilingDbtp: number };

/** The choices the export offers (custom: any LUFS and ceiling, as a `loudness` target). */
export const DELIVERY_PRESETS = {
  /** Today's behaviour: level kept, never above −1 dBTP. */
  keep: { kind: 'keep', ceilingDbtp: -1 },
  /** Streaming services (Spotify, YouTube, Tidal…): −14 LUFS, −1 dBTP. */
  streaming: { kind: 'loudness', lufs: -14, ceilingDbtp: -1 },
  /** EBU R128 broadcast: −23 LUFS, −1 dBTP. */
  broadcast: { kind: 'loudness', lufs: -23, ceilingDbtp: -1 },
} as const satisfies Record<string, DeliveryTarget>;

export type DeliveryPreset = keyof typeof DELIVERY_PRESETS;

export interface LevelReport {
  target: DeliveryTarget;
  /** The programme as it came in (after the EQ) and as it goes out (before any lossy encoding). */
  before: LoudnessSummary;
  after: LoudnessSummary;
  /** The static gain applied, dB (positive: raised). */
  gainDb: number;
  /** The largest reduction the limiter made, dB (0 when it did nothing). */
  limiterMaxReductionDb: number;
  /** Share of the programme's samples the limiter turned down at all, 0…1. */
  limitedFraction: number;
  /** What was done, one sentence for the user: "raised 3.2 dB, limiter reduced peaks by up to 2.1 dB". */
  description: string;
}

export interface DeliveryOptions {
  /**
   * Aim this far below the ceiling (dB). Default 0.1: meters interpolate on different grids (ffmpeg's
   * ebur128 resamples 44.1 kHz to 192 kHz and read heavily limited music up to 0.07 dB above our 4× grid),
   * and 16-bit rounding and dither add up to 0.0003 dB. A lossy encoder needs more; the export measures it.
   */
  marginDb?: number;
  /** Progress of this stage, 0…1. */
  onProgress?: (fraction: number) => void;
  /** The programme's summary, when measured already (the streaming export's first pass). */
  before?: LoudnessSummary;
}

export const DEFAULT_MARGIN_DB = 0.1;

/** Gain steps larger than this are never applied: a near-silent file is not raised into noise. */
const MAX_GAIN_DB = 40;
/** How far above the unlimited gain the search for a limited one may go (dB of extra limiting). */
const SEARCH_DB = 12;
const CHUNK = 1 << 15;

/** Measures channels scaled by `preGain` times a gain curve (chunk by chunk, without a full copy). */
function measureScaled(
  channels: readonly Float32Array[],
  sampleRate: number,
  preGain: number,
  curve: Float32Array | null,
  truePeak: boolean,
): LoudnessSummary {
  const meter = new LoudnessMeter(channels.length, sampleRate, { truePeak });
  const frames = channels[0]?.length ?? 0;
  const scratch = channels.map(() => new Float32Array(CHUNK));
  for (let start = 0; start < frames; start += CHUNK) {
    const n = Math.min(CHUNK, frames - start);
    channels.forEach((ch, c) => {
      const s = scratch[c]!;
      if (curve) for (let i = 0; i < n; i++) s[i] = ch[start + i]! * preGain * curve[start + i]!;
      else for (let i = 0; i < n; i++) s[i] = ch[start + i]! * preGain;
    });
    meter.push(scratch, n);
  }
  return meter.finish();
}

function shifted(s: LoudnessSummary, db: number): LoudnessSummary {
  return {
    integratedLufs: s.integratedLufs + db,
    loudnessRangeLu: s.loudnessRangeLu,
    truePeakDbtp: s.truePeakDbtp + db,
    maxMomentaryLufs: s.maxMomentaryLufs + db,
    maxShortTermLufs: s.maxShortTermLufs + db,
  };
}

const fmt = (db: number) => Math.abs(db).toFixed(1);

export function describeLevelChange(r: Omit<LevelReport, 'description'>): string {
  const ceiling = `${r.target.ceilingDbtp} dBTP`;
  if (r.target.kind === 'loudness' && !Number.isFinite(r.before.integratedLufs)) {
    return 'too short or too quiet to measure its loudness: level left as it is';
  }
  const limiter =
    r.limiterMaxReductionDb >= 0.05
      ? `, limiter reduced peaks by up to ${fmt(r.limiterMaxReductionDb)} dB`
      : '';
  if (r.target.kind === 'keep') {
    // Said only when the number shown is not 0.0 (never "lowered 0.0 dB").
    return r.gainDb <= -0.05 ? `lowered ${fmt(r.gainDb)} dB so peaks stay at ${ceiling}` : 'level unchanged';
  }
  const to = ` to ${r.target.lufs} LUFS`;
  if (Math.abs(r.gainDb) < 0.05) return `already at${to}${limiter}`;
  return `${r.gainDb > 0 ? 'raised' : 'lowered'} ${fmt(r.gainDb)} dB${limiter || to}`;
}

/**
 * The gain whose limited loudness is closest to the target. Loudness grows with the gain, more slowly once
 * the limiter works, and in small steps where a block crosses the relative gate; so: secant steps from the
 * unlimited guess while they stay inside the bracket found so far, bisection otherwise, keeping the best.
 */
function searchGain(
  loudnessAt: (gainDb: number) => number,
  start: number,
  target: number,
  cap: number,
  progress: (step: number) => void,
): number {
  let best = { g: start, err: Infinity };
  let lo = -Infinity; // a gain known to land below the target
  let hi = cap; // and one above it (or the cap)
  let prev: { g: number; l: number } | undefined;
  let g = start;
  for (let i = 0; i < 12; i++) {
    const l = loudnessAt(g);
    progress(i);
    if (Math.abs(l - target) < Math.abs(best.err)) best = { g, err: l - target };
    if (Math.abs(l - target) <= 0.02) break;
    if (l < target) lo = Math.max(lo, g);
    else hi = Math.min(hi, g);
    const slope = prev && Math.abs(g - prev.g) > 1e-6 ? (l - prev.l) / (g - prev.g) : 1;
    prev = { g, l };
    let next = g + (target - l) / Math.max(0.05, Math.min(1, slope));
    if (!(next > lo && next < hi) || i >= 5) next = Number.isFinite(lo) ? (lo + hi) / 2 : next;
    if (Math.abs(next - g) < 1e-4) break;
    g = Math.min(cap, next);
  }
  return best.g;
}

/**
 * The one static gain (dB) that meets the target for a programme measured as `before`, or null when the
 * peaks leave no room for it and the limiter must work (a loudness target only). The streaming export
 * decides with this after its measuring pass; deliver() below with the same rule.
 */
export function staticGainDb(
  before: LoudnessSummary,
  target: DeliveryTarget,
  marginDb = DEFAULT_MARGIN_DB,
): number | null {
  const ceilingDb = toDb(fromDb(target.ceilingDbtp - marginDb));
  const peakDb = before.truePeakDbtp;
  if (target.kind === 'keep' || !Number.isFinite(before.integratedLufs)) {
    return peakDb > ceilingDb ? ceilingDb - peakDb : 0;
  }
  const gainDb = Math.min(MAX_GAIN_DB, target.lufs - before.integratedLufs);
  return peakDb + gainDb > ceilingDb ? null : gainDb;
}

/** The report of a static gain: every figure moves by the gain (nothing is measured again). */
export function staticReport(before: LoudnessSummary, target: DeliveryTarget, gainDb: number): LevelReport {
  const report = {
    target,
    before,
    after: shifted(before, gainDb),
    gainDb,
    limiterMaxReductionDb: 0,
    limitedFraction: 0,
  };
  return { ...report, description: describeLevelChange(report) };
}

/** Brings channels (modified in place) to the delivery target and says what was done. */
export function deliver(
  channels: readonly Float32Array[],
  sampleRate: number,
  target: DeliveryTarget,
  opts: DeliveryOptions = {},
): LevelReport {
  const progress = opts.onProgress ?? (() => undefined);
  const ceiling = fromDb(target.ceilingDbtp - (opts.marginDb ?? DEFAULT_MARGIN_DB));
  const before = opts.before ?? measureScaled(channels, sampleRate, 1, null, true);
  progress(0.3);
  let curve: GainCurve | null = null;
  const fixed = staticGainDb(before, target, opts.marginDb);
  let gainDb = fixed ?? 0;
  if (target.kind === 'loudness' && fixed === null) {
    gainDb = Math.min(MAX_GAIN_DB, target.lufs - before.integratedLufs);
    // The peaks leave no room: search the static gain at which the limited programme hits the target.
    // Limiting costs loudness, so the gain ends above the unlimited guess; SEARCH_DB bounds how far.
    const cap = Math.min(MAX_GAIN_DB, gainDb + SEARCH_DB);
    const peaks = lookaheadPeaks(truePeakEnvelope(channels, ceiling / fromDb(cap)), sampleRate, {
      ceiling,
    });
    progress(0.45);
    // Each try sums the K-weighted power under the limited gain instead of filtering the programme again
    // (the gain moves over milliseconds, the K-filter's memory is shorter than the 400 ms blocks); the
    // result is measured in full at the end.
    const power = kWeightedPower(channels, sampleRate);
    const loudnessAt = (g: number) => {
      curve = limiterGain(peaks, fromDb(g), sampleRate, { ceiling });
      return integratedLufsOfPower(power, sampleRate, fromDb(g), curve.gain);
    };
    gainDb = searchGain(loudnessAt, gainDb, target.lufs, cap, (i) => progress(0.45 + 0.04 * i));
    curve = limiterGain(peaks, fromDb(gainDb), sampleRate, { ceiling });
  }
  const limitCurve = curve as GainCurve | null;
  applyGainCurve(channels, fromDb(gainDb), limitCurve?.gain ?? null);
  progress(0.8);
  // A last pass holds the ceiling exactly where scaling and interpolating do not commute (hundredths of a dB).
  let minGain = limitCurve?.minGain ?? 1;
  let limited = limitCurve?.reducedSamples ?? 0;
  if (limitCurve) {
    const touch = limitTruePeak(channels, sampleRate, { ceiling });
    minGain = Math.min(minGain, touch.minGain);
    limited = Math.max(limited, touch.reducedSamples);
  }
  // A static gain moves every figure by itself, so only limited programmes are measured again.
  const after = limitCurve ? measureScaled(channels, sampleRate, 1, null, true) : shifted(before, gainDb);
  progress(1);
  const frames = channels[0]?.length ?? 0;
  const report = {
    target,
    before,
    after,
    gainDb,
    limiterMaxReductionDb: minGain < 1 ? -toDb(minGain) : 0,
    limitedFraction: frames > 0 ? limited / frames : 0,
  };
  return { ...report, description: describeLevelChange(report) };
}
