/**
 * True peak (ITU-R BS.1770-4 Annex 2): the largest absolute value of the signal oversampled 4×, which catches
 * the inter-sample peaks a DAC or a lossy encoder will produce. A 64-tap Kaiser-windowed sinc interpolator
 * (16 taps per phase, β = 8) is flat within 0.001 dB up to a quarter of the sample rate and reads 0.6 dB
 * low at 0.4 fs in its worst phase; on the EBU Tech 3341 signals and on music it agrees with ffmpeg's
 * ebur128 filter within 0.2 dB (loudness-meter.test.ts).
 *
 * The inner loop is WebAssembly SIMD (wasm/true-peak.as.ts: the four phases of a sample in one f32x4 vector),
 * instantiated synchronously like the EQ kernel, so the same meter runs in the worklet, workers and Node.
 * Plain TypeScript took 3.9 s of a 6.7 s `eq apply` on a 4-minute song (docs/BENCHMARKS.md has the figure now).
 */
import { kaiser } from '../dsp/kaiser.ts';
import { instantiateEmbedded, type WasmMemoryExport } from '../dsp/wasm-instance.ts';
import { TRUE_PEAK_WASM_BASE64 } from './true-peak.wasm.ts';

const FACTOR = 4;
const TAPS_PER_PHASE = 16;
/** Input samples kept from one block to the next: the filter's memory. */
const HISTORY = TAPS_PER_PHASE - 1;
/** The interpolated values of input m lie between x[m − DELAY] and x[m − DELAY + 1]. */
const DELAY = TAPS_PER_PHASE / 2;
const BLOCK = 4096;

interface TruePeakExports extends WasmMemoryExport {
  blockPeak(coef: number, buf: number, n: number, peak: number, gain: number): number;
  blockEnvelope(coef: number, buf: number, n: number, out: number, floor: number, gain: number): void;
}

/**
 * coef[4k + p]: the coefficient applied to x[m − k] for output sample 4m + p (tap k of every phase, together).
 * The sinc is centred on tap 32, so phase 0 is x[m − 8] itself and phases 1…3 interpolate at a quarter, a
 * half and three quarters of the way to x[m − 7]: the grid BS.1770 prescribes, on which the EBU Tech 3341
 * true-peak signals read exactly. (A grid offset by an eighth under-reads a quarter-rate sine by 0.17 dB.)
 */
function designCoefficients(): Float32Array {
  const n = FACTOR * TAPS_PER_PHASE;
  const beta = 8;
  const centre = n / 2;
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = (i - centre) / FACTOR;
    const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
    h[i] = sinc * kaiser((i - centre) / centre, beta);
  }
  const out = new Float32Array(n);
  for (let p = 0; p < FACTOR; p++) {
    // Each phase passes DC at unity gain.
    let dc = 0;
    for (let k = 0; k < TAPS_PER_PHASE; k++) dc += h[FACTOR * k + p]!;
    for (let k = 0; k < TAPS_PER_PHASE; k++) out[FACTOR * k + p] = h[FACTOR * k + p]! / dc;
  }
  return out;
}

const COEFFICIENTS = designCoefficients();

/**
 * The most a phase can amplify: max over phases of Σ|coefficients|, with a hair of margin for float32
 * rounding. The kernel skips runs of samples whose largest |x| times this cannot reach the running peak.
 */
const BOUND_GAIN = (() => {
  let worst = 0;
  for (let p = 0; p < FACTOR; p++) {
    let sum = 0;
    for (let k = 0; k < TAPS_PER_PHASE; k++) sum += Math.abs(COEFFICIENTS[FACTOR * k + p]!);
    worst = Math.max(worst, sum);
  }
  return worst * 1.001;
})();

/** One wasm instance and its memory layout: coefficients, [history | block] buffer, envelope output. */
class Interpolator {
  private readonly wasm: TruePeakExports;
  readonly coef = 0;
  readonly buf = 256;
  readonly out: number;
  readonly history: Float32Array;
  readonly block: Float32Array;
  /** [history | block], one view over both. */
  private readonly window: Float32Array;
  readonly envelope: Float32Array;

  constructor() {
    this.out = this.buf + (HISTORY + BLOCK + 1) * 4 + 12;
    this.wasm = instantiateEmbedded<TruePeakExports>(TRUE_PEAK_WASM_BASE64, this.out + BLOCK * 4);
    const mem = this.wasm.memory.buffer;
    new Float32Array(mem, this.coef, COEFFICIENTS.length).set(COEFFICIENTS);
    this.window = new Float32Array(mem, this.buf, HISTORY + BLOCK);
    this.history = new Float32Array(mem, this.buf, HISTORY);
    this.block = new Float32Array(mem, this.buf + HISTORY * 4, BLOCK);
    this.envelope = new Float32Array(mem, this.out, BLOCK);
  }

