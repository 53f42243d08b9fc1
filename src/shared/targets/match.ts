/**
 * The matcher: the EQ correction that brings a song's balance to a target balance (the references' average,
 * a style), as a Bayesian fit rather than a plain difference of spectra.
 *
 * What is observed, per quarter-octave band k: d_k = target_k − song_k. A correction g (ten octave gains,
 * the engine's command) moves band k by (A g)_k, A interpolating the command on a log-frequency axis as the
 * engine realises it and each band reads it (response-matrix.ts); an overall level c is free (loudness is matched elsewhere). So
 *
 *     d = A g + c + e,   e_k ~ N(0, σ_k²),   g ~ N(0, K)
 *
 * - σ_k, the trust in band k: a floor (two parts of one piece never balance exactly) plus the song's and the
 *   target's own spread in that band (how much their balance wanders from one stretch to the next);
 * - bands that song or target hardly use (an empty sub-bass, the top octave above a codec's low-pass) get
 *   almost no weight: there the two differ in content, not in EQ;
 * - residuals far beyond σ_k are down-weighted (iteratively reweighted, Huber): a band that disagrees with
 *   its neighbours and the smooth fit is a content difference, not a curve;
 * - K is a smoothness prior over the ten bands (squared-exponential on octaves): EQ problems are shelves
 *   and bells, while content differences are ragged; the posterior mean is shrunk toward no change where
 *   the evidence is weak.
 * The result is the posterior mean of g with its mean over bands removed (a shape, like the model's
 * suggestion) and clamped to the engine's range; its posterior spread says how sure it is per band.
 */
import { BAND_CENTERS_HZ, MAX_BAND_GAIN_DB } from '../dsp/bands.ts';
import { solveLinearInPlace } from '../dsp/linear-solve.ts';
import { profileBandsHz } from './bands.ts';
import { responseMatrix } from './response-matrix.ts';

/** The matcher's knobs; the defaults were chosen on the training packages (models/targets/tune-match.ts). */
export interface MatchSettings {
  /** Prior spread of a correction per band (dB). */
  priorDb: number;
  /** Prior correlation length of a correction along frequency (octaves). */
  priorOctaves: number;
  /** Trust floor: part of every band's difference that is content, whatever the spreads say (dB). */
  floorDb: number;
  /** Weight of the measured spreads in the noise (the spread of a 6 s stretch is not that of a half-song). */
  spreadScale: number;
  /** A band this far (dB) below the track's strongest band counts as unused ... */
  emptyBelowDb: number;
  /** ... fading in over this many dB above that. */
  emptyFadeDb: number;
  /** Residuals beyond this many σ are down-weighted (Huber); Infinity turns it off. */
  huberK: number;
}

export const DEFAULT_MATCH_SETTINGS: Readonly<MatchSettings> = Object.freeze({
  priorDb: 5,
  priorOctaves: 1,
  floorDb: 1.5,
  spreadScale: 1,
  emptyBelowDb: 60,
  emptyFadeDb: 10,
  huberK: 2,
});

/** One side of the comparison, per quarter-octave band. */
export interface BalanceObservation {
  bandsHz: readonly number[];
  /** Balance (dB); only its shape matters. */
  levelDb: readonly number[];
  /** Uncertainty of that balance (dB, standard deviation). */
  sigmaDb: readonly number[];
  /** 0 (the band is not used) to 1 (fully used). */
  presence: readonly number[];
}

export interface MatchResult {
  /** The correction (dB per engine band), mean over bands zero, within ±MAX_BAND_GAIN_DB. */
  gainsDb: number[];
  /** Posterior standard deviation per engine band (dB): how sure the match is there. */
  uncertaintyDb: number[];
  /** Total weight of the evidence per engine band, relative to a fully trusted band at the floor. */
  evidence: number[];
}

const NB = BAND_CENTERS_HZ.length;
const OCT = BAND_CENTERS_HZ.map((f) => Math.log2(f / 1000));

const CONTRACT_BANDS = profileBandsHz();
const sameBands = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((f, k) => Math.abs(f / b[k]! - 1) < 1e-6);

/** Row of A for bands other than the contract's: the command interpolated linearly over log-frequency, flat beyond the ends. */
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
  const x = (relativeDb + s.emptyBelowDb) / s.emptyFadeDb;
  return Math.max(0, Math.min(1, x));
}

function invert(m: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const a = m.slice();
    const e = new Float64Array(n);
    e[j] = 1;
    solveLinearInPlace(a, e, n);
    for (let i = 0; i < n; i++) inv[i * n + j] = e[i]!;
  }
  return inv;
}

