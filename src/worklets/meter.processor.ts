/**
 * AudioWorkletGlobalScope adapter over the shared loudness meter (src/shared/loudness): a tap on what is
 * heard, with no output. Everything is allocated in the constructor; process() feeds the render quantum to
 * the meter (which allocates nothing) and posts its values every 100 ms (one small message, ten a second).
 *
 * A new listening starts the meter over: sound after at least NEW_LISTENING_S of digital silence (what the
 * graph gives while nothing plays) resets it at exactly its first sample, so the peak hold and the
 * windows hold what was heard since play was pressed. A reset message from the page would land a render
 * quantum or two into the new sound, or before it, depending on thread timing.
 */
import { LoudnessMeter } from '../shared/loudness/loudness-meter.ts';
import {
  METER_PROCESSOR_NAME,
  type MeterProcessorMessage,
  type MeterProcessorOptions,
  type MeterReading,
} from '../shared/protocol.ts';

const NEW_LISTENING_S = 0.25;

class MeterProcessor extends AudioWorkletProcessor implements AudioWorkletProcessorImpl {
  private readonly meter: LoudnessMeter;
  /** Silence fed while nothing is connected, so momentary and short-term fall as a real meter's do. */
  private silence: Float32Array[] = [];
  private frames = 0;
  private sincePost = 0;
  private silentFrames = 0;

  constructor(options: { processorOptions: MeterProcessorOptions }) {
    super();
    const { channelCount } = options.processorOptions;
    this.meter = new LoudnessMeter(channelCount, sampleRate);
    this.silence = Array.from({ length: channelCount }, () => new Float32Array(128));
    this.port.onmessage = (e: MessageEvent<MeterProcessorMessage>) => {
      if (e.data.type === 'reset') this.reset();
    };
  }

  private reset(): void {
    this.meter.reset();
    this.frames = 0;
    this.sincePost = 0;
  }

  process(inputs: Float32Array[][]): boolean {
    const input = inputs[0];
    let channels: Float32Array[] = input ?? [];
    let n = channels[0]?.length ?? 0;
    if (channels.length < this.meter.channelCount || n === 0) {
      // No active input (a render quantum is 128 frames; a larger size hint would bring an input).
      n = this.silence[0]!.length;
      channels = this.silence;
    }
    if (isSilent(channels, n)) {
      this.silentFrames += n;
    } else {
      if (this.silentFrames >= NEW_LISTENING_S * sampleRate) this.reset();
      this.silentFrames = 0;
    }
    this.meter.push(channels, n);
    this.frames += n;
    this.sincePost += n;
    if (this.sincePost >= this.meter.hopFrames) {
      this.sincePost -= this.meter.hopFrames;
      const reading: MeterReading = {
        momentaryLufs: this.meter.momentaryLufs,
        shortTermLufs: this.meter.shortTermLufs,
        truePeakDbtp: this.meter.truePeakDbtp,
        integratedLufs: this.meter.integratedLufs,
        frames: this.frames,
      };
      this.port.postMessage(reading);
    }
    return true;
  }
}

function isSilent(channels: Float32Array[], n: number): boolean {
  for (const ch of channels) for (let i = 0; i < n; i++) if (ch[i] !== 0) return false;
  return true;
}

registerProcessor(METER_PROCESSOR_NAME, MeterProcessor);
