/** Feature bands (quarter octaves) -> the engine's ten octave bands, for the view and the reports. */
import { BAND_CENTERS_HZ } from '../dsp/bands.ts';

/**
 * Octave-band balance (dB, mean over bands removed) from per-feature-band levels: the power mean of the
 * feature bands whose centres fall inside each octave (fc/√2 to fc·√2).
 */
export function octaveBalance(levelDb: readonly number[], bandsHz: readonly number[]): number[] {
  const out = BAND_CENTERS_HZ.map((fc) => {
    let p = 0;
    let n = 0;
    bandsHz.forEach((f, k) => {
      if (f >= fc / Math.SQRT2 && f < fc * Math.SQRT2) {
        p += 10 ** (levelDb[k]! / 10);
        n++;
      }
    });
    return 10 * Math.log10(p / Math.max(1, n) + 1e-30);
  });
  const mean = out.reduce((a, v) => a + v, 0) / out.length;
  return out.map((v) => v - mean);
}
