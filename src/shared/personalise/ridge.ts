/**
 * Weighted ridge regression from a song's embedding to the user's residual (all bands at once), with the
 * penalty chosen by exact leave-one-out error. Rows are centred and scaled by the caller.
 */
import { cholesky, choleskySolve } from './linalg.ts';

export interface RidgeFit {
  /** coef[j][b]: dB per unit of feature j for band b. */
  coef: number[][];
  lambda: number;
  /** Weighted leave-one-out squared error of this fit, summed over bands. */
  looError: number;
}

/**
 * Fits Y ≈ X B minimising Σ wᵢ‖yᵢ − xᵢB‖² + λ‖B‖² (the first `free` columns, e.g. an intercept, are not
 * penalised). Returns the leave-one-out error through the hat-matrix identity eᵢ/(1 − hᵢᵢ), exact for ridge
 * (with weights, hᵢᵢ = wᵢ xᵢᵀ A⁻¹ xᵢ, A = XᵀWX + Λ) as long as nothing else was fitted to the data: centre
 * with an intercept column, not by subtracting the data's own mean, or the estimate turns optimistic.
 */
export function fitRidge(
  x: readonly (readonly number[])[],
  y: readonly (readonly number[])[],
  w: readonly number[],
  lambda: number,
  free = 0,
): RidgeFit {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const bands = y[0]?.length ?? 0;
  const a = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const wi = w[i]!;
    for (let j = 0; j < d; j++) for (let k = 0; k <= j; k++) a[j * d + k]! += wi * xi[j]! * xi[k]!;
  }
  for (let j = 0; j < d; j++) {
    a[j * d + j]! += j < free ? 1e-9 : lambda;
    for (let k = 0; k < j; k++) a[k * d + j] = a[j * d + k]!;
  }
  const l = cholesky(a, d);
  const coef = Array.from({ length: d }, () => new Array<number>(bands).fill(0));
  for (let b = 0; b < bands; b++) {
    const rhs = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) rhs[j]! += w[i]! * x[i]![j]! * y[i]![b]!;
    const col = choleskySolve(l, d, rhs);
    for (let j = 0; j < d; j++) coef[j]![b] = col[j]!;
  }
  let looError = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const h = w[i]! * dot(xi, choleskySolve(l, d, xi));
    const denom = Math.max(1 - h, 1e-6);
    for (let b = 0; b < bands; b++) {
      let pred = 0;
      for (let j = 0; j < d; j++) pred += xi[j]! * coef[j]![b]!;
      looError += w[i]! * ((y[i]![b]! - pred) / denom) ** 2;
    }
  }
  return { coef, lambda, looError };
}

function dot(a: readonly number[], b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
