/** Feature bands (quarter octaves) -> the engine's ten octave bands, for the view and the reports. */
import { BAND_CENTERS_HZ } from '../dsp/bands.ts';

/** Engine bands whose mean is a balance's zero: 125 Hz to 4 kHz, where every track has music. */
export const CORE_BANDS: readonly number[] = [2, 3, 4, 5, 6, 7];

/**
 * Octave-band balance (dB) from per-feature-band levels: the power mean of the feature bands whose centres
 * fall inside each octave (fc/√2 to fc·√2), relative to the mean of the core bands (125 Hz-4 kHz). The
 * outer octaves vary by tens of dB from track to track (no sub-bass, a codec's low-pass); were they part
 * of the zero, they would move every other band with them.
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
  const mean = CORE_BANDS.reduce((a, b) => a + out[b]!, 0) / CORE_BANDS.length;
  return out.map((v) => v - mean);
}
