/**
 * From a 10-band command (dB) to ten bell filters whose cascade realises it.
 *
 * Setting each bell's gain to its band's command misses by up to 6 dB, because neighbouring bells overlap.
 * The accurate cascade graphic equalizer of Välimäki & Liski (IEEE SPL 24(2), 2017) solves for the bell gains
 * by least squares over the 19 design points (centres and midpoints) and reaches about 0.66 dB on random
 * commands, but not on extreme ones (+12, +12, −12 … next to Nyquist), where a gain-only solution cannot
 * bend fast enough. We keep its idea and give the solver more of each bell: gain, width (ln Q) and a small
 * shift of its centre (at most MAX_SHIFT_OCT), solved by Levenberg–Marquardt on the realised digital
 * response of the matched bells (peaking.ts), with a light pull of width and shift toward the octave
 * defaults so the problem stays well posed. The kernel still runs ten biquads. The worst case over random
 * and extreme commands is measured by `npm run --silent eq -- accuracy` and recorded in docs/ENGINE.md.
 *
 * Bands whose centre is too close to Nyquist for the sample rate (16 kHz below 40 kHz, …) cannot be
 * realised: their bells stay flat and their design points are ignored.
 */
import {
  BAND_CENTERS_HZ,
  BAND_COUNT,
  designPointTargetsDb,
  designPointsHz,
  isBandRealisable,
  MAX_BAND_FRACTION,
  validateCommand,
} from './bands.ts';
import { phiAt, SECTION_STRIDE, sectionPower } from './biquad-response.ts';
import { solveLinearInPlace } from './linear-solve.ts';
import { designBell } from './peaking.ts';

/** Octave bell quality factor the solver pulls toward. */
export const DEFAULT_BELL_Q = 1.6;
const Q_RANGE = [0.3, 10] as const;
/** Limit on any single bell's gain, so an extreme command cannot ask for an absurd filter. */
const MAX_BELL_GAIN_DB = 36;
/** Largest move of a bell's centre away from its band centre, in octaves. */
const MAX_SHIFT_OCT = 0.35;
/** Pulls (per unit of ln Q and per octave of shift) weighed against a 1 dB residual. */
const Q_PRIOR_WEIGHT = 0.005;
const SHIFT_PRIOR_WEIGHT = 0.02;
const MAX_ITERATIONS = 60;
/** The first iterations move the gains only (the classic design); widths and shifts start from there. */
const GAIN_ONLY_ITERATIONS = 3;
/** Start widths, tried in turn while the result is worse than GOOD_ENOUGH_DB (escapes local minima). */
const START_Q = [1.6, 3, 1];
const GOOD_ENOUGH_DB = 0.2;
/** Stop iterating once no design point is further than this from its target. */
const TOLERANCE_DB = 0.02;
const FD_STEP = 1e-4;

export interface EqDesign {
  readonly sampleRate: number;
  /** The command after validation and clamping to ±12 dB. */
  readonly commandDb: Float64Array;
  /** Per bell: the gain (dB), quality factor and centre (Hz) the solver chose. */
  readonly bellGainsDb: Float64Array;
  readonly bellQ: Float64Array;
  readonly bellCentersHz: Float64Array;
  /** Ten sections [b0, b1, b2, a1, a2] back to back: what the kernel runs. */
  readonly sos: Float64Array;
  /** Largest distance (dB) between realised response and command over the realisable design points. */
  readonly worstErrorDb: number;
}

const POINTS_HZ = designPointsHz();
const N_POINTS = POINTS_HZ.length;
const N_PARAMS = 3 * BAND_COUNT;
const GAIN = 0;
const LN_Q = BAND_COUNT;
const SHIFT = 2 * BAND_COUNT;

/** Everything fixed for one design: targets, where to evaluate, which bands and points take part. */
interface Problem {
  readonly sampleRate: number;
  readonly targets: Float64Array;
  readonly phis: Float64Array;
  /** 1 where a design point is realisable, 0 where it is ignored. */
  readonly pointWeights: Float64Array;
  readonly activeBands: number;
  /** Per band, the largest upward shift (octaves) that keeps the bell below the realisable limit. */
  readonly maxShiftUp: Float64Array;
  readonly scratch: Float64Array;
}

function centerHz(p: Float64Array, k: number): number {
  return BAND_CENTERS_HZ[k]! * 2 ** p[SHIFT + k]!;
}

