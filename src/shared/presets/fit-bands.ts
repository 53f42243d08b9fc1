/**
 * Fits our ten band gains to a curve given some other way (a GraphicEQ at other frequencies, parametric
 * filters): the command whose realised engine response is closest, in least squares over the 1/24-octave
 * grid, to the curve; and how close that is.
 *
 * Two starting points, each refined, and the better result kept:
 *  - the command read off the curve at the engine's 19 design points (band centres and midpoints, where the
 *    engine promises to meet its command, src/shared/dsp/bands.ts): a linear least-squares problem. For a
 *    curve the engine itself drew this is already the answer, which a search from elsewhere may miss: the
 *    design's response between design points can jump between nearby commands (its solver has more than one
 *    good solution), so the error surface has shallow local minima;
 *  - chord steps from flat: the response's sensitivity to each band around flat, taken once, maps each
 *    residual to a correction; each step measures the real response of the corrected command. This follows
 *    curves that are not drawn by the engine, between its design points too.
 * Refinement is Levenberg–Marquardt on the measured sensitivity at the current command.
 */
import { BAND_COUNT, designPointsHz, eqResponseDb, MAX_BAND_GAIN_DB } from '../dsp/index.ts';
import { solveLinearInPlace } from '../dsp/linear-solve.ts';
import { FIT_GRID_HZ, PRESET_SAMPLE_RATE_HZ } from './curve.ts';

export interface BandFit {
  /** Ten band gains in dB, within ±MAX_BAND_GAIN_DB. */
  gainsDb: number[];
  /** Largest and root-mean-square distance (dB) between the engine's response and the curve over the grid. */
  maxErrorDb: number;
  rmsErrorDb: number;
  /** Bands held at ±MAX_BAND_GAIN_DB because the curve asks for more. */
  clampedBands: number;
}

const CHORD_STEPS = 25;
const LM_STEPS = 20;
const STOP_STEP_DB = 1e-3;
/** Probe sizes for the response's sensitivity to a band: around flat, and around a fitted command. */
const PROBE_DB = 1;
const FD_STEP_DB = 0.01;

type Matrix = Float64Array[];

/** J (one row per band: its effect on the grid, dB per dB) and a residual → (JᵀJ + λ·diag JᵀJ)⁻¹ Jᵀ r. */
function leastSquaresStep(jac: Matrix, residualDb: ArrayLike<number>, lambda = 0): Float64Array {
  const system = new Float64Array(BAND_COUNT * BAND_COUNT);
  const rhs = new Float64Array(BAND_COUNT);
  for (let a = 0; a < BAND_COUNT; a++) {
    let s = 0;
    for (let i = 0; i < residualDb.length; i++) s += jac[a]![i]! * residualDb[i]!;
    rhs[a] = s;
    for (let b = 0; b < BAND_COUNT; b++) {
      let t = 0;
      for (let i = 0; i < residualDb.length; i++) t += jac[a]![i]! * jac[b]![i]!;
      system[a * BAND_COUNT + b] = t;
    }
    system[a * BAND_COUNT + a] = system[a * BAND_COUNT + a]! * (1 + lambda) + 1e-9;
  }
  solveLinearInPlace(system, rhs, BAND_COUNT);
  return rhs;
}

/** The response's sensitivity to each band around `gains`, by finite differences of size `h` dB. */
function sensitivityAt(gains: ArrayLike<number>, h: number): Matrix {
  const base = eqResponseDb(gains, PRESET_SAMPLE_RATE_HZ, FIT_GRID_HZ);
  return Array.from({ length: BAND_COUNT }, (_, k) => {
    const probe = Float64Array.from(gains);
    // Probe inward at the limit, where the design would clamp an outward probe.
    const step = probe[k]! + h > MAX_BAND_GAIN_DB ? -h : h;
    probe[k]! += step;
    const r = eqResponseDb(probe, PRESET_SAMPLE_RATE_HZ, FIT_GRID_HZ);
    return r.map((v, i) => (v - base[i]!) / step);
  });
}

let aroundFlat: Matrix | null = null;

/** Each design point's command target as a combination of the bands: a centre is its band, a midpoint the mean. */
const DESIGN_POINT_ROWS: Matrix = designPointsHz().map((_, p) => {
  const row = new Float64Array(BAND_COUNT);
  if (p % 2 === 0) row[p / 2] = 1;
  else row[(p - 1) / 2] = row[(p + 1) / 2] = 0.5;
  return row;
});

