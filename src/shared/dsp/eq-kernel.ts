/**
 * The one EQ kernel: a cascade of biquads run by the live AudioWorklet, the export (export-pipeline.ts, in
 * the export worker) and Node (command-line tool, dataset builder, loudness meter, tests).
 *
 * The inner loop is WebAssembly SIMD (wasm/eq-kernel.as.ts): channels go through in pairs, one f64x2 vector
 * per sample, which measured faster than plain JS and than native BiquadFilterNodes (docs/BENCHMARKS.md).
 * This class owns the memory layout and the coefficient ramps.
 *
 * Real-time rules: all memory is allocated in the constructor; process() allocates nothing. Coefficient
 * changes glide linearly, sample by sample, over a ramp: the stability region of a biquad's denominator is a
 * convex triangle, so every intermediate filter is stable, and moving a band while audio plays gives no zipper
 * noise or click. Direct form I is used because it behaves well when coefficients vary in time. Arithmetic is
 * float64 throughout (31 Hz at 192 kHz has poles within 1e-3 of z = 1).
 */
import { SECTION_STRIDE } from './biquad-response.ts';
import { instantiateEqKernel, type EqKernelExports } from './wasm-instance.ts';

const STATE_BYTES_PER_SECTION = 64; // x1 x2 y1 y2, each an f64x2 for a channel pair

export class EqKernel {
  readonly channels: number;
  readonly sections: number;
  readonly maxBlock: number;
  private readonly wasm: EqKernelExports;
  private readonly ptr: {
    coef: number;
    delta: number;
    target: number;
    state: number;
    io: number[];
    work: number;
  };
  private readonly current: Float64Array;
  private readonly delta: Float64Array;
  private readonly target: Float64Array;
  private readonly state: Float64Array;
  private readonly inA: Float32Array;
  private readonly inB: Float32Array;
  private readonly outA: Float32Array;
  private readonly outB: Float32Array;
  private rampLeft = 0;

  /** Starts as a pass-through (every section b0 = 1). */
  constructor(channels: number, sections: number, maxBlock = 4096) {
    if (!(channels >= 1 && channels <= 64)) throw new RangeError(`channel count ${channels} not in 1…64`);
    this.channels = channels;
    this.sections = sections;
    this.maxBlock = maxBlock;
    const coefBytes = align16(sections * SECTION_STRIDE * 8);
    const pairs = Math.ceil(channels / 2);
    const coef = 0;
    const delta = coef + coefBytes;
    const target = delta + coefBytes;
    const state = target + coefBytes;
    const io0 = state + pairs * sections * STATE_BYTES_PER_SECTION;
    const ioBytes = align16(maxBlock * 4);
    const io = [io0, io0 + ioBytes, io0 + 2 * ioBytes, io0 + 3 * ioBytes];
    const work = io0 + 4 * ioBytes;
    this.ptr = { coef, delta, target, state, io, work };
    this.wasm = instantiateEqKernel(work + maxBlock * 16);
    const buf = this.wasm.memory.buffer;
    const n = sections * SECTION_STRIDE;
    this.current = new Float64Array(buf, coef, n);
    this.delta = new Float64Array(buf, delta, n);
    this.target = new Float64Array(buf, target, n);
    this.state = new Float64Array(buf, state, (pairs * sections * STATE_BYTES_PER_SECTION) / 8);
    [this.inA, this.inB, this.outA, this.outB] = io.map((p) => new Float32Array(buf, p, maxBlock)) as [
      Float32Array,
      Float32Array,
      Float32Array,
      Float32Array,
    ];
    for (let k = 0; k < sections; k++) this.current[k * SECTION_STRIDE] = this.target[k * SECTION_STRIDE] = 1;
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
    const rampEnds = ramp > 0 && ramp === this.rampLeft ? 1 : 0;
    const { coef, delta, target, state, io, work } = this.ptr;
    const stateStride = this.sections * STATE_BYTES_PER_SECTION;
    for (let c = 0, pair = 0; c < this.channels; c += 2, pair++) {
      const hasB = c + 1 < this.channels;
      copyIn(inputs[c]!, this.inA, n);
      if (hasB) copyIn(inputs[c + 1]!, this.inB, n);
      else this.inB.fill(0, 0, n);
      this.wasm.processPair(
        coef,
        delta,
        target,
        state + pair * stateStride,
        io[0]!,
        io[1]!,
        io[2]!,
        io[3]!,
        work,
        this.sections,
        n,
        ramp,
        rampEnds,
      );
      copyOut(this.outA, outputs[c]!, n);
      if (hasB) copyOut(this.outB, outputs[c + 1]!, n);
    }
    if (ramp > 0) {
      this.rampLeft -= ramp;
      if (this.rampLeft === 0) this.current.set(this.target);
      else for (let i = 0; i < this.current.length; i++) this.current[i]! += this.delta[i]! * ramp;
    }
  }
}

const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;

/**
 * Copies n samples between a caller's array and the kernel's memory: by memcpy (TypedArray.set) when the
 * arrays are exactly n long (the worklet's 128-frame blocks: no view is created, nothing is allocated) or the
 * block is long (whole files, where a view per block costs nothing); by a loop otherwise.
 */
function copyIn(from: Float32Array, to: Float32Array, n: number): void {
  if (from.length === n && to.length === n) to.set(from);
  else if (n >= 1024) to.set(from.length === n ? from : from.subarray(0, n));
  else for (let i = 0; i < n; i++) to[i] = from[i]!;
}

function copyOut(from: Float32Array, to: Float32Array, n: number): void {
  if (from.length === n && to.length === n) to.set(from);
  else if (n >= 1024) to.set(from.length === n ? from : from.subarray(0, n));
  else for (let i = 0; i < n; i++) to[i] = from[i]!;
}
