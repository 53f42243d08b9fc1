/** Parses RIFF/WAVE (PCM 8/16/24/32-bit, IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE, RF64) into float channels. Pure. */
import { wavLayout, wavSamplesToFloat, type WavSampleFormat } from './wav-layout.ts';

export type { WavSampleFormat };

export interface PcmAudio {
  sampleRate: number;
  channels: Float32Array[];
}

export interface DecodedWav extends PcmAudio {
  format: WavSampleFormat;
  /** The header promised more audio than the file holds: what is there was read. */
  truncated: boolean;
}

/** Throws an Error with a one-line, user-facing reason when the bytes are not a WAV file we can read. */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const layout = wavLayout(bytes, bytes.length);
  // The whole file is here, so the layout never asks for more of it.
  if ('needBytes' in layout) throw new Error('WAV file has no audio data');
  const channels = Array.from({ length: layout.channelCount }, () => new Float32Array(layout.frames));
  const data = bytes.subarray(layout.dataStart, layout.dataStart + layout.dataBytes);
  wavSamplesToFloat(data, layout, layout.frames, channels);
  return { sampleRate: layout.sampleRate, channels, format: layout.format, truncated: layout.truncated };
}
