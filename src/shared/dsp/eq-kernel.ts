/**
 * The one EQ kernel: a cascade of biquads run by the live AudioWorklet, the offline export (the same worklet in
 * an OfflineAudioContext) and Node (command-line tool, dataset builder, tests).
 *
 * Real-time rules: every buffer is allocated in the constructor; process() allocates nothing. Coefficient
 * changes glide linearly, sample by sample, over a ramp: the stability region of a biquad's denominator is a
 * convex triangle, so every intermediate filter is stable, and moving a band while audio plays gives no zipper
 * noise or click. Direct form I is used because it behaves well when coefficients vary in time.
 * Arithmetic is float64 throughout (31 Hz at 192 kHz has poles within 1e-3 of z = 1).
 */
import { SECTION_STRIDE } from './biquad-response.ts';

/** States below this are flushed to zero at block ends, so long silences never reach subnormal numbers. */
const FLUSH = 1e-30;

export class EqKernel {
  readonly channels: number;
  readonly sections: number;
  readonly maxBlock: number;
  private readonly current: Float64Array;
  private readonly target: Float64Array;
  private readonly delta: Float64Array;
  private rampLeft = 0;
  /** Per channel and section: x1, x2, y1, y2. */
  private readonly state: Float64Array;
  private readonly work: Float64Array;

  /** Starts as a pass-through (every section b0 = 1). */
  constructor(channels: number, sections: number, maxBlock = 4096) {
    if (!(channels >= 1 && channels <= 64)) throw new RangeError(`channel count ${channels} not in 1…64`);
    this.channels = channels;
    this.sections = sections;
    this.maxBlock = maxBlock;
    const n = sections * SECTION_STRIDE;
    this.current = new Float64Array(n);
    this.target = new Float64Array(n);
    this.delta = new Float64Array(n);
    for (let k = 0; k < sections; k++) this.current[k * SECTION_STRIDE] = this.target[k * SECTION_STRIDE] = 1;
    this.state = new Float64Array(channels * sections * 4);
    this.work = new Float64Array(maxBlock);
  }

  /** Moves to new coefficients over `rampSamples` samples (0: at once). Does not allocate. */
  setCoefficients(sos: ArrayLike<number>, rampSamples: number): void {
    if (sos.length !== this.target.length)
      throw new RangeError(`expected ${this.target.length} coefficients`);
    for (let i = 0; i < sos.length; i++) this.target[i] = sos[i]!;
    const ramp = Math.max(0, Math.floor(rampSamples));
    if (ramp === 0) {
      this.current.set(this.target);
      this.delta.fill(0);
      this.rampLeft = 0;
      return;
    }
    for (let i = 0; i < sos.length; i++) this.delta[i] = (this.target[i]! - this.current[i]!) / ramp;
    this.rampLeft = ramp;
  }

  /** Clears the filter memories (a new file, a seek). */
  reset(): void {
    this.state.fill(0);
  }

  /** Filters n ≤ maxBlock frames from inputs to outputs (which may be the same arrays). */
  process(inputs: ArrayLike<Float32Array>, outputs: ArrayLike<Float32Array>, n: number): void {
    if (n > this.maxBlock) throw new RangeError(`block of ${n} frames exceeds ${this.maxBlock}`);
    const ramp = Math.min(this.rampLeft, n);
    const work = this.work;
    for (let c = 0; c < this.channels; c++) {
      const input = inputs[c]!;
      const output = outputs[c]!;
      for (let i = 0; i < n; i++) work[i] = input[i]!;
      for (let k = 0; k < this.sections; k++) this.runSection(c, k, n, ramp);
      for (let i = 0; i < n; i++) output[i] = work[i]!;
    }
    if (ramp > 0) {
      this.rampLeft -= ramp;
      if (this.rampLeft === 0) this.current.set(this.target);
      else for (let i = 0; i < this.current.length; i++) this.current[i]! += this.delta[i]! * ramp;
    }
  }

  private runSection(c: number, k: number, n: number, ramp: number): void {
    const co = k * SECTION_STRIDE;
    const cur = this.current;
    const d = this.delta;
    let b0 = cur[co]!;
    let b1 = cur[co + 1]!;
    let b2 = cur[co + 2]!;
    let a1 = cur[co + 3]!;
    let a2 = cur[co + 4]!;
    const so = (c * this.sections + k) * 4;
    const st = this.state;
    let x1 = st[so]!;
    let x2 = st[so + 1]!;
    let y1 = st[so + 2]!;
    let y2 = st[so + 3]!;
    const work = this.work;
    let i = 0;
    if (ramp > 0) {
      const db0 = d[co]!;
      const db1 = d[co + 1]!;
      const db2 = d[co + 2]!;
      const da1 = d[co + 3]!;
      const da2 = d[co + 4]!;
      for (; i < ramp; i++) {
        b0 += db0;
        b1 += db1;
        b2 += db2;
        a1 += da1;
        a2 += da2;
        const x = work[i]!;
        const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = y;
        work[i] = y;
      }
      if (this.rampLeft === ramp) {
        // The ramp ends in this block: continue exactly on the target.
        const t = this.target;
        b0 = t[co]!;
        b1 = t[co + 1]!;
        b2 = t[co + 2]!;
        a1 = t[co + 3]!;
        a2 = t[co + 4]!;
      }
    }
    for (; i < n; i++) {
      const x = work[i]!;
      const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      work[i] = y;
    }
    st[so] = Math.abs(x1) < FLUSH ? 0 : x1;
    st[so + 1] = Math.abs(x2) < FLUSH ? 0 : x2;
    st[so + 2] = Math.abs(y1) < FLUSH ? 0 : y1;
    st[so + 3] = Math.abs(y2) < FLUSH ? 0 : y2;
  }
}
