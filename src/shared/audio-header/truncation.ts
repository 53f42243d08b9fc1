/**
 * Is a file cut short (an interrupted download or copy)? Decoders read what is there and say nothing, so a
 * song whose header promises 4:00 opens as 1:35. Two kinds of evidence, per format:
 *  - a promise: the duration the header states (WAV data size, FLAC STREAMINFO, the MP3 Xing/Info/VBRI
 *    frame count, MP4 mvhd) against what the decoder produced, when the caller passes that;
 *  - structure: the bytes stop inside a unit the format says is longer (WAV data chunk, MP3 frame, Ogg page,
 *    MP4 box), or an Ogg stream lacks its end-of-stream page, or an MP4 file lacks its index.
 * Formats with neither (a raw AAC stream, say) cannot be judged. Pure; the browser and the CLI share it.
 */
import { ascii, u32be, u32le } from './bytes.ts';
import { firstMp3Frame, mp3FrameAt, mp3Summary, sameStream } from './mp3-frames.ts';

export interface Truncation {
  /** A clause for the user: "its header promises 4:00 but it holds 1:35". */
  reason: string;
  /** What the header promises, when it says. */
  promisedSeconds?: number;
  /** What is there: decoded, or estimated from the bytes. */
  presentSeconds?: number;
}

/** What one format's header and structure say. */
interface Evidence {
  promisedSeconds?: number;
  presentSeconds?: number;
  /** The bytes stop where the structure says they cannot: why. */
  structural?: string;
}

/**
 * A shortfall under this is not taken as truncation: decoders drop encoder delay and padding (MP3, AAC) and
 * round to whole frames, which costs a fraction of a second.
 */
export function truncationToleranceSeconds(promisedSeconds: number): number {
  return Math.max(0.5, 0.002 * promisedSeconds);
}

/**
 * Says how a file is cut short, or undefined when it looks whole or the format gives no evidence.
 * `decodedSeconds`: the duration the decoder produced, when known (sharper than the bytes alone).
 * `fileSize`: when `bytes` is only the start of the file (the browser does not read a long file whole),
 * its real size; evidence that needs bytes past the view (the MP3 frame walk, the Ogg pages, MP4 boxes
 * further on) is then not taken, and the header's promise still is.
 */
export function detectTruncation(
  bytes: Uint8Array,
  decodedSeconds?: number,
  fileSize = bytes.length,
): Truncation | undefined {
  const e = evidence(bytes, Math.max(fileSize, bytes.length));
  if (!e) return undefined;
  const present = decodedSeconds ?? e.presentSeconds;
  const promised = e.promisedSeconds;
  const short =
    promised !== undefined &&
    present !== undefined &&
    promised - present > truncationToleranceSeconds(promised);
  if (!short && !e.structural) return undefined;
  const reason =
    promised !== undefined && present !== undefined && promised > present
      ? `its header promises ${formatDuration(promised)} but it holds ${formatDuration(present)}`
      : e.structural!;
  const out: Truncation = { reason };
  if (promised !== undefined) out.promisedSeconds = promised;
  if (present !== undefined) out.presentSeconds = present;
  return out;
}

