/**
 * What the page watches while a song plays, on the live player's taps (live-player.ts):
 *
 *   original  ─► AnalyserNode ─┐ spectra, read by the page once per frame (src/app/analyser/)
 *   equalised ─► AnalyserNode ─┘
 *   heard     ─► meter tap (AudioWorklet, the shared LoudnessMeter) ─► readings every 100 ms
 *
 * All three only listen: nothing here is connected to the destination, so the audio heard is the same with
 * or without a monitor (tests/e2e/app-analyser.spec.ts counts the context's underruns with and without).
 * Analysers and the worklet are "pulled" by the context although nothing consumes their output.
 */
import processorUrl from '../worklets/meter.processor.ts?worker&url';
import {
  METER_PROCESSOR_NAME,
  type MeterProcessorMessage,
  type MeterProcessorOptions,
  type MeterReading,
} from '../shared/protocol.ts';

const loaded = new WeakMap<BaseAudioContext, Promise<void>>();

function loadMeterProcessor(ctx: BaseAudioContext): Promise<void> {
  let p = loaded.get(ctx);
  if (!p) {
    p = ctx.audioWorklet.addModule(processorUrl);
    loaded.set(ctx, p);
  }
  return p;
}

/** About 0.17 s of audio per transform: 8192 points at 44.1 and 48 kHz (5.4–5.9 Hz per bin), more above. */
export function analyserFftSize(sampleRate: number): number {
  return Math.min(32768, Math.max(2048, 2 ** Math.round(Math.log2(sampleRate * 0.17))));
}

export interface MonitorTaps {
  original: AudioNode;
  equalised: AudioNode;
  heard: AudioNode;
}

export const SILENT_READING: MeterReading = {
  momentaryLufs: -Infinity,
  shortTermLufs: -Infinity,
  truePeakDbtp: -Infinity,
  integratedLufs: -Infinity,
  frames: 0,
};

export class LiveMonitor {
  readonly original: AnalyserNode;
  readonly equalised: AnalyserNode;
  private reading: MeterReading = SILENT_READING;
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly taps: MonitorTaps,
    private readonly meter: AudioWorkletNode,
  ) {
    const ctx = meter.context;
    const fftSize = analyserFftSize(ctx.sampleRate);
    // The analysers' own smoothing over time (per bin, between frames): steady enough to read, quick to follow.
    const opts: AnalyserOptions = { fftSize, smoothingTimeConstant: 0.75, minDecibels: -140, maxDecibels: 0 };
    this.original = new AnalyserNode(ctx, opts);
    this.equalised = new AnalyserNode(ctx, opts);
    taps.original.connect(this.original);
    taps.equalised.connect(this.equalised);
    taps.heard.connect(meter);
    meter.port.onmessage = (e: MessageEvent<MeterReading>) => {
      this.reading = e.data;
      this.listeners.forEach((l) => l());
    };
  }

  static async create(ctx: AudioContext, taps: MonitorTaps & { channelCount: number }): Promise<LiveMonitor> {
    const { channelCount } = taps;
    await loadMeterProcessor(ctx);
    const processorOptions: MeterProcessorOptions = { channelCount };
    const meter = new AudioWorkletNode(ctx, METER_PROCESSOR_NAME, {
      numberOfInputs: 1,
      numberOfOutputs: 0,
      channelCount,
      channelCountMode: 'explicit',
      channelInterpretation: 'discrete',
      processorOptions,
    });
    return new LiveMonitor(taps, meter);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The meter's latest values (a new object every 100 ms). */
  getReading = (): MeterReading => this.reading;

  /** The meter starts over: a new listening (play pressed), or the user reset the peak. */
  resetMeter(): void {
    const msg: MeterProcessorMessage = { type: 'reset' };
    this.meter.port.postMessage(msg);
    this.reading = SILENT_READING;
    this.listeners.forEach((l) => l());
  }

  dispose(): void {
    this.meter.port.onmessage = null;
    this.listeners.clear();
    // The player may have closed the context already; disconnecting then is harmless but can throw.
    try {
      this.taps.original.disconnect(this.original);
      this.taps.equalised.disconnect(this.equalised);
      this.taps.heard.disconnect(this.meter);
    } catch {
      /* already gone with its context */
    }
  }
}
