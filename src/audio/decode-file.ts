/**
 * From a user's file to an AudioBuffer at the file's own sample rate, with every way this can go wrong turned
 * into a sentence the user can act on. decodeAudioData resamples to its context's rate, so the native rate is
 * read from the header first and the file is decoded by an OfflineAudioContext running at that rate.
 */
import { sniffSampleRate } from '../shared/audio-header/sample-rate.ts';

/** Refused before reading: a file this big would not fit in the tab's memory once decoded. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Refused after reading the header, or after decoding: about 2 GB of float samples. */
export const MAX_DECODED_BYTES = 2 * 1024 ** 3;
const FALLBACK_RATE = 48000;

export class AudioFileError extends Error {}

export interface DecodedFile {
  name: string;
  buffer: AudioBuffer;
  /** Peak absolute sample value over all channels (0 for a silent file). */
  peak: number;
}

function wavDecodedBytes(bytes: Uint8Array): number | undefined {
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== 'RIFF') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 12;
  let channels = 0;
  let bits = 0;
  while (o + 8 <= bytes.length) {
    const id = String.fromCharCode(...bytes.subarray(o, o + 4));
    const size = view.getUint32(o + 4, true);
    if (id === 'fmt ' && o + 24 <= bytes.length) {
      channels = view.getUint16(o + 10, true);
      bits = view.getUint16(o + 22, true);
    }
    if (id === 'data' && channels && bits) return (size / (bits / 8)) * 4;
    o += 8 + size + (size & 1);
  }
  return undefined;
}

export async function decodeFile(file: File, signal?: AbortSignal): Promise<DecodedFile> {
  if (file.size === 0) throw new AudioFileError(`“${file.name}” is empty.`);
  if (file.size > MAX_FILE_BYTES) {
    throw new AudioFileError(`“${file.name}” is too large to open safely in a browser tab (over 512 MB).`);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  signal?.throwIfAborted();
  const wavBytes = wavDecodedBytes(bytes);
  if (wavBytes !== undefined && wavBytes > MAX_DECODED_BYTES) {
    throw new AudioFileError(
      `“${file.name}” is too long to open safely in a browser tab (over 2 GB of audio once decoded).`,
    );
  }
  const rate = sniffSampleRate(bytes) ?? FALLBACK_RATE;
  let buffer: AudioBuffer;
  try {
    buffer = await new OfflineAudioContext(1, 1, rate).decodeAudioData(bytes.buffer);
  } catch {
    throw new AudioFileError(
      `“${file.name}” could not be read as audio. It may not be an audio file, or it may be damaged or cut short.`,
    );
  }
  signal?.throwIfAborted();
  if (buffer.length === 0 || buffer.duration < 0.05)
    throw new AudioFileError(`“${file.name}” contains no audio.`);
  let peak = 0;
  for (let c = 0; c < buffer.numberOfChannels; c++) {
    const d = buffer.getChannelData(c);
    for (let i = 0; i < d.length; i++) {
      const a = Math.abs(d[i]!);
      if (a > peak) peak = a;
    }
  }
  return { name: file.name, buffer, peak };
}

/** Min/max peaks per channel for the waveform, computed once (wavesurfer then never decodes the file). */
export function waveformPeaks(buffer: AudioBuffer, points = 4000): Float32Array[] {
  const out: Float32Array[] = [];
  const channels = Math.min(2, buffer.numberOfChannels);
  for (let c = 0; c < channels; c++) {
    const d = buffer.getChannelData(c);
    const n = Math.min(points, d.length);
    const peaks = new Float32Array(n);
    const step = d.length / n;
    for (let p = 0; p < n; p++) {
      let m = 0;
      const end = Math.min(d.length, Math.floor((p + 1) * step));
      for (let i = Math.floor(p * step); i < end; i++) {
        const a = Math.abs(d[i]!);
        if (a > m) m = a;
      }
      peaks[p] = m;
    }
    out.push(peaks);
  }
  return out;
}
