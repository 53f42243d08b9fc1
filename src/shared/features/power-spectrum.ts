import FFT from 'fft.js';

/**
 * Power spectrum of Hann-windowed frames with fft.js's real transform (about 20x faster than meyda's MFCC
 * per frame). Power is scaled so that a full-scale sine at a bin centre reads 1.0 (0 dB) in that bin.
 */
export class PowerSpectrum {
  readonly size: number;
  private readonly fft: FFT;
  private readonly window: Float64Array;
  private readonly frame: Float64Array;
  private readonly spectrum: number[];
  private readonly scale: number;

  constructor(size: number) {
    if (!Number.isInteger(Math.log2(size)) || size < 16)
      throw new Error(`frame size ${size} is not a power of two`);
    this.size = size;
    this.fft = new FFT(size);
    this.window = new Float64Array(size);
    let windowSum = 0;
    for (let i = 0; i < size; i++) {
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
      this.window[i] = w;
      windowSum += w;
    }
    this.frame = new Float64Array(size);
    this.spectrum = this.fft.createComplexArray() as number[];
    // |X|^2 of a unit sine is (windowSum / 2)^2 at its bin.
    this.scale = 1 / ((windowSum / 2) * (windowSum / 2));
  }

  /** Power of bins 0..size/2 of the frame starting at `start` (zero-padded past the end) into `out`. */
  compute(signal: Float32Array, start: number, out: Float64Array): void {
    const n = this.size;
    const avail = Math.max(0, Math.min(n, signal.length - start));
    for (let i = 0; i < avail; i++) this.frame[i] = signal[start + i]! * this.window[i]!;
    this.frame.fill(0, avail);
    this.fft.realTransform(this.spectrum, this.frame);
    const s = this.spectrum;
    for (let k = 0; k <= n / 2; k++) {
      const re = s[2 * k]!;
      const im = s[2 * k + 1]!;
      out[k] = (re * re + im * im) * this.scale;
    }
  }
}
