/**
 * Integrated loudness (LUFS) of whole channels per ITU-R BS.1770-4 / EBU R128: the loudness meter
 * (loudness-meter.ts) without its true-peak part. Clips shorter than one 400 ms block are measured as one
 * block padded with silence.
 */
import { LoudnessMeter } from './loudness-meter.ts';

/** Returns −Infinity for silence (every block below the absolute gate). */
export function integratedLoudness(channels: readonly Float32Array[], sampleRate: number): number {
  const frames = channels[0]?.length ?? 0;
  if (frames === 0) return -Infinity;
  const block = Math.round(0.4 * sampleRate);
  const input =
    frames >= block
      ? channels
      : channels.map((ch) => {
          const padded = new Float32Array(block);
          padded.set(ch);
          return padded;
        });
  const meter = new LoudnessMeter(input.length, sampleRate, { truePeak: false });
  meter.push(input, input[0]!.length);
  return meter.integratedLufs;
}