  /** Loads a channel's history and n new samples (plain loops: no views are created, so nothing is allocated). */
  load(history: Float32Array, x: Float32Array, from: number, n: number): void {
    const w = this.window;
    for (let i = 0; i < HISTORY; i++) w[i] = history[i]!;
    // Whole files go by memcpy; a worklet's small blocks by a loop that creates no view.
    if (n >= 1024) this.block.set(x.subarray(from, from + n));
    else for (let i = 0; i < n; i++) w[HISTORY + i] = x[from + i]!;
  }

  /** Keeps the last HISTORY samples of [history | block] as the channel's next history. */
  saveHistory(history: Float32Array, n: number): void {
    const w = this.window;
    for (let i = 0; i < HISTORY; i++) history[i] = w[n + i]!;
  }

  peak(n: number, peak: number): number {
    return this.wasm.blockPeak(this.coef, this.buf, n, peak, BOUND_GAIN);
  }

  envelopeOf(n: number, floor: number): void {
    this.wasm.blockEnvelope(this.coef, this.buf, n, this.out, floor, BOUND_GAIN);
  }
}

/**
 * Streaming meter: feed blocks with push(); read the running maximum (linear, all channels) with `peak` and
 * per channel with `channelPeaks`. Allocates only in the constructor, so a worklet can run it.
 */
export class TruePeakMeter {
  peak = 0;
  readonly channelPeaks: Float64Array;
  private readonly histories: Float32Array[];
  private readonly interp = new Interpolator();
  private readonly zeros: Float32Array[];

  constructor(readonly channelCount: number) {
    this.histories = Array.from({ length: channelCount }, () => new Float32Array(HISTORY));
    this.channelPeaks = new Float64Array(channelCount);
    const zeros = new Float32Array(TAPS_PER_PHASE);
    this.zeros = this.histories.map(() => zeros);
  }

  push(channels: ArrayLike<Float32Array>, frames: number): void {
    for (let c = 0; c < this.channelCount; c++) {
      const x = channels[c]!;
      const h = this.histories[c]!;
      let peak = this.channelPeaks[c]!;
      for (let start = 0; start < frames; start += BLOCK) {
        const n = Math.min(BLOCK, frames - start);
        this.interp.load(h, x, start, n);
        peak = this.interp.peak(n, peak);
        this.interp.saveHistory(h, n);
      }
      this.channelPeaks[c] = peak;
      if (peak > this.peak) this.peak = peak;
    }
  }

  /** Flushes the interpolator's tail (the filter delay) so the last samples are measured too. */
  finish(): number {
    this.push(this.zeros, TAPS_PER_PHASE);
    return this.peak;
  }

  /** Starts over (a new file, a seek). */
  reset(): void {
    this.peak = 0;
    this.channelPeaks.fill(0);
    for (const h of this.histories) h.fill(0);
  }
}

/** True peak of whole channels, linear (1 = 0 dBTP). */
export function truePeak(channels: readonly Float32Array[]): number {
  const meter = new TruePeakMeter(channels.length);
  meter.push(channels, channels[0]?.length ?? 0);
  return meter.finish();
}

/**
 * The linked true-peak envelope of whole channels: out[j] is the largest absolute value, over every channel,
 * of x[j − 1] and the 4× interpolated values between x[j − 1] and x[j] (out[0] covers the silence before the
 * start; length frames + 1, so out[frames] covers the last sample). What a true-peak limiter keeps below its
 * ceiling: sample j is next to the intervals out[j] and out[j + 1]. Values that are at most `floor` may read
 * lower (down to 0): a limiter whose threshold is `floor` does not need them, and skipping them is most of
 * the speed.
 */
export function truePeakEnvelope(channels: readonly Float32Array[], floor = 0): Float32Array {
  const frames = channels[0]?.length ?? 0;
  // raw[m] covers x from m − DELAY to m − DELAY + 1; the input is padded with DELAY zeros at the end.
  const padded = frames + DELAY;
  const raw = new Float32Array(padded);
  const interp = new Interpolator();
  const history = new Float32Array(HISTORY);
  for (const x of channels) {
    history.fill(0);
    for (let start = 0; start < padded; start += BLOCK) {
      const n = Math.min(BLOCK, padded - start);
      const real = Math.max(0, Math.min(n, frames - start));
      interp.load(history, x, start, real);
      if (real < n) interp.block.fill(0, real, n);
      interp.envelope.set(raw.subarray(start, start + n));
      interp.envelopeOf(n, floor);
      raw.set(interp.envelope.subarray(0, n), start);
      interp.saveHistory(history, n);
    }
  }
  return raw.subarray(DELAY - 1);
}

export const toDb = (linear: number): number => 20 * Math.log10(Math.max(linear, 1e-12));
export const fromDb = (db: number): number => 10 ** (db / 20);
