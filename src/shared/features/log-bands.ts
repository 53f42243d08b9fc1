/**
 * A filterbank of log-spaced bands over an FFT power spectrum.
 *
 * The lowest bands (about 20-60 Hz) are narrower than one FFT bin, so plain bin-summing would leave some of
 * them empty. Instead each band averages the power spectrum, linearly interpolated between bins, over its
 * edges: every band gets a value, and a flat spectrum gives the same value in every band.
 */

export interface BandFilterbank {
  /** Band edges in Hz (bandCount + 1 values). */
  edgesHz: Float64Array;
  /** Geometric centres in Hz. */
  centersHz: Float64Array;
  /** Sparse weights: for band b, bins[start[b]..start[b+1]) with weights in the same ranges. */
  start: Int32Array;
  bins: Int32Array;
  weights: Float32Array;
}

/** Sub-points per band used to integrate the interpolated spectrum; 32 keeps weights within 0.1 % of exact. */
const SUBPOINTS = 32;

export function logBandFilterbank(
  bandCount: number,
  minHz: number,
  maxHz: number,
  frameSize: number,
  sampleRateHz: number,
): BandFilterbank {
  const binHz = sampleRateHz / frameSize;
  const lastBin = frameSize / 2;
  const edgesHz = new Float64Array(bandCount + 1);
  const ratio = Math.log(maxHz / minHz) / bandCount;
  for (let i = 0; i <= bandCount; i++) edgesHz[i] = minHz * Math.exp(ratio * i);
  const centersHz = new Float64Array(bandCount);
  const start = new Int32Array(bandCount + 1);
  const bins: number[] = [];
  const weights: number[] = [];
  for (let b = 0; b < bandCount; b++) {
    const lo = edgesHz[b]!;
    const hi = edgesHz[b + 1]!;
    centersHz[b] = Math.sqrt(lo * hi);
    const acc = new Map<number, number>();
    // Sample the band uniformly in Hz (it is an average of power over frequency).
    for (let s = 0; s < SUBPOINTS; s++) {
      const f = lo + ((s + 0.5) / SUBPOINTS) * (hi - lo);
      const pos = Math.min(f / binHz, lastBin);
      const k0 = Math.min(Math.floor(pos), lastBin - 1);
      const frac = pos - k0;
      acc.set(k0, (acc.get(k0) ?? 0) + (1 - frac) / SUBPOINTS);
      acc.set(k0 + 1, (acc.get(k0 + 1) ?? 0) + frac / SUBPOINTS);
    }
    start[b] = bins.length;
    for (const [k, w] of [...acc.entries()].sort((x, y) => x[0] - y[0])) {
      if (w <= 0) continue;
      bins.push(k);
      weights.push(w);
    }
  }
  start[bandCount] = bins.length;
  return {
    edgesHz,
    centersHz,
    start,
    bins: Int32Array.from(bins),
    weights: Float32Array.from(weights),
  };
}

/** Writes the band powers of one power spectrum into out[offset .. offset + bandCount). */
export function applyFilterbank(fb: BandFilterbank, power: Float64Array, out: Float64Array): void {
  const bandCount = fb.centersHz.length;
  for (let b = 0; b < bandCount; b++) {
    let sum = 0;
    for (let i = fb.start[b]!; i < fb.start[b + 1]!; i++) sum += fb.weights[i]! * power[fb.bins[i]!]!;
    out[b] = sum;
  }
}
