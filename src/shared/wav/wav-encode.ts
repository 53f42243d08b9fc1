/**
 * Writes float channels as a RIFF/WAVE file: 16-bit PCM with TPDF dither, 24-bit PCM or 32-bit float, with
 * the title, artist and album in a LIST/INFO chunk when given (RIFF INFO has no field for cover art). Pure.
 * Samples are written through typed-array views rather than a DataView call per sample: a 4-minute stereo
 * song takes tens of milliseconds.
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

export function encodeWav(
  channels: readonly Float32Array[],
  sampleRate: number,
  format: WavOutputFormat,
  dither: TpdfDither = new TpdfDither(),
  tags?: WavInfoTags,
): Uint8Array {
  const nch = channels.length;
  const frames = channels[0]?.length ?? 0;
  const bytesPer = format === 'pcm16' ? 2 : format === 'pcm24' ? 3 : 4;
  const dataSize = frames * nch * bytesPer;
  const info = infoChunk(tags);
  const header = 44 + info.length; // a multiple of 4: the samples stay aligned for typed-array views
  if (header + dataSize + (dataSize & 1) > 0xffffffff) {
    throw new Error('the audio is too long for a WAV file (4 GB limit)');
  }
  const bytes = new Uint8Array(header + dataSize + (dataSize & 1));
  const view = new DataView(bytes.buffer);
  const ascii = (o: number, s: string) => {
    for (let i = 0; i < 4; i++) bytes[o + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, format === 'float32' ? 3 : 1, true);
  view.setUint16(22, nch, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * nch * bytesPer, true);
  view.setUint16(32, nch * bytesPer, true);
  view.setUint16(34, bytesPer * 8, true);
  bytes.set(info, 36);
  ascii(36 + info.length, 'data');
  view.setUint32(40 + info.length, dataSize, true);
  // Typed-array views are little-endian on every platform a browser or Node runs on (x86, ARM).
  if (format === 'pcm16') {
    const out = new Int16Array(bytes.buffer, header, frames * nch);
    channels.forEach((x, c) => dither.to16(x, 0, frames, out, c, nch));
  } else if (format === 'float32') {
    const out = new Float32Array(bytes.buffer, header, frames * nch);
    channels.forEach((x, c) => {
      for (let i = 0, o = c; i < frames; i++, o += nch) out[o] = x[i]!;
    });
  } else {
    channels.forEach((x, c) => {
      for (let i = 0, o = header + 3 * c; i < frames; i++, o += 3 * nch) {
        const s = Math.round(x[i]! * 8388607);
        const v = s > 8388607 ? 8388607 : s < -8388608 ? -8388608 : s;
        bytes[o] = v & 0xff;
        bytes[o + 1] = (v >> 8) & 0xff;
        bytes[o + 2] = (v >> 16) & 0xff;
      }
    });
  }
  return bytes;
}