const priorCache = new Map<string, Float64Array>();

/** K⁻¹ for the settings (a little white noise keeps the squared-exponential kernel invertible). */
function priorPrecision(s: MatchSettings): Float64Array {
  const key = `${s.priorDb}/${s.priorOctaves}`;
  let p = priorCache.get(key);
  if (!p) {
    const k = new Float64Array(NB * NB);
    for (let i = 0; i < NB; i++) {
      for (let j = 0; j < NB; j++) {
        const d = (OCT[i]! - OCT[j]!) / s.priorOctaves;
        k[i * NB + j] = s.priorDb ** 2 * (Math.exp(-0.5 * d * d) + (i === j ? 0.05 : 0));
      }
    }
    p = invert(k, NB);
    priorCache.set(key, p);
  }
  return p;
}

/**
 * The correction that moves `song` to `target`. Both must use the same bands. Pure; a few hundred
 * microseconds.
 */
export function matchBalance(
  song: BalanceObservation,
  target: BalanceObservation,
  settings: Partial<MatchSettings> = {},
): MatchResult {
  const s = { ...DEFAULT_MATCH_SETTINGS, ...settings };
  const nk = song.bandsHz.length;
  if (target.bandsHz.length !== nk || song.bandsHz.some((f, k) => Math.abs(f - target.bandsHz[k]!) > 1e-6)) {
    throw new Error('song and target are measured in different bands');
  }
  const rows = sameBands(song.bandsHz, CONTRACT_BANDS)
    ? responseMatrix()
    : song.bandsHz.map(interpolationRow);
  const d = song.levelDb.map((v, k) => target.levelDb[k]! - v);
  const baseW = song.bandsHz.map((_, k) => {
    const variance = s.floorDb ** 2 + s.spreadScale ** 2 * (song.sigmaDb[k]! ** 2 + target.sigmaDb[k]! ** 2);
    return (Math.min(song.presence[k]!, target.presence[k]!) * s.floorDb ** 2) / variance;
  });
  const sigma = baseW.map((_, k) =>
    Math.sqrt(s.floorDb ** 2 + s.spreadScale ** 2 * (song.sigmaDb[k]! ** 2 + target.sigmaDb[k]! ** 2)),
  );
  const prior = priorPrecision(s);
  const n = NB + 1; // ten gains and the free level
  let w = baseW.slice();
  let g: Float64Array = new Float64Array(NB);
  let cov: Float64Array = new Float64Array(n * n);
  for (let iter = 0; iter < 6; iter++) {
    const m = new Float64Array(n * n);
    const rhs = new Float64Array(n);
    for (let k = 0; k < nk; k++) {
      const wk = w[k]! / s.floorDb ** 2;
      if (wk === 0) continue;
      const r = [...rows[k]!, 1];
      for (let i = 0; i < n; i++) {
        if (r[i] === 0) continue;
        rhs[i]! += wk * r[i]! * d[k]!;
        for (let j = 0; j < n; j++) m[i * n + j]! += wk * r[i]! * r[j]!;
      }
    }
    for (let i = 0; i < NB; i++) for (let j = 0; j < NB; j++) m[i * n + j]! += prior[i * NB + j]!;
    m[n * n - 1]! += 1e-6; // the level is free, but keep the system regular when every band is empty
    cov = invert(m, n);
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) x[i]! += cov[i * n + j]! * rhs[j]!;
    g = Float64Array.from(x.subarray(0, NB));
    if (!Number.isFinite(s.huberK)) break;
    const c = x[NB]!;
    w = baseW.map((b, k) => {
      const fit = rows[k]!.reduce((a, v, i) => a + v * g[i]!, 0) + c;
      const z = Math.abs(d[k]! - fit) / sigma[k]!;
      return z > s.huberK ? (b * s.huberK) / z : b;
    });
  }
  const meanG = g.reduce((a, v) => a + v, 0) / NB;
  const evidence = new Array<number>(NB).fill(0);
  for (let k = 0; k < nk; k++) rows[k]!.forEach((v, i) => (evidence[i]! += v * w[k]!));
  return {
    gainsDb: Array.from(g, (v) => Math.max(-MAX_BAND_GAIN_DB, Math.min(MAX_BAND_GAIN_DB, v - meanG))),
    uncertaintyDb: Array.from({ length: NB }, (_, i) => Math.sqrt(Math.max(0, cov[i * n + i]!))),
    evidence,
  };
}
