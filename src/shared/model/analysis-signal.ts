/**
 * The one way a decoded song becomes the model's input signal: the mean of its channels, resampled to the
 * contract's rate by the shared resampler. The browser's analysis worker and `eq analyze` both call this, so
 * they see the same samples whenever their decoders agree (they do, bit for bit, on WAV).
 */
import { resampleChannel } from '../dsp/resample.ts';
import { mixdown } from '../features/index.ts';
import { CONTRACT } from './contract.ts';

/** Always a new array (never one of the inputs), so the caller may transfer or modify it. */
export function analysisSignal(channels: readonly Float32Array[], sampleRate: number): Float32Array {
  const mono = mixdown(channels);
  const rate = CONTRACT.input.sampleRateHz;
  if (sampleRate !== rate) return resampleChannel(mono, sampleRate, rate);
  return mono === channels[0] ? mono.slice() : mono;
}
