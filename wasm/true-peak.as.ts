// The true-peak meter's inner loop (ITU-R BS.1770-4 Annex 2, 4x oversampling) in AssemblyScript with
// WebAssembly SIMD: the four interpolation phases of one input sample travel together in one f32x4 vector,
// so each input sample costs 16 vector multiplies summed as a tree (short dependency chains). Layout-agnostic:
// the TypeScript wrapper (src/shared/loudness/true-peak.ts) owns the memory and passes every pointer.
// Build: `npm run build:wasm` (wasm/build.mjs), which also refreshes src/shared/loudness/true-peak.wasm.ts.

// `buf` holds 15 earlier samples followed by the new ones; for input m, x[m − k] sits at buf + 4 (m + 15 − k).
// `coef` holds 16 f32x4 vectors: tap k of phases 0…3. Maxima use pmax (one instruction; no NaN can occur).

// Inlined helpers. They are static members so that @inline is TypeScript syntax (prettier formats this
// file) and AssemblyScript still inlines them.
class Lanes {
  /** The four interpolated values of input m (from x[m − 8] towards x[m − 7]), absolute. */
  @inline
  static phases(coef: usize, p: usize): v128 {
    const a = f32x4.add(
      f32x4.add(
        f32x4.add(
          f32x4.mul(v128.load(coef, 240), v128.load32_splat(p)),
          f32x4.mul(v128.load(coef, 224), v128.load32_splat(p, 4)),
        ),
        f32x4.add(
          f32x4.mul(v128.load(coef, 208), v128.load32_splat(p, 8)),
          f32x4.mul(v128.load(coef, 192), v128.load32_splat(p, 12)),
        ),
      ),
      f32x4.add(
        f32x4.add(
          f32x4.mul(v128.load(coef, 176), v128.load32_splat(p, 16)),
          f32x4.mul(v128.load(coef, 160), v128.load32_splat(p, 20)),
        ),
        f32x4.add(
          f32x4.mul(v128.load(coef, 144), v128.load32_splat(p, 24)),
          f32x4.mul(v128.load(coef, 128), v128.load32_splat(p, 28)),
        ),
      ),
    );
    const b = f32x4.add(
      f32x4.add(
        f32x4.add(
          f32x4.mul(v128.load(coef, 112), v128.load32_splat(p, 32)),
          f32x4.mul(v128.load(coef, 96), v128.load32_splat(p, 36)),
        ),
        f32x4.add(
          f32x4.mul(v128.load(coef, 80), v128.load32_splat(p, 40)),
          f32x4.mul(v128.load(coef, 64), v128.load32_splat(p, 44)),
        ),
      ),
      f32x4.add(
        f32x4.add(
          f32x4.mul(v128.load(coef, 48), v128.load32_splat(p, 48)),
          f32x4.mul(v128.load(coef, 32), v128.load32_splat(p, 52)),
        ),
        f32x4.add(
          f32x4.mul(v128.load(coef, 16), v128.load32_splat(p, 56)),
          f32x4.mul(v128.load(coef), v128.load32_splat(p, 60)),
        ),
      ),
    );
    return f32x4.abs(f32x4.add(a, b));
  }

  /** Largest lane of a vector, in lane 0. */
  @inline
  static laneMax(v: v128): f32 {
    const m = f32x4.pmax(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
    return f32x4.extract_lane(f32x4.pmax(m, v128.shuffle<f32>(m, m, 1, 0, 3, 2)), 0);
  }

  /**
   * An upper bound of |x| over the 31 samples that the outputs of inputs i … i + 15 read: buf + 4i onwards.
   * (Reads one float beyond them; a larger bound only costs time.)
   */
  @inline
  static windowMax(p: usize): f32 {
    const a = f32x4.pmax(f32x4.abs(v128.load(p)), f32x4.abs(v128.load(p, 16)));
    const b = f32x4.pmax(f32x4.abs(v128.load(p, 32)), f32x4.abs(v128.load(p, 48)));
    const c = f32x4.pmax(f32x4.abs(v128.load(p, 64)), f32x4.abs(v128.load(p, 80)));
    const d = f32x4.pmax(f32x4.abs(v128.load(p, 96)), f32x4.abs(v128.load(p, 112)));
    return Lanes.laneMax(f32x4.pmax(f32x4.pmax(a, b), f32x4.pmax(c, d)));
  }
}

const SUB: i32 = 16;

/**
 * Interpolates n input samples of one float32 channel. Returns the largest absolute value among the samples
 * x[m − 8], their 4n interpolated values and `peak` (the running maximum). Runs of 16 inputs whose samples
 * are so small that no interpolated value can pass `peak` (bound: `gain`, the largest sum of |coefficients|
 * of a phase, times their largest |x|) are skipped: in music most are, once the loud parts have been seen.
 */
export function blockPeak(coef: usize, buf: usize, n: i32, peak: f32, gain: f32): f32 {
  let top = f32x4.splat(peak);
  let i = 0;
  for (; i + SUB <= n; i += SUB) {
    const p = buf + ((<usize>i) << 2);
    if (Lanes.windowMax(p) * gain <= Lanes.laneMax(top)) continue;
    for (let j = 0; j < SUB; j++) {
      const q = p + ((<usize>j) << 2);
      top = f32x4.pmax(top, f32x4.pmax(Lanes.phases(coef, q), f32x4.abs(v128.load32_splat(q, 28))));
    }
  }
  for (; i < n; i++) {
    const q = buf + ((<usize>i) << 2);
    top = f32x4.pmax(top, f32x4.pmax(Lanes.phases(coef, q), f32x4.abs(v128.load32_splat(q, 28))));
  }
  return Lanes.laneMax(top);
}

/**
 * As blockPeak, but writes one peak per input sample to `out` (f32): the largest of |x[m − 8]| and the four
 * values interpolated from x[m − 8] towards x[m − 7], raised to what `out` already holds, so that calling it
 * once per channel leaves the linked (all-channel) peak envelope a limiter needs. Runs of 16 inputs that
 * cannot pass `floor` are left as they are (a limiter ignores everything below its threshold).
 */
export function blockEnvelope(coef: usize, buf: usize, n: i32, out: usize, floor: f32, gain: f32): void {
  for (let i = 0; i < n; i++) {
    const p = buf + ((<usize>i) << 2);
    if ((i & (SUB - 1)) == 0 && i + SUB <= n && Lanes.windowMax(p) * gain <= floor) {
      i += SUB - 1;
      continue;
    }
    const o = out + ((<usize>i) << 2);
    const v = f32x4.pmax(
      f32x4.pmax(Lanes.phases(coef, p), f32x4.abs(v128.load32_splat(p, 28))),
      v128.load32_splat(o),
    );
    store<f32>(o, Lanes.laneMax(v));
  }
}
