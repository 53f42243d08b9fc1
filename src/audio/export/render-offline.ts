/**
 * Renders a buffer through the EQ for export: the shared kernel (the one the live preview's AudioWorklet
 * runs, src/shared/dsp/eq-kernel.ts) over the whole song at its own rate and channel count, on the page's
 * thread in slices of a few milliseconds of work, reporting progress and stopping when cancelled between
 * slices. Same kernel, same coefficients, same samples in: the file is what the user heard.
 *
 * Not an OfflineAudioContext with the EQ worklet, which this was: Chromium never frees an
 * OfflineAudioContext that has an AudioWorklet, rendered audio and all (Tonejs/Tone.js#1128; measured here:
 * each four-minute stereo export left 81 MB in the tab), so a batch of twenty songs grew the tab by 1.6 GB.
 */
import { abortError } from '../../shared/cancel.ts';
import { BAND_COUNT } from '../../shared/dsp/bands.ts';
import { eqDesign } from '../../shared/dsp/eq-command.ts';
import { EqKernel } from '../../shared/dsp/eq-kernel.ts';

/** Audio rendered between two looks at the page's other work (a few milliseconds of kernel time). */
const SLICE_SECONDS = 2;
const PROGRESS_STEPS = 20;

/** Lets the page handle input and timers between slices (a message, unlike setTimeout, is not clamped). */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

export async function renderThroughEq(
  buffer: AudioBuffer,
  commandDb: ArrayLike<number>,
  opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<AudioBuffer> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw abortError('The export');
  const { length, sampleRate, numberOfChannels: channels } = buffer;
  const out = new AudioBuffer({ length, numberOfChannels: channels, sampleRate });
  const kernel = new EqKernel(channels, BAND_COUNT);
  kernel.setCoefficients(eqDesign(commandDb, sampleRate).sos, 0);
  const src = Array.from({ length: channels }, (_, c) => buffer.getChannelData(c));
  const dst = Array.from({ length: channels }, (_, c) => out.getChannelData(c));
  const ins = src.map((s) => s.subarray(0, 0));
  const outs = dst.map((d) => d.subarray(0, 0));
  const block = kernel.maxBlock;
  const slice = Math.max(block, Math.round((sampleRate * SLICE_SECONDS) / block) * block);
  const reportEvery = Math.max(slice, Math.ceil(length / PROGRESS_STEPS));
  let reported = 0;
  for (let start = 0; start < length; start += slice) {
    const end = Math.min(length, start + slice);
    for (let s = start; s < end; s += block) {
      const n = Math.min(block, end - s);
      for (let c = 0; c < channels; c++) {
        ins[c] = src[c]!.subarray(s, s + n);
        outs[c] = dst[c]!.subarray(s, s + n);
      }
      kernel.process(ins, outs, n);
    }
    if (end < length) {
      if (end - reported >= reportEvery) {
        reported = end;
        onProgress?.(end / length);
      }
      await yieldToPage();
      if (signal?.aborted) throw abortError('The export');
    }
  }
  onProgress?.(1);
  return out;
}