/** Adds sign × bell's dB response at the design points to `out`. */
function addBell(pr: Problem, fHz: number, gainDb: number, q: number, out: Float64Array, sign: number): void {
  designBell(pr.scratch, 0, fHz, gainDb, q, pr.sampleRate);
  for (let i = 0; i < N_POINTS; i++)
    out[i]! += sign * 10 * Math.log10(sectionPower(pr.scratch, 0, pr.phis[i]!));
}

function clampParams(pr: Problem, p: Float64Array): void {
  for (let k = 0; k < BAND_COUNT; k++) {
    const active = k < pr.activeBands;
    p[GAIN + k] = active ? Math.max(-MAX_BELL_GAIN_DB, Math.min(MAX_BELL_GAIN_DB, p[GAIN + k]!)) : 0;
    p[LN_Q + k] = Math.max(Math.log(Q_RANGE[0]), Math.min(Math.log(Q_RANGE[1]), p[LN_Q + k]!));
    p[SHIFT + k] = active ? Math.max(-MAX_SHIFT_OCT, Math.min(pr.maxShiftUp[k]!, p[SHIFT + k]!)) : 0;
  }
}

/** Fills `out` with (target − realised) at the design points; returns [cost, worst |error|]. */
function evaluate(pr: Problem, p: Float64Array, out: Float64Array): [number, number] {
  out.set(pr.targets);
  for (let k = 0; k < pr.activeBands; k++)
    addBell(pr, centerHz(p, k), p[GAIN + k]!, Math.exp(p[LN_Q + k]!), out, -1);
  let cost = 0;
  let worst = 0;
  for (let i = 0; i < N_POINTS; i++) {
    out[i] = out[i]! * pr.pointWeights[i]!;
    cost += out[i]! ** 2;
    worst = Math.max(worst, Math.abs(out[i]!));
  }
  for (let k = 0; k < pr.activeBands; k++) {
    cost += (Q_PRIOR_WEIGHT * (p[LN_Q + k]! - Math.log(DEFAULT_BELL_Q))) ** 2;
    cost += (SHIFT_PRIOR_WEIGHT * p[SHIFT + k]!) ** 2;
  }
  return [cost, worst];
}

/** Gauss–Newton normal equations (Jᵀ J + priors) and right-hand side Jᵀ r at p. */
function buildNormal(
  pr: Problem,
  p: Float64Array,
  residual: Float64Array,
  gainsOnly: boolean,
  normal: Float64Array,
  rhs: Float64Array,
): void {
  const jac = new Float64Array(N_PARAMS * N_POINTS);
  const col = new Float64Array(N_POINTS);
  for (let j = 0; j < N_PARAMS; j++) {
    const k = j % BAND_COUNT;
    const kind = j - k;
    if (k >= pr.activeBands || (gainsOnly && kind !== GAIN)) continue;
    const f = centerHz(p, k);
    const g = p[GAIN + k]!;
    const q = Math.exp(p[LN_Q + k]!);
    col.fill(0);
    addBell(
      pr,
      kind === SHIFT ? f * 2 ** FD_STEP : f,
      kind === GAIN ? g + FD_STEP : g,
      kind === LN_Q ? q * Math.exp(FD_STEP) : q,
      col,
      1,
    );
    addBell(pr, f, g, q, col, -1);
    for (let i = 0; i < N_POINTS; i++) jac[j * N_POINTS + i] = (col[i]! * pr.pointWeights[i]!) / FD_STEP;
  }
  const priors = [0, Q_PRIOR_WEIGHT ** 2, SHIFT_PRIOR_WEIGHT ** 2];
  const priorCentre = [0, Math.log(DEFAULT_BELL_Q), 0];
  for (let a = 0; a < N_PARAMS; a++) {
    const kindA = Math.floor(a / BAND_COUNT);
    const frozen = a % BAND_COUNT >= pr.activeBands || (gainsOnly && kindA !== 0);
    let s = 0;
    for (let i = 0; i < N_POINTS; i++) s += jac[a * N_POINTS + i]! * residual[i]!;
    rhs[a] = frozen ? 0 : s - priors[kindA]! * (p[a]! - priorCentre[kindA]!);
    for (let b = 0; b < N_PARAMS; b++) {
      let t = 0;
      for (let i = 0; i < N_POINTS; i++) t += jac[a * N_POINTS + i]! * jac[b * N_POINTS + i]!;
      if (a === b) t += frozen ? 1 : priors[kindA]!;
      normal[a * N_PARAMS + b] = t;
    }
  }
}

