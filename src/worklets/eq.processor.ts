/**
 * AudioWorkletGlobalScope adapter over the shared EQ kernel: realtime preview and offline export both run it.
 * Everything is allocated in the constructor; process() only hands the blocks to the kernel.
 */
import { BAND_COUNT } from '../shared/dsp/bands.ts';
import { EqKernel } from '../shared/dsp/eq-kernel.ts';
import { EQ_PROCESSOR_NAME, type EqProcessorMessage, type EqProcessorOptions } from '../shared/protocol.ts';

/** Render quanta are 128 frames today; a larger hint (Chrome's renderSizeHint) is processed in slices. */
const MAX_BLOCK = 1024;

class EqProcessor extends AudioWorkletProcessor implements AudioWorkletProcessorImpl {
  private readonly kernel: EqKernel;
  private readonly inSlices: Float32Array[];
  private readonly outSlices: Float32Array[];
  /** No input in the last quantum: the filter memories are stale and are cleared when audio comes back. */
  private idle = true;

  // The node's options, as passed to `new AudioWorkletNode(ctx, name, options)`.
  constructor(options: { processorOptions: EqProcessorOptions }) {
    super();
    const opts = options.processorOptions;
    this.kernel = new EqKernel(opts.channelCount, BAND_COUNT, MAX_BLOCK);
    if (opts.sos) this.kernel.setCoefficients(opts.sos, 0);
    this.inSlices = new Array<Float32Array>(opts.channelCount);
    this.outSlices = new Array<Float32Array>(opts.channelCount);
    this.port.onmessage = (e: MessageEvent<EqProcessorMessage>) => {
      const msg = e.data;
      if (msg.type === 'coefficients') this.kernel.setCoefficients(msg.sos, msg.rampSeconds * sampleRate);
    };
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const input = inputs[0];
    const output = outputs[0]!;
    const frames = output[0]?.length ?? 0;
    // No source connected yet (or it ended): the node outputs silence.
    if (!input || input.length < this.kernel.channels) {
      for (const ch of output) ch.fill(0);
      this.idle = true;
      return true;
    }
    // Audio comes back (play after a pause, a new file): start from clean memories, at exactly the first
    // sample. A reset message from the page would land a render quantum or two late, in the middle of the
    // new audio, and clearing the memories there makes a click (measured: +0.4 dB of true peak on noise).
    if (this.idle) {
      this.kernel.reset();
      this.idle = false;
    }
    if (frames <= MAX_BLOCK) {
      this.kernel.process(input, output, frames);
      return true;
    }
    for (let start = 0; start < frames; start += MAX_BLOCK) {
      const n = Math.min(MAX_BLOCK, frames - start);
      for (let c = 0; c < this.kernel.channels; c++) {
        this.inSlices[c] = input[c]!.subarray(start, start + n);
        this.outSlices[c] = output[c]!.subarray(start, start + n);
      }
      this.kernel.process(this.inSlices, this.outSlices, n);
    }
    return true;
  }
}

registerProcessor(EQ_PROCESSOR_NAME, EqProcessor);
