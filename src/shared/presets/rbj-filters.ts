/**
 * The filters other equalizers build from a parametric text: the Audio EQ Cookbook's bilinear biquads
 * (R. Bristow-Johnson), which EqualizerAPO, Peace and most tools use for "PK", "LS"/"LSC" and "HS"/"HSC".
 * We need their realised response to know what a parametric file sounds like in those tools: for its preamp
 * (so it never boosts above 0 dB) and for fitting an imported file to our bands. Our own engine designs its
 * bells differently (matched to the analog prototype, src/shared/dsp/peaking.ts), so the two agree in
 * parameters and differ only where the bilinear transform cramps bands near Nyquist.
 */
import { cascadeResponseDb, SECTION_STRIDE } from '../dsp/index.ts';

export type ParametricType = 'PK' | 'LS' | 'HS';

export interface ParametricFilter {
  type: ParametricType;
  frequencyHz: number;
  gainDb: number;
  /** Quality factor (PK; shelves when given). */
  q?: number;
  /** Bandwidth in octaves, EqualizerAPO's other way of giving a PK's width (used when q is absent). */
  bandwidthOct?: number;
  /** Shelf slope S as EqualizerAPO counts it (1 = steepest without overshoot); used when q is absent. */
  slope?: number;
}

/** Writes one cookbook section [b0, b1, b2, a1, a2] (a0 normalised to 1) at `offset`. */
export function rbjSection(out: Float64Array, offset: number, f: ParametricFilter, sampleRate: number): void {
  const a = 10 ** (f.gainDb / 40);
  const w0 = (2 * Math.PI * Math.min(f.frequencyHz, sampleRate * 0.4999)) / sampleRate;
  const sn = Math.sin(w0);
  const cs = Math.cos(w0);
  let b0: number, b1: number, b2: number, a0: number, a1: number, a2: number;
  if (f.type === 'PK') {
    const alpha =
      f.q === undefined && f.bandwidthOct !== undefined
        ? sn * Math.sinh(((Math.LN2 / 2) * f.bandwidthOct * w0) / sn)
        : sn / (2 * (f.q ?? Math.SQRT2));
    [b0, b1, b2] = [1 + alpha * a, -2 * cs, 1 - alpha * a];
    [a0, a1, a2] = [1 + alpha / a, -2 * cs, 1 - alpha / a];
  } else {
    const alpha =
      f.q !== undefined ? sn / (2 * f.q) : (sn / 2) * Math.sqrt((a + 1 / a) * (1 / (f.slope ?? 0.9) - 1) + 2);
    const beta = 2 * Math.sqrt(a) * alpha;
    const s = f.type === 'LS' ? 1 : -1; // the high shelf is the low shelf with cos(w0) and b1/a1 signs flipped
    b0 = a * (a + 1 - s * (a - 1) * cs + beta);
    b1 = s * 2 * a * (a - 1 - s * (a + 1) * cs);
    b2 = a * (a + 1 - s * (a - 1) * cs - beta);
    a0 = a + 1 + s * (a - 1) * cs + beta;
    a1 = -s * 2 * (a - 1 + s * (a + 1) * cs);
    a2 = a + 1 + s * (a - 1) * cs - beta;
  }
  out[offset] = b0 / a0;
  out[offset + 1] = b1 / a0;
  out[offset + 2] = b2 / a0;
  out[offset + 3] = a1 / a0;
  out[offset + 4] = a2 / a0;
}

/** Response (dB) of a cascade of parametric filters, as those tools realise it at `sampleRate`. */
export function parametricResponseDb(
  filters: readonly ParametricFilter[],
  freqsHz: ArrayLike<number>,
  sampleRate: number,
): Float64Array {
  const sos = new Float64Array(Math.max(1, filters.length) * SECTION_STRIDE);
  if (filters.length === 0) sos[0] = 1;
  filters.forEach((f, k) => rbjSection(sos, k * SECTION_STRIDE, f, sampleRate));
  return cascadeResponseDb(sos, freqsHz, sampleRate);
}
