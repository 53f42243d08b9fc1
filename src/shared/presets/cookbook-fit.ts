/**
 * The engine's bells written as cookbook peaking filters (rbj-filters.ts) that sound like the engine.
 *
 * Our bells are matched to their analog prototype (src/shared/dsp/peaking.ts); EqualizerAPO and Peace build
 * the same parameters with the bilinear transform, which narrows bells toward Nyquist and pins them to 0 dB
 * there. Copied as they are, the engine's parameters play up to 3 dB off below 8 kHz and 10 dB off above it
 * at 48 kHz (measured over the engine's test commands). So each band's bell keeps its role, and its gain,
 * width and centre are refined (Levenberg–Marquardt, from the engine's values) until the cookbook cascade
 * at PRESET_SAMPLE_RATE_HZ matches the engine's realised response over the audible grid. The figures this
 * reaches are in docs/ENGINE.md ("Presets for other equalizers").
 */
import { BAND_COUNT, type EqDesign } from '../dsp/index.ts';
import { phiAt, sectionPower } from '../dsp/biquad-response.ts';
import { solveLinearInPlace } from '../dsp/linear-solve.ts';
import { FIT_GRID_HZ, PRESET_SAMPLE_RATE_HZ } from './curve.ts';
import { rbjSection, type ParametricFilter } from './rbj-filters.ts';

const RATE = PRESET_SAMPLE_RATE_HZ;
const N = FIT_GRID_HZ.length;
const PHIS = FIT_GRID_HZ.map((f) => phiAt(f, RATE));
const GAIN = 0;
const LN_Q = BAND_COUNT;
const SHIFT = 2 * BAND_COUNT;
const P = 3 * BAND_COUNT;
const LIMITS = { gainDb: 40, q: [0.1, 20], shiftOct: 1, maxFraction: 0.45 } as const;
const MAX_ITERATIONS = 40;
/**
 * Pulls (per octave of shift, per unit of ln Q away from the engine's value) weighed against a 1 dB residual
 * at one grid point: enough to keep each filter near its band, so the text still reads as ten bands.
 */
const SHIFT_PRIOR = 5;
const Q_PRIOR = 0.5;
const FD_STEP = 1e-4;

/** Parameter vector [gains, ln Q, octave shifts] → filters. */
function filtersOf(p: Float64Array, centersHz: ArrayLike<number>): ParametricFilter[] {
  return Array.from({ length: BAND_COUNT }, (_, k) => ({
    type: 'PK' as const,
    frequencyHz: centersHz[k]! * 2 ** p[SHIFT + k]!,
    gainDb: p[GAIN + k]!,
    q: Math.exp(p[LN_Q + k]!),
  }));
}

const scratch = new Float64Array(5);
function sectionDb(f: ParametricFilter, out: Float64Array): void {
  rbjSection(scratch, 0, f, RATE);
  for (let i = 0; i < N; i++) out[i] = 10 * Math.log10(sectionPower(scratch, 0, PHIS[i]!));
}

function clamp(p: Float64Array, centersHz: ArrayLike<number>): void {
  for (let k = 0; k < BAND_COUNT; k++) {
    p[GAIN + k] = Math.max(-LIMITS.gainDb, Math.min(LIMITS.gainDb, p[GAIN + k]!));
    p[LN_Q + k] = Math.max(Math.log(LIMITS.q[0]), Math.min(Math.log(LIMITS.q[1]), p[LN_Q + k]!));
    const up = Math.log2((LIMITS.maxFraction * RATE) / centersHz[k]!);
    p[SHIFT + k] = Math.max(-LIMITS.shiftOct, Math.min(Math.min(LIMITS.shiftOct, up), p[SHIFT + k]!));
  }
}

/**
 * Cookbook peaking filters, one per band, whose cascade at PRESET_SAMPLE_RATE_HZ best matches `targetDb`
 * (the engine's response on FIT_GRID_HZ), starting from the engine's own bells.
 */
