/**
 * The matcher: the EQ correction g (ten octave gains, the engine's command) that best explains what is
 * observed, as a Bayesian estimate rather than a plain difference of spectra.
 *
 * Evidence comes in terms, each with its own free overall level (loudness is matched elsewhere):
 * - a reference (or the references' average), per quarter-octave band k: d_k = target_k − song_k, and a
 *   correction moves band k by (A g)_k, A being how the engine realises the command and each band reads it
 *   (response-matrix.ts). d_k = (A g)_k + c + e_k with e_k ~ N(0, σ_k²), where σ_k is the trust in band k:
 *   a floor (two parts of one piece never balance exactly) plus the song's and the target's own spread
 *   there (how much their balance wanders from one stretch to the next). Bands that song or target hardly
 *   use (an empty sub-bass, the top octave above a codec's low-pass) get no weight: there the two differ in
 *   content, not in EQ;
 * - a style, per octave band: the style's typical balance minus the song's, with the style's
 *   track-to-track covariance as the noise (the style replaces the blind model's guess of this music's
 *   natural balance).
 * The prior on g is either the blind model's suggestion with its uncertainty (when "Automatic" is part of
 * the target), or no change with a smoothness prior (squared-exponential over octaves): EQ problems are
 * shelves and bells, while content differences are ragged. The result is the posterior mean with its mean
 * over bands removed (a shape, like the model's suggestion), clamped to the engine's range, and its
 * posterior spread per band.
 */
import { BAND_CENTERS_HZ, MAX_BAND_GAIN_DB } from '../dsp/bands.ts';
import { solveLinearInPlace } from '../dsp/linear-solve.ts';
import { profileBandsHz } from './bands.ts';
import { responseMatrix } from './response-matrix.ts';

/** The matcher's knobs; the defaults were chosen on the training packages (npm run model:match-tune). */
export interface MatchSettings {
  /** Prior spread of a correction per band when nothing else is known (dB). */
  priorDb: number;
  /** Prior spread of the truth around the blind model's suggestion, per band (dB). */
  modelPriorDb: number;
  /**
   * How much the model's own confidence narrows that spread, band by band: modelPriorDb × (1 − this ×
   * confidence). 0: the same spread in every band, whatever the model says of itself.
   */
  modelConfidenceWeight: number;
  /** Prior correlation length of a correction along frequency (octaves). */
  priorOctaves: number;
  /** Trust floor: part of every band's difference that is content, whatever the spreads say (dB). */
  floorDb: number;
  /** Weight of the measured spreads in the noise (a 6 s stretch wanders more than a half-song). */
  spreadScale: number;
  /** A band this far (dB) below the track's strongest band counts as unused ... */
  emptyBelowDb: number;
  /** ... and fully used from this many dB above that. */
  emptyFadeDb: number;
}

export const DEFAULT_MATCH_SETTINGS: Readonly<MatchSettings> = Object.freeze({
  priorDb: 3.5,
  modelPriorDb: 2.5,
  modelConfidenceWeight: 0.5,
  priorOctaves: 0.7,
  floorDb: 0.75,
  spreadScale: 0.8,
  emptyBelowDb: 80,
  emptyFadeDb: 10,
});

/** One side of a comparison, per quarter-octave band. */
export interface BalanceObservation {
  bandsHz: readonly number[];
  /** Balance (dB); only its shape matters. */
  levelDb: readonly number[];
  /** Uncertainty of that balance (dB, standard deviation). */
  sigmaDb: readonly number[];
  /** 0 (the band is not used) to 1 (fully used). */
  presence: readonly number[];
}

/** Evidence from comparing the song with a target measured in the same quarter-octave bands. */
export interface BandEvidence {
  kind: 'bands';
  song: BalanceObservation;
  target: BalanceObservation;
  /** How much it counts (1: as measured). */
  weight: number;
}

/** Evidence per engine band: target minus song, with a noise precision matrix (10 x 10, row-major). */
export interface OctaveEvidence {
  kind: 'octaves';
  differenceDb: readonly number[];
  precision: ArrayLike<number>;
  weight: number;
}

