/**
 * Fractional-octave smoothing of a magnitude spectrum for display, as analysers for engineers show it: each
 * display frequency f gets the mean power of the FFT bins between f·2^(−1/2N) and f·2^(1/2N) (1/N octave),
 * so the low end keeps its detail and the top is not a comb of noise. An optional tilt (dB per octave,
 * about 1 kHz) makes music with a typical balance (falling about 4.5 dB per octave) look flat.
 *
 * Built once per (bins, rate, display points, fraction); smooth() allocates nothing, so a display can call it
 * every frame. A prefix sum of the bins' power makes each point O(1): cost is O(bins + points).
 */

/** The pivot of the tilt: the spectrum is unchanged at this frequency. */
export const TILT_PIVOT_HZ = 1000;
/** The tilt that makes typical music look flat (dB per octave). */
export const MUSIC_TILT_DB_PER_OCTAVE = 4.5;

export class OctaveSmoother {
  /** First bin (inclusive) and last bin (exclusive) averaged for each display point. */
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  /** log2(f / pivot) of each display point, for the tilt. */
  private readonly octaves: Float64Array;
  private readonly prefix: Float64Array;

  /**
   * @param binCount bins of the spectrum (fftSize / 2), bin k centred on k·binHz
   * @param binHz sampleRate / fftSize
   * @param frequenciesHz the display points
   * @param fraction N of 1/N octave (1, 3, 6, 12…)
   */
  constructor(
    readonly binCount: number,
    readonly binHz: number,
    readonly frequenciesHz: ArrayLike<number>,
    readonly fraction: number,
  ) {
    const n = frequenciesHz.length;
    this.lo = new Int32Array(n);
    this.hi = new Int32Array(n);
    this.octaves = new Float64Array(n);
    this.prefix = new Float64Array(binCount + 1);
    const half = 2 ** (1 / (2 * fraction));
    for (let i = 0; i < n; i++) {
      const f = frequenciesHz[i]!;
      // Bins whose centre lies inside the band; at least the bin nearest to f (a band narrower than a bin).
      let lo = Math.ceil(f / half / binHz);
      let hi = Math.floor((f * half) / binHz) + 1;
      if (hi <= lo) {
        lo = Math.round(f / binHz);
        hi = lo + 1;
      }
      this.lo[i] = Math.min(Math.max(lo, 1), binCount - 1);
      this.hi[i] = Math.min(Math.max(hi, this.lo[i]! + 1), binCount);
      this.octaves[i] = Math.log2(f / TILT_PIVOT_HZ);
    }
  }

  /**
   * Smooths `spectrumDb` (dB per bin, as AnalyserNode.getFloatFrequencyData gives it; −Infinity is silence)
   * into `out` (dB per display point), tilted by `tiltDbPerOctave`. Silence stays −Infinity.
   */
  smooth(spectrumDb: ArrayLike<number>, out: Float32Array, tiltDbPerOctave = 0): Float32Array {
    const p = this.prefix;
    let sum = 0;
    p[0] = 0;
    for (let k = 0; k < this.binCount; k++) {
      const db = spectrumDb[k]!;
      // 10^(dB/10) without Math.pow's generality; −Infinity gives 0.
      sum += db > -400 ? Math.exp(db * 0.23025850929940458) : 0;
      p[k + 1] = sum;
    }
    for (let i = 0; i < out.length; i++) {
      const lo = this.lo[i]!;
      const hi = this.hi[i]!;
      const mean = (p[hi]! - p[lo]!) / (hi - lo);
      out[i] = mean > 0 ? 4.342944819032518 * Math.log(mean) + tiltDbPerOctave * this.octaves[i]! : -Infinity;
    }
    return out;
  }
}

/** `count` frequencies spaced evenly in log frequency from `fromHz` to `toHz` (both included). */
export function logFrequencies(fromHz: number, toHz: number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = fromHz * (toHz / fromHz) ** (count === 1 ? 0 : i / (count - 1));
  return out;
}
