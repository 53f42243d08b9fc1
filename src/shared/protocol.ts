/** Every type that crosses a worklet or worker boundary. Plain data only. */

/** Name under which the EQ processor is registered in an AudioWorkletGlobalScope. */
export const EQ_PROCESSOR_NAME = 'sonic-eq';

/** processorOptions of the EQ AudioWorkletNode. */
export interface EqProcessorOptions {
  /** Channels the node processes (its channelCount, set with channelCountMode 'explicit'). */
  channelCount: number;
  /** Initial coefficients (ten sections [b0, b1, b2, a1, a2]); pass-through when absent. */
  sos?: Float64Array;
}

/** Messages the main thread posts to the EQ processor's port. */
export type EqProcessorMessage =
  /** Glide to new coefficients over rampSeconds (0: at once). The memories clear themselves (eq.processor.ts). */
  { type: 'coefficients'; sos: Float64Array; rampSeconds: number };

/** Name under which the loudness meter tap is registered in an AudioWorkletGlobalScope. */
export const METER_PROCESSOR_NAME = 'sonic-meter';

/** processorOptions of the meter tap. */
export interface MeterProcessorOptions {
  /** Channels measured (the node's channelCount, set with channelCountMode 'explicit'). */
  channelCount: number;
}

/** Messages the main thread posts to the meter tap: start over (a new song, a seek). */
export type MeterProcessorMessage = { type: 'reset' };

/** What the meter tap posts every 100 ms: the shared LoudnessMeter's live values for what is heard. */
export interface MeterReading {
  /** Last 400 ms, LUFS (−Infinity in silence). */
  momentaryLufs: number;
  /** Last 3 s, LUFS. */
  shortTermLufs: number;
  /** Largest true peak since the last reset, dBTP. */
  truePeakDbtp: number;
  /** Gated loudness of everything heard since the last reset, LUFS. */
  integratedLufs: number;
  /** Frames measured since the last reset. */
  frames: number;
}