/** Levenberg–Marquardt from start width q0; returns the parameters and the worst error they reach. */
function solve(pr: Problem, commandDb: Float64Array, q0: number): { params: Float64Array; worst: number } {
  const p = new Float64Array(N_PARAMS);
  for (let k = 0; k < BAND_COUNT; k++) {
    p[GAIN + k] = commandDb[k]!;
    p[LN_Q + k] = Math.log(q0);
  }
  clampParams(pr, p);
  const residual = new Float64Array(N_POINTS);
  const trialResidual = new Float64Array(N_POINTS);
  const normal = new Float64Array(N_PARAMS * N_PARAMS);
  const rhs = new Float64Array(N_PARAMS);
  const system = new Float64Array(N_PARAMS * N_PARAMS);
  const step = new Float64Array(N_PARAMS);
  const trial = new Float64Array(N_PARAMS);
  let [cost, worst] = evaluate(pr, p, residual);
  let lambda = 1e-3;
  for (let it = 0; it < MAX_ITERATIONS && worst > TOLERANCE_DB; it++) {
    buildNormal(pr, p, residual, it < GAIN_ONLY_ITERATIONS, normal, rhs);
    let accepted = false;
    for (let tries = 0; tries < 8 && !accepted; tries++) {
      system.set(normal);
      step.set(rhs);
      for (let a = 0; a < N_PARAMS; a++)
        system[a * N_PARAMS + a]! += lambda * (normal[a * N_PARAMS + a]! + 1e-9);
      solveLinearInPlace(system, step, N_PARAMS);
      for (let a = 0; a < N_PARAMS; a++) trial[a] = p[a]! + step[a]!;
      clampParams(pr, trial);
      const [trialCost, trialWorst] = evaluate(pr, trial, trialResidual);
      if (trialCost < cost) {
        p.set(trial);
        residual.set(trialResidual);
        [cost, worst] = [trialCost, trialWorst];
        lambda = Math.max(lambda / 3, 1e-7);
        accepted = true;
      } else {
        lambda *= 10;
      }
    }
    if (!accepted) break;
  }
  return { params: p, worst };
}

/** Designs the cascade for a command at a sample rate. Pure; a few milliseconds. */
export function designGraphicEq(command: ArrayLike<number>, sampleRate: number): EqDesign {
  if (!(sampleRate >= 8000 && sampleRate <= 768000))
    throw new RangeError(`unsupported sample rate ${sampleRate}`);
  const commandDb = validateCommand(command);
  // Design points above the highest realisable band centre are clamped there (and weigh nothing).
  const limitHz = sampleRate * MAX_BAND_FRACTION;
  const activeBands = BAND_CENTERS_HZ.filter((_, b) => isBandRealisable(b, sampleRate)).length;
  // Design point i is centre i/2 or the midpoint after it; it counts only if every band it depends on is active.
  const pointActive = (i: number): boolean => Math.ceil(i / 2) < activeBands;
  const pr: Problem = {
    sampleRate,
    targets: Float64Array.from(designPointTargetsDb(commandDb)),
    phis: Float64Array.from(POINTS_HZ, (f) => phiAt(Math.min(f, limitHz), sampleRate)),
    pointWeights: Float64Array.from(POINTS_HZ, (_, i) => (pointActive(i) ? 1 : 0)),
    activeBands,
    maxShiftUp: Float64Array.from(BAND_CENTERS_HZ, (f) =>
      Math.max(0, Math.min(MAX_SHIFT_OCT, Math.log2(limitHz / f))),
    ),
    scratch: new Float64Array(SECTION_STRIDE),
  };
  let best: { params: Float64Array; worst: number } | undefined;
  for (const q0 of START_Q) {
    const s = solve(pr, commandDb, q0);
    if (!best || s.worst < best.worst) best = s;
    if (best.worst <= GOOD_ENOUGH_DB) break;
  }
  const p = best!.params;
  const sos = new Float64Array(BAND_COUNT * SECTION_STRIDE);
  const bellQ = new Float64Array(BAND_COUNT);
  const bellCentersHz = new Float64Array(BAND_COUNT);
  for (let k = 0; k < BAND_COUNT; k++) {
    bellQ[k] = Math.exp(p[LN_Q + k]!);
    bellCentersHz[k] = centerHz(p, k);
    if (k < pr.activeBands) {
      designBell(sos, k * SECTION_STRIDE, bellCentersHz[k]!, p[GAIN + k]!, bellQ[k]!, sampleRate);
    } else {
      sos[k * SECTION_STRIDE] = 1; // a band above the realisable range: exact pass-through
    }
  }
  return {
    sampleRate,
    commandDb,
    bellGainsDb: p.slice(0, BAND_COUNT),
    bellQ,
    bellCentersHz,
    sos,
    worstErrorDb: best!.worst,
  };
}
