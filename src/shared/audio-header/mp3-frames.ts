/**
 * MPEG audio (MP1/MP2/MP3) frame headers and the encoder's summary frame (Xing/Info by LAME and most
 * encoders, VBRI by Fraunhofer's), enough to tell how long a stream claims to be and where it really ends.
 * Pure; reads only the bytes it is given.
 */
import { ascii, id3v2Length, u32be } from './bytes.ts';

export interface Mp3Frame {
  /** Byte offset of the frame's header. */
  offset: number;
  /** 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5 (the header's two version bits). */
  version: number;
  /** 1, 2 or 3. */
  layer: number;
  sampleRate: number;
  channels: number;
  /** Header, side information and data. */
  bytes: number;
  samples: number;
}

const RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};
/** kbit/s by [MPEG-1 ? layer : 'v2' + (layer 1 ? '' : 'x')][index]. */
const KBPS = {
  v1l1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  v1l2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  v1l3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2l1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  v2lx: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

/** The frame whose header starts at `o`, or undefined if the four bytes there are not a valid header. */
export function mp3FrameAt(b: Uint8Array, o: number): Mp3Frame | undefined {
  if (o + 4 > b.length || b[o] !== 0xff || (b[o + 1]! & 0xe0) !== 0xe0) return undefined;
  const version = (b[o + 1]! >> 3) & 3;
  const layer = 4 - ((b[o + 1]! >> 1) & 3);
  const bitrateIndex = b[o + 2]! >> 4;
  const rateIndex = (b[o + 2]! >> 2) & 3;
  if (version === 1 || layer === 4 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
    return undefined;
  const sampleRate = RATES[version]![rateIndex]!;
  const padding = (b[o + 2]! >> 1) & 1;
  const mpeg1 = version === 3;
  const table = mpeg1 ? (['v1l1', 'v1l2', 'v1l3'] as const)[layer - 1]! : layer === 1 ? 'v2l1' : 'v2lx';
  const bitsPerSecond = KBPS[table][bitrateIndex]! * 1000;
  const samples = layer === 1 ? 384 : layer === 3 && !mpeg1 ? 576 : 1152;
  const bytes =
    layer === 1
      ? (Math.floor((12 * bitsPerSecond) / sampleRate) + padding) * 4
      : Math.floor(((samples / 8) * bitsPerSecond) / sampleRate) + padding;
  const channels = b[o + 3]! >> 6 === 3 ? 1 : 2;
  return { offset: o, version, layer, sampleRate, channels, bytes, samples };
}

/**
 * The first frame after any ID3v2 tag, confirmed by the header of the frame that follows it (when the bytes
 * reach that far), so that a stray 0xFF in a tag or in junk is not taken for audio.
 */
export function firstMp3Frame(b: Uint8Array, searchBytes = 65536): Mp3Frame | undefined {
  const start = id3v2Length(b);
  for (let o = start, end = Math.min(b.length - 4, start + searchBytes); o < end; o++) {
    const f = mp3FrameAt(b, o);
    if (!f) continue;
    const next = o + f.bytes;
    if (next + 4 > b.length || sameStream(f, mp3FrameAt(b, next))) return f;
  }
  return undefined;
}

export function sameStream(a: Mp3Frame, b: Mp3Frame | undefined): boolean {
  return !!b && a.version === b.version && a.layer === b.layer && a.sampleRate === b.sampleRate;
}

export interface Mp3Summary {
  /** Audio frames in the stream (the summary frame itself not counted). */
  frames?: number;
  /** Bytes of the whole stream, summary frame included. */
  streamBytes?: number;
}

/** The Xing/Info or VBRI frame an encoder writes first, if `first` is one. */
export function mp3Summary(b: Uint8Array, first: Mp3Frame): Mp3Summary | undefined {
  // Xing/Info sits right after the side information, whose size depends on version and channels.
  const side = first.version === 3 ? (first.channels === 1 ? 17 : 32) : first.channels === 1 ? 9 : 17;
  const x = first.offset + 4 + side;
  if (x + 8 <= b.length && (ascii(b, x, 4) === 'Xing' || ascii(b, x, 4) === 'Info')) {
    const flags = u32be(b, x + 4);
    let o = x + 8;
    const out: Mp3Summary = {};
    if (flags & 1 && o + 4 <= b.length) {
      out.frames = u32be(b, o);
      o += 4;
    }
    if (flags & 2 && o + 4 <= b.length) out.streamBytes = u32be(b, o);
    return out;
  }
  const v = first.offset + 36;
  if (v + 18 <= b.length && ascii(b, v, 4) === 'VBRI') {
    return { streamBytes: u32be(b, v + 10), frames: u32be(b, v + 14) };
  }
  return undefined;
}