/** Linear interpolation of a grid curve at a frequency inside the grid. */
function onGrid(targetDb: ArrayLike<number>, fHz: number): number {
  const x = 24 * Math.log2(fHz / FIT_GRID_HZ[0]!);
  const i = Math.max(0, Math.min(FIT_GRID_HZ.length - 2, Math.floor(x)));
  const t = x - i;
  return targetDb[i]! * (1 - t) + targetDb[i + 1]! * t;
}

const clampGain = (g: number) => Math.max(-MAX_BAND_GAIN_DB, Math.min(MAX_BAND_GAIN_DB, g));

interface Candidate {
  gains: Float64Array;
  r: Float64Array;
  cost: number;
}

/** `targetDb`: the curve at each point of FIT_GRID_HZ. */
export function fitBandsToCurve(targetDb: ArrayLike<number>): BandFit {
  if (targetDb.length !== FIT_GRID_HZ.length)
    throw new RangeError(`a curve to fit has ${FIT_GRID_HZ.length} points, got ${targetDb.length}`);
  const measure = (gains: Float64Array): Candidate => {
    const r = eqResponseDb(gains, PRESET_SAMPLE_RATE_HZ, FIT_GRID_HZ);
    let cost = 0;
    for (let i = 0; i < r.length; i++) {
      r[i] = targetDb[i]! - r[i]!;
      cost += r[i]! ** 2;
    }
    return { gains, r, cost };
  };

  // Start 1: the curve read at the design points.
  const atPoints = designPointsHz().map((f) => onGrid(targetDb, f));
  const columns: Matrix = Array.from({ length: BAND_COUNT }, (_, k) =>
    DESIGN_POINT_ROWS.map((row) => row[k]!),
  ).map((c) => Float64Array.from(c));
  const fromPoints = refine(measure(leastSquaresStep(columns, atPoints).map(clampGain)), measure);

  // Start 2: chord steps from flat.
  aroundFlat ??= sensitivityAt(new Float64Array(BAND_COUNT), PROBE_DB);
  let current = measure(leastSquaresStep(aroundFlat, targetDb).map(clampGain));
  let best = current;
  for (let n = 0; n < CHORD_STEPS; n++) {
    const d = leastSquaresStep(aroundFlat, current.r);
    const next = measure(current.gains.map((g, k) => clampGain(g + d[k]!)));
    const moved = next.gains.reduce((m, g, k) => Math.max(m, Math.abs(g - current.gains[k]!)), 0);
    current = next;
    if (current.cost < best.cost) best = current;
    if (moved < STOP_STEP_DB) break;
  }
  best = refine(best, measure);
  if (fromPoints.cost <= best.cost) best = fromPoints;

  const maxErrorDb = best.r.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  // A band at the limit counts as clamped when the curve still pulls it further out.
  const pull = leastSquaresStep(aroundFlat, best.r);
  const clampedBands = best.gains.filter(
    (g, k) => Math.abs(g) >= MAX_BAND_GAIN_DB && pull[k]! * Math.sign(g) > 0.05,
  ).length;
  return {
    gainsDb: Array.from(best.gains),
    maxErrorDb,
    rmsErrorDb: Math.sqrt(best.cost / best.r.length),
    clampedBands,
  };
}

/** Levenberg–Marquardt from a candidate; the sensitivity is measured again only after a step is taken. */
function refine(start: Candidate, measure: (g: Float64Array) => Candidate): Candidate {
  let best = start;
  let jac = sensitivityAt(best.gains, FD_STEP_DB);
  let lambda = 1e-3;
  for (let n = 0; n < LM_STEPS; n++) {
    const d = leastSquaresStep(jac, best.r, lambda);
    const trial = measure(best.gains.map((g, k) => clampGain(g + d[k]!)));
    if (trial.cost < best.cost) {
      const moved = trial.gains.reduce((m, g, k) => Math.max(m, Math.abs(g - best.gains[k]!)), 0);
      best = trial;
      if (moved < STOP_STEP_DB) break;
      lambda = Math.max(lambda / 3, 1e-7);
      jac = sensitivityAt(best.gains, FD_STEP_DB);
    } else if ((lambda *= 10) > 1e3) break;
  }
  return best;
}
