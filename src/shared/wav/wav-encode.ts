/**
 * Writes float channels as a RIFF/WAVE file: 16-bit PCM with TPDF dither, 24-bit PCM or 32-bit float, with
 * the title, artist and album in a LIST/INFO chunk when given (RIFF INFO has no field for cover art). Pure.
 * WavEncoder writes the header and any run of frames on its own, so a long export streams to disk a piece
 * at a time; encodeWav writes a whole file in memory with it. Samples are written through typed-array views
 * rather than a DataView call per sample: a 4-minute stereo song takes tens of milliseconds.
 */
import { TpdfDither } from './dither.ts';

export type WavOutputFormat = 'pcm16' | 'pcm24' | 'float32';

/** Text tags a WAV file can carry (RIFF INFO: INAM, IART, IPRD). */
export interface WavInfoTags {
  title?: string;
  artist?: string;
  album?: string;
}

/** UTF-8 bytes of a string (TextEncoder is not in every realm's typings this module is checked against). */
function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** The LIST/INFO chunk for the tags, or an empty array when there are none. Text is written as UTF-8. */
function infoChunk(tags: WavInfoTags | undefined): Uint8Array {
  const fields: [string, string | undefined][] = [
    ['INAM', tags?.title],
    ['IART', tags?.artist],
    ['IPRD', tags?.album],
  ];
  // Each text NUL-terminated and padded with NULs to an even length; the chunk to a multiple of 4 bytes, so
  // the samples after it stay aligned for 32-bit views.
  const parts = fields
    .filter(([, v]) => v !== undefined && v.trim() !== '')
    .map(([id, v]) => {
      const text = utf8(v!);
      const b = new Uint8Array(text.length + 1 + ((text.length + 1) & 1));
      b.set(text);
      return [id, b] as [string, Uint8Array];
    });
  if (parts.length === 0) return new Uint8Array(0);
  let size = 4 + parts.reduce((s, [, b]) => s + 8 + b.length, 0);
  if (size % 4 !== 0) {
    const last = parts[parts.length - 1]!;
    const b = new Uint8Array(last[1].length + 2);
    b.set(last[1]);
    last[1] = b;
    size += 2;
  }
  const out = new Uint8Array(8 + size);
  const view = new DataView(out.buffer);
  const ascii = (o: number, s: string) => {
    for (let i = 0; i < 4; i++) out[o + i] = s.charCodeAt(i);
  };
  ascii(0, 'LIST');
  view.setUint32(4, size, true);
  ascii(8, 'INFO');
  let o = 12;
  for (const [id, bytes] of parts) {
    ascii(o, id);
    view.setUint32(o + 4, bytes.length, true);
    out.set(bytes, o + 8);
    o += 8 + bytes.length;
  }
  return out;
}

/** Writes a WAV file's header and its frames, in any number of runs. */
export class WavEncoder {
  readonly bytesPerFrame: number;
  private readonly bytesPerSample: number;
  private readonly info: Uint8Array;

  constructor(
    readonly format: WavOutputFormat,
    readonly sampleRate: number,
    readonly channelCount: number,
    private readonly dither: TpdfDither = new TpdfDither(),
    tags?: WavInfoTags,
  ) {
    this.bytesPerSample = format === 'pcm16' ? 2 : format === 'pcm24' ? 3 : 4;
    this.bytesPerFrame = this.bytesPerSample * channelCount;
    this.info = infoChunk(tags);
  }

  /** Bytes before the samples: a multiple of 4, so the samples stay aligned for typed-array views. */
  get headerBytes(): number {
    return 44 + this.info.length;
  }

  /** The bytes after the samples of a file of `frames` frames (a pad byte when the data size is odd). */
  trailer(frames: number): Uint8Array {
    return new Uint8Array((frames * this.bytesPerFrame) & 1);
  }

  /** The header of a file of `frames` frames; throws past the format's 4 GB. */
  header(frames: number): Uint8Array {
    const dataSize = frames * this.bytesPerFrame;
    const total = this.headerBytes + dataSize + (dataSize & 1);
    if (total > 0xffffffff) throw new Error('the audio is too long for a WAV file (4 GB limit)');
    const bytes = new Uint8Array(this.headerBytes);
    const view = new DataView(bytes.buffer);
    const ascii = (o: number, s: string) => {
      for (let i = 0; i < 4; i++) bytes[o + i] = s.charCodeAt(i);
    };
    const info = this.info;
    ascii(0, 'RIFF');
    view.setUint32(4, total - 8, true);
    ascii(8, 'WAVE');
    ascii(12, 'fmt ');
    view.setUint32(16, 16, true);
    view.setUint16(20, this.format === 'float32' ? 3 : 1, true);
    view.setUint16(22, this.channelCount, true);
    view.setUint32(24, this.sampleRate, true);
    view.setUint32(28, this.sampleRate * this.bytesPerFrame, true);
    view.setUint16(32, this.bytesPerFrame, true);
    view.setUint16(34, this.bytesPerSample * 8, true);
    bytes.set(info, 36);
    ascii(36 + info.length, 'data');
    view.setUint32(40 + info.length, dataSize, true);
    return bytes;
  }

  /**
   * Frames [from, from + n) of the channels, interleaved, written into `out` at byte `offset`, which must be
   * aligned for the sample size (a fresh array, or the header's end). Views are little-endian on every
   * platform a browser or Node runs on (x86, ARM).
   */
  encodeInto(channels: readonly Float32Array[], from: number, n: number, out: Uint8Array, offset = 0): void {
    const nch = this.channelCount;
    const at = out.byteOffset + offset;
    if (this.format === 'pcm16') {
      const dst = new Int16Array(out.buffer, at, n * nch);
      channels.forEach((x, c) => this.dither.to16(x, from, n, dst, c, nch));
    } else if (this.format === 'float32') {
      const dst = new Float32Array(out.buffer, at, n * nch);
      channels.forEach((x, c) => {
        for (let i = 0, o = c; i < n; i++, o += nch) dst[o] = x[from + i]!;
      });
    } else {
      channels.forEach((x, c) => {
        for (let i = 0, o = offset + 3 * c; i < n; i++, o += 3 * nch) {
          const s = Math.round(x[from + i]! * 8388607);
          const v = s > 8388607 ? 8388607 : s < -8388608 ? -8388608 : s;
          out[o] = v & 0xff;
          out[o + 1] = (v >> 8) & 0xff;
          out[o + 2] = (v >> 16) & 0xff;
        }
      });
    }
  }
}

export function encodeWav(
  channels: readonly Float32Array[],
  sampleRate: number,
  format: WavOutputFormat,
  dither: TpdfDither = new TpdfDither(),
  tags?: WavInfoTags,
): Uint8Array {
  const frames = channels[0]?.length ?? 0;
  const encoder = new WavEncoder(format, sampleRate, channels.length, dither, tags);
  const header = encoder.header(frames);
  const bytes = new Uint8Array(
    header.length + frames * encoder.bytesPerFrame + encoder.trailer(frames).length,
  );
  bytes.set(header);
  encoder.encodeInto(channels, 0, frames, bytes, header.length);
  return bytes;
}
