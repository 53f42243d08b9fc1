/** Whole-buffer helpers over the kernel: what Node tools (CLI, dataset builder) and tests call. */
import { BAND_COUNT } from './bands.ts';
import { cascadeResponseDb } from './biquad-response.ts';
import { eqDesign } from './eq-command.ts';
import { EqKernel } from './eq-kernel.ts';

/** Realised magnitude response (dB) of the EQ for a command at the given frequencies: what the UI draws. */
export function eqResponseDb(
  gainsDb: ArrayLike<number>,
  sampleRate: number,
  freqsHz: ArrayLike<number>,
): Float64Array {
  return cascadeResponseDb(eqDesign(gainsDb, sampleRate).sos, freqsHz, sampleRate);
}

/** Filters whole channels through the EQ (no output gain); returns new arrays. */
export function applyEq(
  channels: readonly Float32Array[],
  sampleRate: number,
  gainsDb: ArrayLike<number>,
): Float32Array[] {
  return filterInto(
    channels,
    channels.map((ch) => new Float32Array(ch.length)),
    sampleRate,
    gainsDb,
  );
}

/** Filters whole channels through the EQ in place (no second copy of a long file in memory); returns them. */
export function applyEqInPlace(
  channels: Float32Array[],
  sampleRate: number,
  gainsDb: ArrayLike<number>,
): Float32Array[] {
  return filterInto(channels, channels, sampleRate, gainsDb);
}

function filterInto(
  channels: readonly Float32Array[],
  out: Float32Array[],
  sampleRate: number,
  gainsDb: ArrayLike<number>,
): Float32Array[] {
  const design = eqDesign(gainsDb, sampleRate);
  const kernel = new EqKernel(channels.length, BAND_COUNT);
  kernel.setCoefficients(design.sos, 0);
  const length = channels[0]?.length ?? 0;
  const ins: Float32Array[] = channels.map((ch) => ch.subarray(0, 0));
  const outs: Float32Array[] = out.map((ch) => ch.subarray(0, 0));
  for (let start = 0; start < length; start += kernel.maxBlock) {
    const n = Math.min(kernel.maxBlock, length - start);
    for (let c = 0; c < channels.length; c++) {
      ins[c] = channels[c]!.subarray(start, start + n);
      outs[c] = out[c]!.subarray(start, start + n);
    }
    kernel.process(ins, outs, n);
  }
  return out;
}
