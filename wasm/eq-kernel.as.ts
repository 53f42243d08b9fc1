// The EQ kernel's inner loop in AssemblyScript, compiled to WebAssembly with SIMD: two channels travel
// together in one f64x2 vector through a cascade of biquads in direct form I. Layout-agnostic: the
// TypeScript wrapper (src/shared/dsp/eq-kernel.ts) owns the memory layout and passes every pointer.
// Build: `npm run build:wasm` (wasm/build.mjs), which also refreshes src/shared/dsp/eq-kernel.wasm.ts.

const FLUSH: f64 = 1e-30;

// Flushes lanes whose magnitude is below FLUSH to zero (keeps long silences out of subnormal arithmetic).
// Inlined by the optimiser (-O3): an @inline decorator gives the same bytes and is not TypeScript syntax.
function flushed(v: v128): v128 {
  const small = f64x2.lt(f64x2.abs(v), f64x2.splat(FLUSH));
  return v128.andnot(v, small);
}

/**
 * Filters n frames of two planar float32 channels (inA/inB → outA/outB) through `sections` biquads.
 * coef: current [b0 b1 b2 a1 a2] per section (f64); delta: per-sample increments during a ramp; target:
 * the coefficients the ramp ends on; state: per section x1 x2 y1 y2 as f64x2 (64 bytes); work: n × 16 bytes.
 * The first `ramp` samples glide the coefficients; if `rampEnds` the rest of the block runs on `target`.
 */
export function processPair(
  coef: usize,
  delta: usize,
  target: usize,
  state: usize,
  inA: usize,
  inB: usize,
  outA: usize,
  outB: usize,
  work: usize,
  sections: i32,
  n: i32,
  ramp: i32,
  rampEnds: i32,
): void {
  for (let i = 0; i < n; i++) {
    const off = (<usize>i) << 2;
    const v = f64x2.replace_lane(f64x2.splat(<f64>load<f32>(inA + off)), 1, <f64>load<f32>(inB + off));
    v128.store(work + ((<usize>i) << 4), v);
  }
  for (let k = 0; k < sections; k++) {
    const c = coef + <usize>k * 40;
    let b0 = f64x2.splat(load<f64>(c));
    let b1 = f64x2.splat(load<f64>(c, 8));
    let b2 = f64x2.splat(load<f64>(c, 16));
    let a1 = f64x2.splat(load<f64>(c, 24));
    let a2 = f64x2.splat(load<f64>(c, 32));
    const s = state + <usize>k * 64;
    let x1 = v128.load(s);
    let x2 = v128.load(s, 16);
    let y1 = v128.load(s, 32);
    let y2 = v128.load(s, 48);
    let i = 0;
    if (ramp > 0) {
      const d = delta + <usize>k * 40;
      const db0 = f64x2.splat(load<f64>(d));
      const db1 = f64x2.splat(load<f64>(d, 8));
      const db2 = f64x2.splat(load<f64>(d, 16));
      const da1 = f64x2.splat(load<f64>(d, 24));
      const da2 = f64x2.splat(load<f64>(d, 32));
      for (; i < ramp; i++) {
        b0 = f64x2.add(b0, db0);
        b1 = f64x2.add(b1, db1);
        b2 = f64x2.add(b2, db2);
        a1 = f64x2.add(a1, da1);
        a2 = f64x2.add(a2, da2);
        const p = work + ((<usize>i) << 4);
        const x = v128.load(p);
        const y = f64x2.sub(
          f64x2.add(f64x2.add(f64x2.mul(b0, x), f64x2.mul(b1, x1)), f64x2.mul(b2, x2)),
          f64x2.add(f64x2.mul(a1, y1), f64x2.mul(a2, y2)),
        );
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = y;
        v128.store(p, y);
      }
      if (rampEnds) {
        const t = target + <usize>k * 40;
        b0 = f64x2.splat(load<f64>(t));
        b1 = f64x2.splat(load<f64>(t, 8));
        b2 = f64x2.splat(load<f64>(t, 16));
        a1 = f64x2.splat(load<f64>(t, 24));
        a2 = f64x2.splat(load<f64>(t, 32));
      }
    }
    for (; i < n; i++) {
      const p = work + ((<usize>i) << 4);
      const x = v128.load(p);
      const y = f64x2.sub(
        f64x2.add(f64x2.add(f64x2.mul(b0, x), f64x2.mul(b1, x1)), f64x2.mul(b2, x2)),
        f64x2.add(f64x2.mul(a1, y1), f64x2.mul(a2, y2)),
      );
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      v128.store(p, y);
    }
    v128.store(s, flushed(x1));
    v128.store(s, flushed(x2), 16);
    v128.store(s, flushed(y1), 32);
    v128.store(s, flushed(y2), 48);
  }
  for (let i = 0; i < n; i++) {
    const v = v128.load(work + ((<usize>i) << 4));
    const off = (<usize>i) << 2;
    store<f32>(outA + off, <f32>f64x2.extract_lane(v, 0));
    store<f32>(outB + off, <f32>f64x2.extract_lane(v, 1));
  }
}
