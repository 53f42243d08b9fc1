/** Model outputs -> the suggestion. */

/** Removes the mean over bands: the model suggests a shape; level is matched elsewhere. */
export function removeMean(gains: ArrayLike<number>): number[] {
  const arr = Array.from(gains);
  const mean = arr.reduce((a, b) => a + b, 0) / arr.length;
  return arr.map((g) => g - mean);
}