export function cookbookBellsFor(design: EqDesign, targetDb: ArrayLike<number>): ParametricFilter[] {
  const centers = design.bellCentersHz;
  const p = new Float64Array(P);
  for (let k = 0; k < BAND_COUNT; k++) {
    p[GAIN + k] = design.bellGainsDb[k]!;
    p[LN_Q + k] = Math.log(design.bellQ[k]!);
  }
  clamp(p, centers);
  const sections = Array.from({ length: BAND_COUNT }, () => new Float64Array(N));
  const trialSections = Array.from({ length: BAND_COUNT }, () => new Float64Array(N));
  const residual = new Float64Array(N);
  /** Fills `into` with each band's response and `residual` with cascade − target; returns the squared error. */
  const lnQ0 = Array.from(design.bellQ, Math.log);
  const evaluate = (q: Float64Array, into: Float64Array[]): number => {
    filtersOf(q, centers).forEach((f, k) => sectionDb(f, into[k]!));
    let cost = 0;
    for (let i = 0; i < N; i++) {
      let r = -targetDb[i]!;
      for (let k = 0; k < BAND_COUNT; k++) r += into[k]![i]!;
      residual[i] = r;
      cost += r * r;
    }
    for (let k = 0; k < BAND_COUNT; k++)
      cost += (SHIFT_PRIOR * q[SHIFT + k]!) ** 2 + (Q_PRIOR * (q[LN_Q + k]! - lnQ0[k]!)) ** 2;
    return cost;
  };
  let cost = evaluate(p, sections);
  let lambda = 1e-3;
  const jac = new Float64Array(P * N);
  const column = new Float64Array(N);
  const normal = new Float64Array(P * P);
  const rhs = new Float64Array(P);
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    const r = Float64Array.from(residual);
    for (let j = 0; j < P; j++) {
      const k = j % BAND_COUNT;
      const probe = Float64Array.from(p);
      probe[j]! += FD_STEP;
      sectionDb(filtersOf(probe, centers)[k]!, column);
      for (let i = 0; i < N; i++) jac[j * N + i] = (column[i]! - sections[k]![i]!) / FD_STEP;
    }
    for (let a = 0; a < P; a++) {
      let s = 0;
      for (let i = 0; i < N; i++) s += jac[a * N + i]! * r[i]!;
      rhs[a] = -s;
      for (let b = 0; b < P; b++) {
        let t = 0;
        for (let i = 0; i < N; i++) t += jac[a * N + i]! * jac[b * N + i]!;
        normal[a * P + b] = t;
      }
    }
    for (let k = 0; k < BAND_COUNT; k++) {
      normal[(SHIFT + k) * P + SHIFT + k]! += SHIFT_PRIOR ** 2;
      rhs[SHIFT + k]! -= SHIFT_PRIOR ** 2 * p[SHIFT + k]!;
      normal[(LN_Q + k) * P + LN_Q + k]! += Q_PRIOR ** 2;
      rhs[LN_Q + k]! -= Q_PRIOR ** 2 * (p[LN_Q + k]! - lnQ0[k]!);
    }
    let accepted = false;
    for (let tries = 0; tries < 8 && !accepted; tries++) {
      const system = Float64Array.from(normal);
      const delta = Float64Array.from(rhs);
      for (let a = 0; a < P; a++) system[a * P + a]! += lambda * (normal[a * P + a]! + 1e-9);
      solveLinearInPlace(system, delta, P);
      const trial = p.map((v, a) => v + delta[a]!);
      clamp(trial, centers);
      const trialCost = evaluate(trial, trialSections);
      if (trialCost < cost) {
        p.set(trial);
        cost = trialCost;
        trialSections.forEach((s, k) => sections[k]!.set(s));
        lambda = Math.max(lambda / 3, 1e-7);
        accepted = true;
      } else {
        lambda *= 10;
      }
    }
    // On acceptance `residual` and `sections` already hold the accepted point (its evaluation came last).
    if (!accepted || cost < 1e-6) break;
  }
  return filtersOf(p, centers);
}
