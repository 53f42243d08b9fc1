/**
 * The waveform's peaks: the largest absolute sample of each stretch of the song, per channel (the first
 * two), gathered as the song is decoded. wavesurfer.js draws them and never decodes the file itself.
 */

/** Points across the song: more than a wide screen has pixels, few enough to draw at once. */
export const WAVEFORM_POINTS = 4000;

export class WaveformPeaks {
  private readonly bucket: number;
  private peaks: Float32Array[];
  private count = 0;
  /** Frames already folded into the current (last) point. */
  private inBucket = 0;

  /** `expectedFrames` sets the stretch per point; a song longer than expected just gets more points. */
  constructor(channelCount: number, expectedFrames: number, points = WAVEFORM_POINTS) {
    this.bucket = Math.max(1, Math.ceil(expectedFrames / points));
    this.peaks = Array.from({ length: Math.min(2, channelCount) }, () => new Float32Array(points + 1));
  }

  push(channels: readonly Float32Array[], n: number): void {
    for (let i = 0; i < n;) {
      if (this.inBucket === 0) this.grow();
      const take = Math.min(n - i, this.bucket - this.inBucket);
      const p = this.count - 1;
      this.peaks.forEach((out, c) => {
        const x = channels[c]!;
        let m = out[p]!;
        for (let k = i; k < i + take; k++) {
          const a = Math.abs(x[k]!);
          if (a > m) m = a;
        }
        out[p] = m;
      });
      i += take;
      this.inBucket = (this.inBucket + take) % this.bucket;
    }
  }

  /** One array of peaks per channel (at most two). */
  finish(): Float32Array[] {
    return this.peaks.map((p) => p.slice(0, this.count));
  }

  private grow(): void {
    if (this.count === this.peaks[0]?.length) {
      this.peaks = this.peaks.map((p) => {
        const q = new Float32Array(p.length * 2);
        q.set(p);
        return q;
      });
    }
    this.count++;
  }
}
