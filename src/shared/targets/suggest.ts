/**
 * The one suggestion function: whatever the user chose as the target (the blind model, "Automatic", by
 * default; a style; one or more references; or a blend of these), the song's correction, the target's
 * typical range (the tunnel) and the song's balance before and after, for the view and the CLI.
 *
 * Each part of a blend gives a correction (the model's own, or the matcher's against the style or the
 * references' average); the blend is their weighted mean. The matcher is linear in the target away from its
 * robust down-weighting, so this is the correction toward the blended target, and the model's suggestion
 * stays exactly itself when "Automatic" is chosen alone.
 */
import { BAND_CENTERS_HZ, BAND_COUNT, MAX_BAND_GAIN_DB } from '../dsp/bands.ts';
import type { BalanceObservation, MatchSettings } from './match.ts';
import { DEFAULT_MATCH_SETTINGS, matchBalance } from './match.ts';
import { octaveBalance } from './octave.ts';
import type { BalanceProfile } from './profile.ts';
import { profileObservation, referenceObservation } from './reference.ts';
import type { OctaveTunnel, StyleTarget } from './styles.ts';
import { styleObservation } from './styles.ts';

/**
 * The blind model's result (src/shared/model): its correction and, where the model provides them, the
 * song's balance as the model measures it, the music's typical range (the "Automatic" tunnel) and the
 * confidence per band, all per engine band.
 */
export interface BlindSuggestion {
  gainsDb: readonly number[];
  balanceDb?: readonly number[];
  typicalLowDb?: readonly number[];
  typicalHighDb?: readonly number[];
  /** 0 (a guess) to 1 (sure). */
  confidence?: readonly number[];
}

export type TargetChoice =
  | { kind: 'automatic' }
  | { kind: 'style'; style: StyleTarget }
  | { kind: 'references'; profiles: readonly BalanceProfile[] };

export interface BlendPart {
  target: TargetChoice;
  /** Relative weight (any non-negative number; the parts are normalised). */
  weight: number;
}

export interface SuggestionRequest {
  /** The song's balance profile (measureProfile of its features). */
  song: BalanceProfile;
  /** The model's suggestion for the song; needed when "Automatic" is part of the target. */
  blind?: BlindSuggestion;
  /** What to aim at; "Automatic" alone when absent or empty. */
  blend?: readonly BlendPart[];
  settings?: Partial<MatchSettings>;
}

export interface TargetedSuggestion {
  /** The correction per engine band (dB at amount 100 %), mean over bands zero, within the engine's range. */
  gainsDb: number[];
  /** What the correction aims at. */
  source: 'automatic' | 'style' | 'references' | 'blend';
  /** The song's balance per engine band (dB, mean removed): before, and after the correction. */
  songBalanceDb: number[];
  afterBalanceDb: number[];
  /** The target's typical range, in the same frame as the song's balance; null when the model gives none. */
  tunnel: OctaveTunnel | null;
  /** How sure the suggestion is per band (0-1); null when the model gives none. */
  confidence: number[] | null;
}

interface PartResult {
  gainsDb: number[];
  tunnel: OctaveTunnel | null;
  confidence: number[] | null;
}

const clampGain = (g: number) => Math.max(-MAX_BAND_GAIN_DB, Math.min(MAX_BAND_GAIN_DB, g));

function automaticPart(songOct: readonly number[], blind: BlindSuggestion | undefined): PartResult {
  if (!blind) throw new Error('the automatic target needs the model’s suggestion');
  if (blind.gainsDb.length !== BAND_COUNT) throw new Error(`the model gave ${blind.gainsDb.length} gains`);
  const { balanceDb, typicalLowDb, typicalHighDb } = blind;
  // The model's range is relative to its own reading of the song; carry the offsets over to ours.
  const tunnel =
    balanceDb && typicalLowDb && typicalHighDb
      ? {
          lowDb: songOct.map((s, b) => s + typicalLowDb[b]! - balanceDb[b]!),
          highDb: songOct.map((s, b) => s + typicalHighDb[b]! - balanceDb[b]!),
          centreDb: songOct.map((s, b) => s + (typicalLowDb[b]! + typicalHighDb[b]!) / 2 - balanceDb[b]!),
        }
      : null;
  return {
    gainsDb: [...blind.gainsDb],
    tunnel,
    confidence: blind.confidence ? [...blind.confidence] : null,
  };
}

