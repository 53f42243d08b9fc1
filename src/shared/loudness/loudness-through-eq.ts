/**
 * Whole-song loudness of a song as it is, or as it comes out of the EQ at a curve: the one EQ kernel and its
 * design feed the one loudness meter block by block, so no equalised copy of the song is ever held (a second
 * copy of a long song would double the memory it takes). What the song's loudness figures show (the loudness
 * worker, src/workers/loudness-api.ts, which feeds it the song a decoded piece at a time).
 */
import { BAND_COUNT } from '../dsp/bands.ts';
import { eqDesign } from '../dsp/eq-command.ts';
import { EqKernel } from '../dsp/eq-kernel.ts';
import { LoudnessMeter, type LoudnessSummary } from './loudness-meter.ts';

/** The meter behind the EQ, fed in pieces of any length. `appliedDb` null: the song unchanged. */
export class LoudnessThroughEq {
  private readonly meter: LoudnessMeter;
  private readonly kernel: EqKernel | null;
  private readonly out: Float32Array[];

  constructor(channelCount: number, sampleRate: number, appliedDb: ArrayLike<number> | null) {
    this.meter = new LoudnessMeter(channelCount, sampleRate);
    this.kernel = appliedDb ? new EqKernel(channelCount, BAND_COUNT) : null;
    this.kernel?.setCoefficients(eqDesign(appliedDb!, sampleRate).sos, 0);
    this.out = Array.from(
      { length: this.kernel ? channelCount : 0 },
      () => new Float32Array(this.kernel!.maxBlock),
    );
  }

  push(channels: readonly Float32Array[], n: number): void {
    const { kernel, out, meter } = this;
    if (!kernel) {
      meter.push(channels, n);
      return;
    }
    for (let start = 0; start < n; start += kernel.maxBlock) {
      const m = Math.min(kernel.maxBlock, n - start);
      const ins = channels.map((c) => c.subarray(start, start + m));
      const outs = out.map((c) => c.subarray(0, m));
      kernel.process(ins, outs, m);
      meter.push(outs, m);
    }
  }

  finish(): LoudnessSummary {
    return this.meter.finish();
  }
}

/** The whole song in memory (the Node tests and the command line). */
export function loudnessThroughEq(
  channels: readonly Float32Array[],
  sampleRate: number,
  appliedDb: ArrayLike<number> | null,
): LoudnessSummary {
  const m = new LoudnessThroughEq(channels.length, sampleRate, appliedDb);
  m.push(channels, channels[0]?.length ?? 0);
  return m.finish();
}