export type Evidence = BandEvidence | OctaveEvidence;

/** What is believed before the evidence: a mean correction and a spread around it (one for all bands, or per band). */
export interface CorrectionPrior {
  meanDb: readonly number[];
  sdDb: number | readonly number[];
  /** Scales the prior's precision (1: as given). */
  weight: number;
}

export interface MatchResult {
  /** The correction (dB per engine band), mean over bands zero, within ±MAX_BAND_GAIN_DB. */
  gainsDb: number[];
  /** Posterior standard deviation per engine band (dB): how sure the estimate is there. */
  uncertaintyDb: number[];
}

const NB = BAND_CENTERS_HZ.length;
const OCT = BAND_CENTERS_HZ.map((f) => Math.log2(f / 1000));
const CONTRACT_BANDS = profileBandsHz();

const sameBands = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((f, k) => Math.abs(f / b[k]! - 1) < 1e-6);

/** Row of A for bands other than the contract's: the command interpolated over log-frequency, flat beyond. */
function interpolationRow(hz: number): number[] {
  const x = Math.log2(hz / 1000);
  const row = new Array<number>(NB).fill(0);
  if (x <= OCT[0]!) row[0] = 1;
  else if (x >= OCT[NB - 1]!) row[NB - 1] = 1;
  else {
    const i = Math.min(NB - 2, Math.floor(x - OCT[0]!));
    const t = x - OCT[i]!;
    row[i] = 1 - t;
    row[i + 1] = t;
  }
  return row;
}

/** Presence weight of a band from its level relative to the track's strongest band. */
export function presenceWeight(relativeDb: number, s: MatchSettings = DEFAULT_MATCH_SETTINGS): number {
  return Math.max(0, Math.min(1, (relativeDb + s.emptyBelowDb) / s.emptyFadeDb));
}

export function invertMatrix(m: ArrayLike<number>, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const a = Float64Array.from(m);
    const e = new Float64Array(n);
    e[j] = 1;
    solveLinearInPlace(a, e, n);
    for (let i = 0; i < n; i++) inv[i * n + j] = e[i]!;
  }
  return inv;
}

/** The prior's spread around the blind model's suggestion per band, narrowed where the model is sure. */
export function modelPriorSd(
  confidence: readonly number[] | undefined,
  s: MatchSettings = DEFAULT_MATCH_SETTINGS,
): number | number[] {
  if (!confidence || s.modelConfidenceWeight === 0) return s.modelPriorDb;
  return confidence.map((c) => s.modelPriorDb * (1 - s.modelConfidenceWeight * Math.max(0, Math.min(1, c))));
}

const kernelCache = new Map<string, Float64Array>();

/**
 * Precision of the smoothness prior with spread sdDb, one for all bands or per band (a little white noise
 * keeps the kernel invertible). Only single spreads are cached: per-band ones differ from song to song.
 */
function smoothPrecision(sdDb: number | readonly number[], octaves: number): Float64Array {
  const key = typeof sdDb === 'number' ? `${sdDb}/${octaves}` : null;
  let p = key === null ? undefined : kernelCache.get(key);
  if (!p) {
    const sd = (i: number) => (typeof sdDb === 'number' ? sdDb : sdDb[i]!);
    const k = new Float64Array(NB * NB);
    for (let i = 0; i < NB; i++) {
      for (let j = 0; j < NB; j++) {
        const d = (OCT[i]! - OCT[j]!) / octaves;
        k[i * NB + j] = sd(i) * sd(j) * (Math.exp(-0.5 * d * d) + (i === j ? 0.05 : 0));
      }
    }
    p = invertMatrix(k, NB);
    if (key !== null) kernelCache.set(key, p);
  }
  return p;
}

/** The rows of A for the bands an observation is measured in. */
function responseRows(bandsHz: readonly number[]): number[][] {
  return sameBands(bandsHz, CONTRACT_BANDS) ? responseMatrix() : bandsHz.map(interpolationRow);
}

