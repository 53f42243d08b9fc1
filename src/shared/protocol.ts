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
  /** Glide to new coefficients over rampSeconds (0: at once). */
  | { type: 'coefficients'; sos: Float64Array; rampSeconds: number }
  /** Forget the filter memories (after a seek or a new file). */
  | { type: 'reset' };
