/**
 * From a user's file to an AudioBuffer at the file's own sample rate, with every way this can go wrong turned
 * into a sentence the user can act on. decodeAudioData resamples to its context's rate, so the native rate is
 * read from the header first and the file is decoded by an OfflineAudioContext running at that rate.
 */
import { sniffDurationSeconds, sniffSampleRate } from '../shared/audio-header/sample-rate.ts';

/** Refused before reading: a file this big would not fit in the tab's memory once decoded. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
/**
 * Refused after reading the header: decoded audio is float32 per channel, so a 200 MB FLAC of a four-hour
 * recording would need over 5 GB. Two hours of 48 kHz stereo (about 2.8 GB) is the most we try.
 */
export const MAX_DECODED_SECONDS_48K_STEREO = 2 * 3600;
const MAX_DECODED_BYTES = MAX_DECODED_SECONDS_48K_STEREO * 48000 * 2 * 4;
/** Channels assumed when a header does not say: stereo. */
const ASSUMED_CHANNELS = 2;
const FALLBACK_RATE = 48000;

export class AudioFileError extends Error {}

export interface DecodedFile {
  name: string;
  buffer: AudioBuffer;
  /** Peak absolute sample value over all channels (0 for a silent file). */
  peak: number;
  /** Something the user should know although the file opened (it is cut short, it is silent). */
  warning: string | null;
}

interface WavLayout {
  /** Float32 bytes the data chunk decodes to, as its header claims. */
  decodedBytes: number;
  /** The header claims more data than the file holds. */
  truncated: boolean;
}

function wavLayout(bytes: Uint8Array): WavLayout | undefined {
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
    if (id === 'data' && channels && bits) {
      return {
        decodedBytes: (size / (bits / 8)) * 4,
        truncated: size !== 0xffffffff && o + 8 + size > bytes.length,
      };
    }
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
  const wav = wavLayout(bytes);
  const rate = sniffSampleRate(bytes) ?? FALLBACK_RATE;
  const seconds = sniffDurationSeconds(bytes);
  const expectedBytes =
    wav && !wav.truncated ? wav.decodedBytes : (seconds ?? 0) * rate * ASSUMED_CHANNELS * 4;
  if (expectedBytes > MAX_DECODED_BYTES) {
    const hours = seconds ? ` (${(seconds / 3600).toFixed(1)} hours)` : '';
    throw new AudioFileError(
      `“${file.name}” is too long to open safely in a browser tab${hours}: decoded, it would need more memory than a tab can count on.`,
    );
  }
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
  const warning =
    peak === 0
      ? `“${file.name}” is silent: there is nothing to hear or equalise in it.`
      : wav?.truncated
        ? `“${file.name}” seems to be cut short: playing the part that is there.`
        : null;
  return { name: file.name, buffer, peak, warning };
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
