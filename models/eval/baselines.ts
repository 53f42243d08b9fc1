/**
 * The baselines the model must beat, all predicting the correction's shape (mean over bands removed):
 * - zero: do nothing;
 * - spectrum match: move the window's long-term average spectrum (LTAS) to the training corpus's mean
 *   profile, as a reference-matching tool would;
 * - shrunk spectrum match: the same, scaled per band by varEq / (varEq + varNatural), the least-squares
 *   optimal shrinkage when the observed deviation is EQ plus natural track-to-track variation.
 */
import { removeMean } from '../../src/shared/model/index.ts';

/** Octave-band LTAS (dB) at the engine's centres from the quarter-octave LTAS: power mean of the bands inside. */
export function octaveLtas(
  ltasDb: ArrayLike<number>,
  bandCentersHz: Float64Array,
  octaveCentersHz: readonly number[],
) {
  return octaveCentersHz.map((fc) => {
    let p = 0;
    let n = 0;
    for (let b = 0; b < bandCentersHz.length; b++) {
      const f = bandCentersHz[b]!;
      if (f >= fc / Math.SQRT2 && f < fc * Math.SQRT2) {
        p += 10 ** (ltasDb[b]! / 10);
        n++;
      }
    }
    return 10 * Math.log10(p / Math.max(n, 1) + 1e-20);
  });
}

export interface BaselineStats {
  /** Corpus mean octave profile (mean removed), from untouched training windows. */
  profile: number[];
  /** Per-band shrink factor varEq / (varEq + varNatural). */
  shrink: number[];
  varEq: number[];
  varNatural: number[];
}

/** `shapes`: mean-removed octave LTAS of untouched training windows; `targets`: training targets. */
export function fitBaselines(shapes: number[][], targets: number[][]): BaselineStats {
  const bands = shapes[0]!.length;
  const mean = (rows: number[][], b: number) => rows.reduce((s, r) => s + r[b]!, 0) / rows.length;
  const variance = (rows: number[][], b: number) => {
    const m = mean(rows, b);
    return rows.reduce((s, r) => s + (r[b]! - m) ** 2, 0) / rows.length;
  };
  const profile = removeMean(Array.from({ length: bands }, (_, b) => mean(shapes, b)));
  const varNatural = Array.from({ length: bands }, (_, b) => variance(shapes, b));
  const varEq = Array.from({ length: bands }, (_, b) => variance(targets, b));
  const shrink = varEq.map((v, b) => v / (v + varNatural[b]!));
  return { profile, shrink, varEq, varNatural };
}

export function spectrumMatch(shape: readonly number[], stats: BaselineStats): number[] {
  return removeMean(stats.profile.map((p, b) => p - shape[b]!));
}

export function shrunkSpectrumMatch(shape: readonly number[], stats: BaselineStats): number[] {
  return removeMean(spectrumMatch(shape, stats).map((g, b) => g * stats.shrink[b]!));
}
