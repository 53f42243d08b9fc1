/**
 * The fallback decoder: a whole file through decodeAudioData, for what the streaming reader cannot read in
 * this browser (src/audio/decode/: WAV, and whatever mediabunny demuxes and WebCodecs decodes, which in
 * Chromium is everything decodeAudioData reads). It holds the whole file and the whole decoded song, so it
 * has its own, lower limit. decodeAudioData resamples to its context's rate, so the native rate is read
 * from the header first and the file is decoded by an OfflineAudioContext running at that rate.
 */
import { sniffDurationSeconds, sniffSampleRate } from '../shared/audio-header/sample-rate.ts';
import { WavEncoder } from '../shared/wav/wav-encode.ts';
import { isWav, wavLayout } from '../shared/wav/wav-layout.ts';

/**
 * Decoded float32 audio this path takes: the song is held twice for a moment (the AudioBuffer, then the
 * WAV the app plays and exports from), so 1 GB here is 2 GB in the tab: about 45 minutes of 48 kHz stereo.
 */
export const MAX_WHOLE_DECODE_BYTES = 1024 ** 3;
const MAX_FILE_BYTES = MAX_WHOLE_DECODE_BYTES;
/** Channels assumed when a header does not say: stereo. */
const ASSUMED_CHANNELS = 2;
const FALLBACK_RATE = 48000;

const wholeLimitText = (name: string) =>
  `“${name}” is too long to open safely in this browser: it can only decode this kind of file whole, and ` +
  `at this length that would need more memory than a tab can count on (about 45 minutes of 48 kHz stereo ` +
  `at most). Convert it to WAV, which opens at any length up to about 3 hours, or open it in a browser that ` +
  `decodes audio with WebCodecs (Chrome, Edge, Firefox).`;

export class AudioFileError extends Error {}

export interface DecodedFile {
  name: string;
  buffer: AudioBuffer;
  /** Peak absolute sample value over all channels (0 for a silent file). */
  peak: number;
  /** Something the user should know although the file opened (it is cut short, it is silent). */
  warning: string | null;
}

/** The WAV header's view of the file, when it is a WAV file whose header we read. */
function wavFacts(bytes: Uint8Array): { decodedBytes: number; truncated: boolean } | undefined {
  try {
    const l = wavLayout(bytes, bytes.length);
    if ('needBytes' in l) return undefined;
    return { decodedBytes: (l.declaredFrames ?? l.frames) * l.channelCount * 4, truncated: l.truncated };
  } catch {
    return undefined;
  }
}

export async function decodeFile(file: File, signal?: AbortSignal): Promise<DecodedFile> {
  if (file.size === 0) throw new AudioFileError(`“${file.name}” is empty.`);
  if (file.size > MAX_FILE_BYTES) throw new AudioFileError(wholeLimitText(file.name));
  const bytes = new Uint8Array(await file.arrayBuffer());
  signal?.throwIfAborted();
  const wav = isWav(bytes) ? wavFacts(bytes) : undefined;
  const rate = sniffSampleRate(bytes) ?? FALLBACK_RATE;
  const seconds = sniffDurationSeconds(bytes);
  const expectedBytes =
    wav && !wav.truncated ? wav.decodedBytes : (seconds ?? 0) * rate * ASSUMED_CHANNELS * 4;
  if (expectedBytes > MAX_WHOLE_DECODE_BYTES) throw new AudioFileError(wholeLimitText(file.name));
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

/**
 * A decoded song as a 32-bit float WAV file, written in pieces (never one more copy of the whole song in
 * the page): what the app plays and exports from when the original can only be decoded whole.
 */
export function asWavFile(buffer: AudioBuffer, name: string): File {
  const channels = buffer.numberOfChannels;
  const encoder = new WavEncoder('float32', buffer.sampleRate, channels);
  const parts: BlobPart[] = [encoder.header(buffer.length) as Uint8Array<ArrayBuffer>];
  const PIECE = 1 << 16;
  const data = Array.from({ length: channels }, (_, c) => buffer.getChannelData(c));
  for (let at = 0; at < buffer.length; at += PIECE) {
    const n = Math.min(PIECE, buffer.length - at);
    const bytes = new Uint8Array(n * encoder.bytesPerFrame);
    encoder.encodeInto(data, at, n, bytes);
    parts.push(bytes);
  }
  return new File(parts, name.replace(/\.[^.]*$/, '') + '.wav', { type: 'audio/wav' });
}