/** The tunnel of a target observation: its octave balance ± a half-width per band. */
function observationTunnel(target: BalanceObservation, halfWidthDb: number[]): OctaveTunnel {
  const centreDb = octaveBalance(target.levelDb, target.bandsHz);
  return {
    centreDb,
    lowDb: centreDb.map((c, b) => c - halfWidthDb[b]!),
    highDb: centreDb.map((c, b) => c + halfWidthDb[b]!),
  };
}

/** Mean of a per-feature-band value over each octave. */
function octaveMean(values: readonly number[], bandsHz: readonly number[]): number[] {
  return BAND_CENTERS_HZ.map((fc) => {
    const inside = values.filter((_, k) => bandsHz[k]! >= fc / Math.SQRT2 && bandsHz[k]! < fc * Math.SQRT2);
    return inside.reduce((a, v) => a + v, 0) / Math.max(1, inside.length);
  });
}

function matchedPart(
  song: BalanceObservation,
  target: BalanceObservation,
  tunnel: OctaveTunnel,
  s: MatchSettings,
): PartResult {
  const m = matchBalance(song, target, s);
  return {
    gainsDb: m.gainsDb,
    tunnel,
    confidence: m.uncertaintyDb.map((u) => Math.max(0, Math.min(1, 1 - (u / s.priorDb) ** 2))),
  };
}

export function suggestEq(req: SuggestionRequest): TargetedSuggestion {
  const s = { ...DEFAULT_MATCH_SETTINGS, ...req.settings };
  const bandsHz = req.song.bandsHz;
  const songOct = octaveBalance(req.song.levelDb, bandsHz);
  const parts = (
    req.blend?.length ? req.blend : [{ target: { kind: 'automatic' }, weight: 1 }]
  ) as BlendPart[];
  const total = parts.reduce((a, p) => a + Math.max(0, p.weight), 0);
  if (!(total > 0)) throw new Error('the blend has no weight');
  const songObs = profileObservation(req.song, s);
  const results = parts.map((p): PartResult => {
    const t = p.target;
    if (t.kind === 'automatic') return automaticPart(songOct, req.blind);
    if (t.kind === 'style') {
      const target = styleObservation(t.style, bandsHz);
      return matchedPart(songObs, target, t.style.tunnel, s);
    }
    if (t.profiles.length === 0) throw new Error('no reference profiles');
    const target = referenceObservation(t.profiles, s);
    const refOct = t.profiles.map((p) => octaveBalance(p.levelDb, bandsHz));
    const spread = octaveMean(target.sigmaDb, bandsHz);
    const halfWidth = spread.map((sd, b) => {
      const vals = refOct.map((r) => r[b]!);
      return Math.max(sd, (Math.max(...vals) - Math.min(...vals)) / 2, 0.5);
    });
    return matchedPart(songObs, target, observationTunnel(target, halfWidth), s);
  });
  const w = parts.map((p) => Math.max(0, p.weight) / total);
  const blendVec = (pick: (r: PartResult) => readonly number[] | null): number[] | null => {
    if (results.some((r) => pick(r) === null)) return null;
    return Array.from({ length: BAND_COUNT }, (_, b) =>
      results.reduce((a, r, i) => a + w[i]! * pick(r)![b]!, 0),
    );
  };
  // Each part is already a shape within range, and so is their weighted mean.
  const gainsDb = blendVec((r) => r.gainsDb)!.map(clampGain);
  const tunnel = results.every((r) => r.tunnel)
    ? {
        centreDb: blendVec((r) => r.tunnel!.centreDb)!,
        lowDb: blendVec((r) => r.tunnel!.lowDb)!,
        highDb: blendVec((r) => r.tunnel!.highDb)!,
      }
    : null;
  const kinds = new Set(parts.filter((_, i) => w[i]! > 0).map((p) => p.target.kind));
  const source = kinds.size > 1 ? 'blend' : ([...kinds][0] as TargetedSuggestion['source']);
  return {
    gainsDb,
    source,
    songBalanceDb: songOct,
    afterBalanceDb: songOct.map((v, b) => v + gainsDb[b]!),
    tunnel,
    confidence: blendVec((r) => r.confidence),
  };
}
