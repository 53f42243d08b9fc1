/** Model outputs -> the suggestion: per-window gains aggregated over a song, as the contract specifies. */
import type { ModelContract } from './contract.ts';
import { CONTRACT } from './contract.ts';

/** Removes the mean over bands: the model suggests a shape; level is matched elsewhere. */
export function removeMean(gains: ArrayLike<number>): number[] {
  const arr = Array.from(gains);
  const mean = arr.reduce((a, b) => a + b, 0) / arr.length;
  return arr.map((g) => g - mean);
}

/**
 * Mean of the per-window gains over the non-silent windows, mean over bands removed, clamped to the
 * engine's range. `gains` is [windows, bandCount] row-major.
 */
/** The windows a song's suggestion averages: the non-silent ones, or all of them if every one is silent. */
export function songWindowIndices(meanRmsDb: readonly number[], c: ModelContract = CONTRACT): number[] {
  const loud = meanRmsDb.map((r, i) => (r > c.input.silentWindowRmsDb ? i : -1)).filter((i) => i >= 0);
  return loud.length > 0 ? loud : meanRmsDb.map((_, i) => i);
}

export function aggregateWindows(
  gains: Float32Array,
  meanRmsDb: readonly number[],
  c: ModelContract = CONTRACT,
): number[] {
  const bands = c.output.bandCentersHz.length;
  const windows = meanRmsDb.length;
  if (gains.length !== windows * bands)
    throw new Error(`gains has ${gains.length} values, expected ${windows * bands}`);
  const use = songWindowIndices(meanRmsDb, c);
  const sum = new Array<number>(bands).fill(0);
  for (const w of use) for (let b = 0; b < bands; b++) sum[b]! += gains[w * bands + b]!;
  const limit = c.output.maxAbsGainDb;
  return removeMean(sum.map((s) => s / use.length)).map((g) => Math.max(-limit, Math.min(limit, g)));
}
