/**
 * The gating of ITU-R BS.1770-4 (integrated loudness) and EBU Tech 3342 (loudness range) over a bounded
 * histogram: block powers are binned by loudness in 0.01 LU steps from −70 to +10 LUFS, each bin keeping its
 * count and the exact sum of its powers. Memory stays fixed however long the programme (a meter can run for
 * hours in an AudioWorklet without allocating), and the result differs from keeping every block only by the
 * blocks that share a bin with a gate (at most 0.01 LU away from it), a negligible share of the mean.
 */

/** BS.1770: loudness (LUFS) of a mean-square power of the K-weighted, channel-weighted signal. */
export const powerToLufs = (power: number): number => -0.691 + 10 * Math.log10(power);
export const lufsToPower = (lufs: number): number => 10 ** ((lufs + 0.691) / 10);

/** Blocks at or below this loudness are ignored by both measures (the absolute gate). */
export const ABSOLUTE_GATE_LUFS = -70;
const TOP_LUFS = 10;
const BINS_PER_LU = 100;
const BINS = (TOP_LUFS - ABSOLUTE_GATE_LUFS) * BINS_PER_LU + 1;

export class GatedHistogram {
  private readonly counts = new Float64Array(BINS);
  private readonly sums = new Float64Array(BINS);
  private total = 0;
  private totalPower = 0;

  /** Adds one block's mean-square power (blocks at or below the absolute gate are ignored). */
  add(power: number): void {
    const l = powerToLufs(power);
    if (!(l > ABSOLUTE_GATE_LUFS)) return;
    const bin = Math.min(BINS - 1, Math.floor((l - ABSOLUTE_GATE_LUFS) * BINS_PER_LU));
    this.counts[bin]! += 1;
    this.sums[bin]! += power;
    this.total += 1;
    this.totalPower += power;
  }

  get blockCount(): number {
    return this.total;
  }

  clear(): void {
    this.counts.fill(0);
    this.sums.fill(0);
    this.total = 0;
    this.totalPower = 0;
  }

  /** First bin above the relative gate `relativeLu` (negative) below the power mean of the blocks kept so far. */
  private gateBin(relativeLu: number): number {
    const gate = powerToLufs(this.totalPower / this.total) + relativeLu;
    return Math.max(0, Math.ceil((gate - ABSOLUTE_GATE_LUFS) * BINS_PER_LU));
  }

  /** BS.1770 integrated loudness: power mean of the blocks above the relative gate (−10 LU); −∞ when none. */
  gatedMeanLufs(relativeLu = -10): number {
    if (this.total === 0) return -Infinity;
    let n = 0;
    let sum = 0;
    for (let b = this.gateBin(relativeLu); b < BINS; b++) {
      n += this.counts[b]!;
      sum += this.sums[b]!;
    }
    return n > 0 ? powerToLufs(sum / n) : -Infinity;
  }

  /**
   * EBU Tech 3342 loudness range (LU): of the short-term values above the relative gate (−20 LU), the
   * spread between the 10th and the 95th percentile. 0 when there are none.
   */
  loudnessRange(relativeLu = -20, low = 0.1, high = 0.95): number {
    if (this.total === 0) return 0;
    const first = this.gateBin(relativeLu);
    let n = 0;
    for (let b = first; b < BINS; b++) n += this.counts[b]!;
    if (n === 0) return 0;
    const lo = this.percentileBin(first, Math.floor(low * (n - 1)));
    const hi = this.percentileBin(first, Math.floor(high * (n - 1)));
    return (hi - lo) / BINS_PER_LU;
  }

  /** The bin holding the value of rank `rank` (0-based) counting from bin `first` upwards. */
  private percentileBin(first: number, rank: number): number {
    let seen = 0;
    for (let b = first; b < BINS; b++) {
      seen += this.counts[b]!;
      if (seen > rank) return b;
    }
    return BINS - 1;
  }
}
