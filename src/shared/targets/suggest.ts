/**
 * The one suggestion function: whatever the user chose as the target (the blind model, "Automatic", by
 * default; a style; one or more references; or a blend of these), the song's correction, the target's
 * typical range (the tunnel) and the song's balance before and after, for the view and the CLI.
 *
 * Every part of a blend is evidence about the same unknown, the correction this song needs, and the blend
 * is their Bayesian combination (match.ts): "Automatic" is the prior (the model's suggestion, give or take
 * its uncertainty), a reference is a measurement of the song against the references' average, a style a
 * measurement against the style's typical balance with its track-to-track spread as the noise. A part's
 * weight scales how much it counts, relative to the heaviest part (which counts as measured). "Automatic"
 * alone is exactly the model's suggestion; a reference or a style alone is matched from no prior knowledge.
 */
import { BAND_CENTERS_HZ, BAND_COUNT, MAX_BAND_GAIN_DB } from '../dsp/bands.ts';
import type { BalanceObservation, CorrectionPrior, Evidence, MatchSettings } from './match.ts';
import { DEFAULT_MATCH_SETTINGS, estimateCorrection, modelPriorSd } from './match.ts';
import { octaveBalance } from './octave.ts';
import type { BalanceProfile } from './profile.ts';
import { profileObservation, referenceObservation } from './reference.ts';
import type { OctaveTunnel, StyleTarget } from './styles.ts';
import { stylePrecision } from './styles.ts';

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

const clampGain = (g: number) => Math.max(-MAX_BAND_GAIN_DB, Math.min(MAX_BAND_GAIN_DB, g));

/** The model's tunnel, moved from its own reading of the song's balance onto ours. */
function automaticTunnel(songOct: readonly number[], blind: BlindSuggestion): OctaveTunnel | null {
  const { balanceDb, typicalLowDb, typicalHighDb } = blind;
  if (!balanceDb || !typicalLowDb || !typicalHighDb) return null;
  return {
    lowDb: songOct.map((s, b) => s + typicalLowDb[b]! - balanceDb[b]!),
    highDb: songOct.map((s, b) => s + typicalHighDb[b]! - balanceDb[b]!),
    centreDb: songOct.map((s, b) => s + (typicalLowDb[b]! + typicalHighDb[b]!) / 2 - balanceDb[b]!),
  };
}

/** Mean of a per-feature-band value over each octave. */
function octaveMean(values: readonly number[], bandsHz: readonly number[]): number[] {
  return BAND_CENTERS_HZ.map((fc) => {
    const inside = values.filter((_, k) => bandsHz[k]! >= fc / Math.SQRT2 && bandsHz[k]! < fc * Math.SQRT2);
    return inside.reduce((a, v) => a + v, 0) / Math.max(1, inside.length);
  });
}

/** The references' tunnel: their average balance, ± their spread or their disagreement, whichever is wider. */
function referenceTunnel(profiles: readonly BalanceProfile[], target: BalanceObservation): OctaveTunnel {
  const centreDb = octaveBalance(target.levelDb, target.bandsHz);
  const each = profiles.map((p) => octaveBalance(p.levelDb, p.bandsHz));
  const spread = octaveMean(target.sigmaDb, target.bandsHz);
  const half = spread.map((sd, b) => {
    const v = each.map((r) => r[b]!);
    return Math.max(sd, (Math.max(...v) - Math.min(...v)) / 2, 0.5);
  });
  return {
    centreDb,
    lowDb: centreDb.map((c, b) => c - half[b]!),
    highDb: centreDb.map((c, b) => c + half[b]!),
  };
}

export function suggestEq(req: SuggestionRequest): TargetedSuggestion {
  const s = { ...DEFAULT_MATCH_SETTINGS, ...req.settings };
  const bandsHz = req.song.bandsHz;
  const songOct = octaveBalance(req.song.levelDb, bandsHz);
  const parts = (
    req.blend?.length ? req.blend : [{ target: { kind: 'automatic' }, weight: 1 }]
  ) as BlendPart[];
  const heaviest = Math.max(...parts.map((p) => p.weight));
  if (!(heaviest > 0) || parts.some((p) => !(p.weight >= 0)))
    throw new Error('blend weights must be ≥ 0, one > 0');
  const active = parts.filter((p) => p.weight > 0);
  const kinds = new Set(active.map((p) => p.target.kind));
  const source = kinds.size > 1 ? 'blend' : ([...kinds][0] as TargetedSuggestion['source']);

  let prior: CorrectionPrior | null = null;
  const evidence: Evidence[] = [];
  const tunnels: { tunnel: OctaveTunnel; weight: number }[] = [];
  const songObs = profileObservation(req.song, s);
  for (const p of active) {
    const weight = p.weight / heaviest;
    const t = p.target;
    if (t.kind === 'automatic') {
      if (!req.blind) throw new Error('the automatic target needs the model’s suggestion');
      if (req.blind.gainsDb.length !== BAND_COUNT)
        throw new Error(`the model gave ${req.blind.gainsDb.length} gains`);
      prior = { meanDb: req.blind.gainsDb, sdDb: modelPriorSd(req.blind.confidence, s), weight };
      const tunnel = automaticTunnel(songOct, req.blind);
      if (tunnel) tunnels.push({ tunnel, weight });
    } else if (t.kind === 'style') {
      evidence.push({
        kind: 'octaves',
        differenceDb: t.style.tunnel.centreDb.map((c, b) => c - songOct[b]!),
        precision: stylePrecision(t.style),
        weight,
      });
      tunnels.push({ tunnel: t.style.tunnel, weight });
    } else {
      if (t.profiles.length === 0) throw new Error('no reference profiles');
      const target = referenceObservation(t.profiles, s);
      evidence.push({ kind: 'bands', song: songObs, target, weight });
      tunnels.push({ tunnel: referenceTunnel(t.profiles, target), weight });
    }
  }

  let gainsDb: number[];
  let confidence: number[] | null;
  if (evidence.length === 0) {
    // "Automatic" alone: the model's suggestion as it is.
    gainsDb = req.blind!.gainsDb.map(clampGain);
    confidence = req.blind!.confidence ? [...req.blind!.confidence] : null;
  } else {
    const m = estimateCorrection(evidence, prior, s);
    gainsDb = m.gainsDb;
    // Against the prior's full spread in every band, so that a band the model is sure of reads as sure.
    const sd = prior ? s.modelPriorDb : s.priorDb;
    confidence = m.uncertaintyDb.map((u) => Math.max(0, Math.min(1, 1 - (u / sd) ** 2)));
  }
  const total = tunnels.reduce((a, t) => a + t.weight, 0);
  const mix = (pick: (t: OctaveTunnel) => number[]) =>
    BAND_CENTERS_HZ.map((_, b) => tunnels.reduce((a, t) => a + (t.weight / total) * pick(t.tunnel)[b]!, 0));
  return {
    gainsDb,
    source,
    songBalanceDb: songOct,
    afterBalanceDb: songOct.map((v, b) => v + gainsDb[b]!),
    tunnel:
      total > 0
        ? { centreDb: mix((t) => t.centreDb), lowDb: mix((t) => t.lowDb), highDb: mix((t) => t.highDb) }
        : null,
    confidence,
  };
}
