/**
 * True peak (ITU-R BS.1770-4 Annex 2): the largest absolute value of the signal oversampled 4×, which catches
 * the inter-sample peaks a DAC or a lossy encoder will produce. A 64-tap Kaiser-windowed sinc interpolator
 * (16 taps per phase) keeps the under-read below 0.1 dB for content up to 0.45 fs.
 */
import { kaiser } from '../dsp/kaiser.ts';

const FACTOR = 4;
const TAPS_PER_PHASE = 16;

/** phases[p][k]: the coefficient applied to x[m − k] for output sample 4m + p. */
function designPhases(): Float64Array[] {
  const n = FACTOR * TAPS_PER_PHASE;
  const beta = 8;
  const phases = Array.from({ length: FACTOR }, () => new Float64Array(TAPS_PER_PHASE));
  const centre = (n - 1) / 2;
  for (let i = 0; i < n; i++) {
    const t = (i - centre) / FACTOR;
    const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
    const r = (2 * i) / (n - 1) - 1;
    const w = kaiser(r, beta);
    phases[i % FACTOR]![Math.floor(i / FACTOR)] = sinc * w;
  }
  for (const ph of phases) {
    const dc = ph.reduce((a, b) => a + b, 0);
    for (let k = 0; k < ph.length; k++) ph[k]! /= dc;
  }
  return phases;
}

const PHASES = designPhases();

/** Streaming meter: feed blocks with push(); read the running maximum (linear) with `peak`. Allocates only in the constructor. */
export class TruePeakMeter {
  peak = 0;
  private readonly history: Float64Array[];
  private pos = 0;

  constructor(readonly channelCount: number) {
    this.history = Array.from({ length: channelCount }, () => new Float64Array(TAPS_PER_PHASE));
  }

  push(channels: ArrayLike<Float32Array>, frames: number): void {
    for (let c = 0; c < this.channelCount; c++) {
      const x = channels[c]!;
      const h = this.history[c]!;
      let pos = this.pos;
      let peak = this.peak;
      for (let i = 0; i < frames; i++) {
        pos = (pos + 1) % TAPS_PER_PHASE;
        h[pos] = x[i]!;
        for (let p = 0; p < FACTOR; p++) {
          const coef = PHASES[p]!;
          let acc = 0;
          for (let k = 0; k < TAPS_PER_PHASE; k++)
            acc += coef[k]! * h[(pos - k + TAPS_PER_PHASE) % TAPS_PER_PHASE]!;
          const a = Math.abs(acc);
          if (a > peak) peak = a;
        }
        const s = Math.abs(x[i]!);
        if (s > peak) peak = s;
      }
      this.peak = peak;
      if (c === this.channelCount - 1) this.pos = pos;
    }
  }

  /** Flushes the interpolator's tail (the filter delay) so the last samples are measured too. */
  finish(): number {
    const zeros = new Float32Array(TAPS_PER_PHASE);
    this.push(
      Array.from({ length: this.channelCount }, () => zeros),
      TAPS_PER_PHASE,
    );
    return this.peak;
  }
}

/** True peak of whole channels, linear (1 = 0 dBTP). */
export function truePeak(channels: readonly Float32Array[]): number {
  const meter = new TruePeakMeter(channels.length);
  meter.push(channels, channels[0]?.length ?? 0);
  return meter.finish();
}

export const toDb = (linear: number): number => 20 * Math.log10(Math.max(linear, 1e-12));
export const fromDb = (db: number): number => 10 ** (db / 20);
