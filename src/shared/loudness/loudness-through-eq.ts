/**
 * Whole-song loudness of a song as it is, or as it comes out of the EQ at a curve: the one EQ kernel and its
 * design feed the one loudness meter block by block, so no equalised copy of the song is ever held (a second
 * copy of a long song would double the memory it takes). What the song's loudness figures show (the loudness
 * worker, src/workers/loudness-api.ts).
 */
import { BAND_COUNT } from '../dsp/bands.ts';
import { eqDesign } from '../dsp/eq-command.ts';
import { EqKernel } from '../dsp/eq-kernel.ts';
import { LoudnessMeter, type LoudnessSummary } from './loudness-meter.ts';

/** `appliedDb` null: the song unchanged. Otherwise the EQ's output, before any level change. */
export function loudnessThroughEq(
  channels: readonly Float32Array[],
  sampleRate: number,
  appliedDb: ArrayLike<number> | null,
): LoudnessSummary {
  const meter = new LoudnessMeter(channels.length, sampleRate);
  const length = channels[0]?.length ?? 0;
  if (!appliedDb) {
    meter.push(channels, length);
    return meter.finish();
  }
  const kernel = new EqKernel(channels.length, BAND_COUNT);
  kernel.setCoefficients(eqDesign(appliedDb, sampleRate).sos, 0);
  const block = kernel.maxBlock;
  const out = channels.map(() => new Float32Array(block));
  const ins = channels.map((c) => c.subarray(0, 0));
  const outs = out.map((c) => c.subarray(0, 0));
  for (let start = 0; start < length; start += block) {
    const n = Math.min(block, length - start);
    for (let c = 0; c < channels.length; c++) {
      ins[c] = channels[c]!.subarray(start, start + n);
      outs[c] = out[c]!.subarray(0, n);
    }
    kernel.process(ins, outs, n);
    meter.push(outs, n);
  }
  return meter.finish();
}