/** Per band: the weight (1/σ²) of the difference target − song, zero where either side does not use the band. */
export function bandWeights(
  song: BalanceObservation,
  target: BalanceObservation,
  s: MatchSettings,
): number[] {
  return song.bandsHz.map((_, k) => {
    const variance = s.floorDb ** 2 + s.spreadScale ** 2 * (song.sigmaDb[k]! ** 2 + target.sigmaDb[k]! ** 2);
    return Math.min(song.presence[k]!, target.presence[k]!) / variance;
  });
}

/**
 * The posterior of the correction given the evidence and the prior (no change, with the smoothness prior,
 * when none is given). Pure; well under a millisecond.
 */
export function estimateCorrection(
  evidence: readonly Evidence[],
  prior: CorrectionPrior | null,
  settings: Partial<MatchSettings> = {},
): MatchResult {
  const s = { ...DEFAULT_MATCH_SETTINGS, ...settings };
  const n = NB + evidence.length; // ten gains and each term's free level
  const m = new Float64Array(n * n);
  const rhs = new Float64Array(n);
  const add = (i: number, j: number, v: number) => (m[i * n + j]! += v);
  evidence.forEach((e, t) => {
    const c = NB + t;
    if (e.kind === 'bands') {
      const { song, target } = e;
      if (!sameBands(song.bandsHz, target.bandsHz))
        throw new Error('song and target are measured in different bands');
      const rows = responseRows(song.bandsHz);
      const w = bandWeights(song, target, s);
      song.bandsHz.forEach((_, k) => {
        const wk = w[k]! * e.weight;
        if (wk === 0) return;
        const r = rows[k]!;
        const d = target.levelDb[k]! - song.levelDb[k]!;
        for (let i = 0; i < NB; i++) {
          if (r[i] === 0) continue;
          rhs[i]! += wk * r[i]! * d;
          for (let j = 0; j < NB; j++) add(i, j, wk * r[i]! * r[j]!);
          add(i, c, wk * r[i]!);
          add(c, i, wk * r[i]!);
        }
        rhs[c]! += wk * d;
        add(c, c, wk);
      });
    } else {
      // Octave terms: the engine realises the command at its centres, so A is the identity there.
      const P = e.precision;
      for (let i = 0; i < NB; i++) {
        for (let j = 0; j < NB; j++) {
          const p = P[i * NB + j]! * e.weight;
          add(i, j, p);
          add(i, c, p);
          add(c, j, p);
          add(c, c, p);
          rhs[i]! += p * e.differenceDb[j]!;
          rhs[c]! += p * e.differenceDb[j]!;
        }
      }
    }
    add(c, c, 1e-6); // the level is free, but keep the system regular when a term has no usable band
  });
  const sd = prior ? prior.sdDb : s.priorDb;
  const K = smoothPrecision(sd, s.priorOctaves);
  const weight = prior?.weight ?? 1;
  for (let i = 0; i < NB; i++) {
    for (let j = 0; j < NB; j++) {
      add(i, j, K[i * NB + j]! * weight);
      if (prior) rhs[i]! += K[i * NB + j]! * weight * prior.meanDb[j]!;
    }
  }
  const cov = invertMatrix(m, n);
  const g = Array.from({ length: NB }, (_, i) => {
    let v = 0;
    for (let j = 0; j < n; j++) v += cov[i * n + j]! * rhs[j]!;
    return v;
  });
  const meanG = g.reduce((a, v) => a + v, 0) / NB;
  return {
    gainsDb: g.map((v) => Math.max(-MAX_BAND_GAIN_DB, Math.min(MAX_BAND_GAIN_DB, v - meanG))),
    uncertaintyDb: g.map((_, i) => Math.sqrt(Math.max(0, cov[i * n + i]!))),
  };
}

/** The correction that moves `song` to `target` (both in the same bands), from no prior knowledge. */
export function matchBalance(
  song: BalanceObservation,
  target: BalanceObservation,
  settings: Partial<MatchSettings> = {},
): MatchResult {
  return estimateCorrection([{ kind: 'bands', song, target, weight: 1 }], null, settings);
}
