/** Solves A x = b in place (A is n×n row-major, overwritten; b becomes x) by Gaussian elimination with partial pivoting. */
export function solveLinearInPlace(a: Float64Array, b: Float64Array, n: number): void {
  for (let p = 0; p < n; p++) {
    let best = p;
    for (let r = p + 1; r < n; r++) if (Math.abs(a[r * n + p]!) > Math.abs(a[best * n + p]!)) best = r;
    if (best !== p) {
      for (let c = 0; c < n; c++) {
        const t = a[p * n + c]!;
        a[p * n + c] = a[best * n + c]!;
        a[best * n + c] = t;
      }
      const t = b[p]!;
      b[p] = b[best]!;
      b[best] = t;
    }
    const pivot = a[p * n + p]!;
    if (pivot === 0) throw new Error('singular system');
    for (let r = p + 1; r < n; r++) {
      const f = a[r * n + p]! / pivot;
      if (f === 0) continue;
      for (let c = p; c < n; c++) a[r * n + c]! -= f * a[p * n + c]!;
      b[r]! -= f * b[p]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let c = r + 1; c < n; c++) s -= a[r * n + c]! * b[c]!;
    b[r] = s / a[r * n + r]!;
  }
}
