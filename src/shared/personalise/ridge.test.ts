import { describe, expect, it } from 'vitest';
import { cholesky, choleskySolve } from './linalg.ts';
import { fitRidge } from './ridge.ts';
import { rng } from './synthetic-listeners.ts';

describe('ridge regression', () => {
  it('solves symmetric positive definite systems', () => {
    const a = Float64Array.from([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);
    const x = choleskySolve(cholesky(a, 3), 3, [1, 2, 3]);
    const back = [0, 1, 2].map((i) => a[i * 3]! * x[0]! + a[i * 3 + 1]! * x[1]! + a[i * 3 + 2]! * x[2]!);
    back.forEach((v, i) => expect(v).toBeCloseTo(i + 1, 12));
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/positive definite/);
  });

  it('its leave-one-out error equals refitting without each song, with weights and a free intercept', () => {
    const r = rng(11);
    const n = 14;
    const x = Array.from({ length: n }, () => [1, r.gauss(), r.gauss(), r.gauss(), r.gauss()]);
    const y = x.map((xi) => [2 * xi[1]! - xi[3]! + 0.5 * r.gauss(), xi[2]! + r.gauss()]);
    const w = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0.5 : 1));
    for (const lambda of [0.3, 3]) {
      const fit = fitRidge(x, y, w, lambda, 1);
      let brute = 0;
      for (let i = 0; i < n; i++) {
        const keep = (_: unknown, j: number) => j !== i;
        const f = fitRidge(x.filter(keep), y.filter(keep), w.filter(keep), lambda, 1);
        for (let b = 0; b < 2; b++) {
          const pred = x[i]!.reduce((s, v, j) => s + v * f.coef[j]![b]!, 0);
          brute += w[i]! * (y[i]![b]! - pred) ** 2;
        }
      }
      expect(fit.looError).toBeCloseTo(brute, 6);
    }
  });

  it('a larger penalty shrinks the coefficients; the free column is not shrunk', () => {
    const r = rng(5);
    const x = Array.from({ length: 30 }, () => [1, r.gauss(), r.gauss()]);
    const y = x.map((xi) => [10 + 3 * xi[1]! + 0.1 * r.gauss()]);
    const w = x.map(() => 1);
    const loose = fitRidge(x, y, w, 0.01, 1);
    const tight = fitRidge(x, y, w, 1000, 1);
    expect(loose.coef[1]![0]!).toBeCloseTo(3, 1);
    expect(Math.abs(tight.coef[1]![0]!)).toBeLessThan(0.3);
    // With the slopes shrunk away, the unpenalised intercept is the mean of y.
    const meanY = y.reduce((s, v) => s + v[0]!, 0) / y.length;
    expect(tight.coef[0]![0]!).toBeCloseTo(meanY, 1);
  });
});
