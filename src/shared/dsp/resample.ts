/**
 * Band-limited sample-rate conversion, for the MP3 export (MP3 has no rate above 48 kHz) and for the
 * analysis (the model's contract rate, the same code in the browser and the command line): a Kaiser-windowed
 * sinc, 16 zero crossings each side of the narrower of the two Nyquist bands, read from a table with linear
 * interpolation. Passband flat to 0.45 of the output rate, stopband from 0.5. Pure; runs in any realm.
 */

import { kaiser } from './kaiser.ts';

const ZERO_CROSSINGS = 16;
const TABLE_STEPS = 512; // table points per unit of the kernel's argument
const BETA = 8;
/** Cutoff as a fraction of the lower Nyquist frequency: keeps aliasing out at a small top-octave cost. */
const CUTOFF = 0.94;

/** table[i] = windowed sinc at i / TABLE_STEPS zero crossings from the centre (one side; it is symmetric). */
const TABLE = (() => {
  const n = ZERO_CROSSINGS * TABLE_STEPS + 2;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = i / TABLE_STEPS;
    const r = Math.min(1, x / ZERO_CROSSINGS);
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    t[i] = sinc * kaiser(r, BETA);
  }
  return t;
})();

/** Resamples one channel from `fromHz` to `toHz`; output length round(length × toHz / fromHz). */
export function resampleChannel(input: Float32Array, fromHz: number, toHz: number): Float32Array {
  if (fromHz === toHz) return input.slice();
  const stream = new StreamResampler(fromHz, toHz, Math.round((input.length * toHz) / fromHz));
  stream.push(input);
  return stream.finish();
}

/**
 * The same conversion fed in pieces (a long song as it is decoded), with the same arithmetic in the same
 * order, so its output equals resampleChannel's bit for bit. It keeps only the input the kernel still
 * needs (about 35 samples at 48 → 44.1 kHz). Output comes out as soon as all its input is known; the
 * last few samples, whose kernel runs past the end, come from finish().
 */
export class StreamResampler {
  private readonly step: number;
  private readonly scale: number;
  private readonly halfWidth: number;
  /** Input kept, from absolute index `base`. */
  private buf: Float32Array;
  private base = 0;
  private used = 0;
  /** Next output sample to produce. */
  private n = 0;
  /** Output not yet taken (pull with take(), or all of it from finish()). */
  private out: Float32Array;
  private outUsed = 0;

  /** `expectedOutput`: a size hint for the output buffer (finish() grows it as needed). */
  constructor(
    readonly fromHz: number,
    readonly toHz: number,
    expectedOutput = 0,
  ) {
    this.step = fromHz / toHz;
    this.scale = Math.min(1, toHz / fromHz) * CUTOFF;
    this.halfWidth = ZERO_CROSSINGS / this.scale;
    this.buf = new Float32Array(4096);
    this.out = new Float32Array(Math.max(1024, expectedOutput));
  }

  /** Input samples received so far. */
  get received(): number {
    return this.base + this.used;
  }

  push(input: Float32Array): void {
    this.append(input);
    // An output needs input up to floor(t + halfWidth): produce every one whose input has all arrived.
    const have = this.received;
    for (;;) {
      const t = this.n * this.step;
      if (Math.floor(t + this.halfWidth) >= have) break;
      this.emit(this.sample(t, have - 1));
    }
    this.forget();
  }

  /** Takes the output produced so far (a view, valid until the next call). */
  take(): Float32Array {
    const out = this.out.subarray(0, this.outUsed);
    this.outUsed = 0;
    return out;
  }

  /** The output not yet taken, up to round(received × toHz / fromHz) samples in all. */
  finish(): Float32Array {
    const total = this.received;
    const outLength = Math.round((total * this.toHz) / this.fromHz);
    while (this.n < outLength) this.emit(this.sample(this.n * this.step, total - 1));
    return this.out.slice(0, this.outUsed);
  }

  private sample(t: number, last: number): number {
    const lo = Math.max(0, Math.ceil(t - this.halfWidth));
    const hi = Math.min(last, Math.floor(t + this.halfWidth));
    const { scale, buf, base } = this;
    let acc = 0;
    for (let k = lo; k <= hi; k++) {
      const pos = Math.abs(t - k) * scale * TABLE_STEPS;
      const i = pos | 0;
      const f = pos - i;
      acc += buf[k - base]! * (TABLE[i]! + f * (TABLE[i + 1]! - TABLE[i]!));
    }
    return acc * scale;
  }

  private emit(v: number): void {
    if (this.outUsed === this.out.length) {
      const grown = new Float32Array(this.out.length * 2);
      grown.set(this.out);
      this.out = grown;
    }
    this.out[this.outUsed++] = v;
    this.n++;
  }

  private append(input: Float32Array): void {
    if (this.used + input.length > this.buf.length) {
      const grown = new Float32Array(Math.max(this.buf.length * 2, this.used + input.length));
      grown.set(this.buf.subarray(0, this.used));
      this.buf = grown;
    }
    this.buf.set(input, this.used);
    this.used += input.length;
  }

  /** Drops input no later output can need (below ceil(t - halfWidth) of the next output). */
  private forget(): void {
    const keepFrom = Math.max(0, Math.ceil(this.n * this.step - this.halfWidth));
    const drop = Math.min(this.used, keepFrom - this.base);
    if (drop <= 0) return;
    this.buf.copyWithin(0, drop, this.used);
    this.used -= drop;
    this.base += drop;
  }
}