/** 4:00, 1:02:03; under a minute with tenths (12.5 s), so short files still read sensibly. */
export function formatDuration(seconds: number): string {
  if (seconds < 59.95) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** `size`: the whole file's size (b may be its first bytes only). */
function evidence(b: Uint8Array, size: number): Evidence | undefined {
  if (b.length < 12) return undefined;
  const magic = ascii(b, 0, 4);
  if (magic === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return wav(b, size);
  if (magic === 'fLaC') return flac(b);
  // The page walk needs every byte.
  if (magic === 'OggS') return b.length < size ? undefined : ogg(b);
  if (ascii(b, 4, 4) === 'ftyp') return mp4(b, size);
  return mp3(b, size);
}

function wav(b: Uint8Array, fileSize: number): Evidence | undefined {
  let bytesPerSecond = 0;
  for (let o = 12; o + 8 <= b.length;) {
    const id = ascii(b, o, 4);
    const size = u32le(b, o + 4);
    if (id === 'fmt ' && o + 20 <= b.length) bytesPerSecond = u32le(b, o + 16);
    if (id === 'data') {
      // Streams written to a pipe carry a placeholder size: they promise nothing.
      if (size === 0 || size === 0xffffffff || !bytesPerSecond) return undefined;
      const present = Math.min(size, fileSize - o - 8) / bytesPerSecond;
      return {
        promisedSeconds: size / bytesPerSecond,
        presentSeconds: present,
        ...(o + 8 + size > fileSize ? { structural: 'its audio data ends before its header says' } : {}),
      };
    }
    o += 8 + size + (size & 1);
  }
  return undefined;
}

function flac(b: Uint8Array): Evidence | undefined {
  // STREAMINFO: rate 20 bits at data offset 10, then channels, bits, and 36 bits of total samples (0: unknown).
  const d = 8;
  if (b.length < d + 18 || (b[4]! & 0x7f) !== 0) return undefined;
  const rate = (b[d + 10]! << 12) | (b[d + 11]! << 4) | (b[d + 12]! >> 4);
  const total = (b[d + 13]! & 0x0f) * 2 ** 32 + u32be(b, d + 14);
  return rate && total ? { promisedSeconds: total / rate } : undefined;
}

function mp3(b: Uint8Array, fileSize: number): Evidence | undefined {
  const first = firstMp3Frame(b);
  if (!first) return undefined;
  const out: Evidence = {};
  const summary = mp3Summary(b, first);
  if (summary?.frames) {
    out.promisedSeconds = (summary.frames * first.samples) / first.sampleRate;
    if (summary.streamBytes) {
      const fraction = Math.min(1, (fileSize - first.offset) / summary.streamBytes);
      out.presentSeconds = out.promisedSeconds * fraction;
    }
  }
  // Walk the frames: a file cut at a random byte almost always stops inside one.
  let o = first.offset;
  for (;;) {
    const f = mp3FrameAt(b, o);
    if (!sameStream(first, f)) break; // the end, a trailing tag (ID3v1, APE) or junk: no evidence
    if (o + f!.bytes > b.length) {
      // Past the bytes given but not past the file: nothing is known of the rest.
      if (b.length >= fileSize) out.structural = 'it ends in the middle of an MPEG audio frame';
      break;
    }
    o += f!.bytes;
  }
  return out;
}

function ogg(b: Uint8Array): Evidence | undefined {
  const ended = new Map<number, boolean>();
  let rate = 0;
  let lastGranule = 0;
  let firstSerial: number | undefined;
  let o = 0;
  while (o + 27 <= b.length) {
    if (ascii(b, o, 4) !== 'OggS') return undefined; // not a clean page sequence: no judgement
    const segments = b[o + 26]!;
    if (o + 27 + segments > b.length) return { structural: 'it ends in the middle of an Ogg page' };
    let size = 27 + segments;
    for (let i = 0; i < segments; i++) size += b[o + 27 + i]!;
    if (o + size > b.length) return { structural: 'it ends in the middle of an Ogg page' };
    const serial = u32le(b, o + 14);
    firstSerial ??= serial;
    ended.set(serial, (b[o + 5]! & 4) !== 0);
    if (serial === firstSerial) {
      const body = o + 27 + segments;
      if (!rate) rate = oggStreamRate(b, body, size - 27 - segments);
      const granule = u32le(b, o + 6) + u32le(b, o + 10) * 2 ** 32;
      if (granule > 0 && granule < 2 ** 52) lastGranule = granule;
    }
    o += size;
  }
  if (o !== b.length) return { structural: 'it ends in the middle of an Ogg page' };
  const present = rate && lastGranule ? { presentSeconds: lastGranule / rate } : {};
  return [...ended.values()].every(Boolean)
    ? present
    : { ...present, structural: 'its Ogg stream stops without its end-of-stream page' };
}

function oggStreamRate(b: Uint8Array, body: number, n: number): number {
  if (n >= 8 && ascii(b, body, 8) === 'OpusHead') return 48000; // granules count 48 kHz samples
  if (n >= 16 && ascii(b, body, 7) === '\x01vorbis') return u32le(b, body + 12);
  if (n >= 13 && ascii(b, body, 5) === '\x7fFLAC')
    return (b[body + 27]! << 12) | (b[body + 28]! << 4) | (b[body + 29]! >> 4);
  return 0;
}

function mp4(b: Uint8Array, fileSize: number): Evidence | undefined {
  const out: Evidence = {};
  let sawMoov = false;
  let o = 0;
  for (; o + 8 <= b.length;) {
    let size = u32be(b, o);
    const type = ascii(b, o + 4, 4);
    if (size === 1 && o + 16 <= b.length) size = u32be(b, o + 8) * 2 ** 32 + u32be(b, o + 12);
    else if (size === 0) size = fileSize - o; // the last box runs to the end of the file
    if (size < 8) return out; // not a box we can follow
    if (type === 'moov') {
      sawMoov = true;
      const promised = mvhdSeconds(b, o + 8, Math.min(b.length, o + size));
      if (promised) out.promisedSeconds = promised;
    }
    if (o + size > fileSize) {
      out.structural = `it ends inside its '${type.replace(/[^\x20-\x7e]/g, '?')}' box`;
      break;
    }
    o += size;
  }
  // Boxes past the bytes given are unseen: a missing index is known from the whole file only.
  if (!sawMoov && (b.length >= fileSize || o >= fileSize))
    out.structural = "its index (the 'moov' box) is missing";
  return out;
}

function mvhdSeconds(b: Uint8Array, from: number, to: number): number | undefined {
  for (let o = from; o + 8 <= to;) {
    const size = u32be(b, o);
    if (ascii(b, o + 4, 4) === 'mvhd' && o + 32 <= to) {
      const v1 = b[o + 8] === 1;
      const timescale = v1 ? u32be(b, o + 28) : u32be(b, o + 20);
      const duration = v1 ? u32be(b, o + 32) * 2 ** 32 + u32be(b, o + 36) : u32be(b, o + 24);
      return timescale && duration && duration !== 0xffffffff ? duration / timescale : undefined;
    }
    if (size < 8) return undefined;
    o += size;
  }
  return undefined;
}
