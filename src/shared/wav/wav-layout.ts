/**
 * Where a RIFF/WAVE (or RF64) file keeps its samples and how they are written, read from its first bytes
 * alone, and the conversion of a run of those bytes to float channels. decodeWav reads whole files with it;
 * the app's streaming reader reads a long file slice by slice with it, never holding the file. Pure.
 */

export type WavSampleFormat = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64';

export interface WavLayout {
  format: WavSampleFormat;
  sampleRate: number;
  channelCount: number;
  /** Bytes per frame (all channels). */
  blockAlign: number;
  /** Byte offset of the first sample. */
  dataStart: number;
  /** Bytes of samples present in the file (whole frames), at most what the header declares. */
  dataBytes: number;
  /** Frames present. */
  frames: number;
  /** Frames the header declares (undefined when it carries a placeholder size: a stream written to a pipe). */
  declaredFrames: number | undefined;
  /** The header promises more data than the file holds. */
  truncated: boolean;
}

/** Not enough of the file was given to find the samples: read `bytes` from its start and ask again. */
export interface NeedMore {
  needBytes: number;
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

/** Usual maximum of a RIFF chunk walk before the data chunk: beyond it we stop looking. */
const MAX_HEADER_BYTES = 64 << 20;

const tag = (b: Uint8Array, o: number) => String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);

/** True for the first bytes of a RIFF/WAVE or RF64/WAVE file. */
export function isWav(head: Uint8Array): boolean {
  return head.length >= 12 && (tag(head, 0) === 'RIFF' || tag(head, 0) === 'RF64') && tag(head, 8) === 'WAVE';
}

/**
 * The layout of a WAV file from its first bytes (`head`) and its size. Throws an Error with a one-line,
 * user-facing reason when the file is not a WAV file we can read.
 */
export function wavLayout(head: Uint8Array, fileSize: number): WavLayout | NeedMore {
  if (!isWav(head)) throw new Error('not a WAV file');
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let offset = 12;
  let fmt: { code: number; channels: number; rate: number; bits: number; align: number } | undefined;
  let rf64DataSize: number | undefined;
  while (offset + 8 <= fileSize) {
    if (offset + 8 > head.length) {
      if (offset + 8 > MAX_HEADER_BYTES) break;
      return { needBytes: Math.min(fileSize, Math.max(offset + 4096, head.length * 2)) };
    }
    const id = tag(head, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ' || id === 'ds64') {
      if (body + Math.min(size, 40) > head.length) return { needBytes: body + 4096 };
    }
    if (id === 'ds64' && size >= 16) {
      rf64DataSize = view.getUint32(body + 8, true) + view.getUint32(body + 12, true) * 2 ** 32;
    } else if (id === 'fmt ') {
      if (size < 16) throw new Error('WAV fmt chunk is too short');
      let code = view.getUint16(body, true);
      if (code === FORMAT_EXTENSIBLE && size >= 40) code = view.getUint16(body + 24, true);
      fmt = {
        code,
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        align: view.getUint16(body + 12, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV data chunk comes before its format');
      return layoutOf(fmt, body, size, rf64DataSize, fileSize);
    }
    offset = body + size + (size & 1);
  }
  throw new Error(fmt ? 'WAV file has no audio data' : 'WAV file has no format chunk');
}

function layoutOf(
  fmt: { code: number; channels: number; rate: number; bits: number; align: number },
  dataStart: number,
  size32: number,
  rf64DataSize: number | undefined,
  fileSize: number,
): WavLayout {
  const { code, channels, bits, rate } = fmt;
  if (channels < 1 || channels > 64) throw new Error(`unsupported channel count ${channels}`);
  if (!(rate >= 1000 && rate <= 768000)) throw new Error(`unsupported sample rate ${rate}`);
  const format = sampleFormat(code, bits);
  const blockAlign = (bits / 8) * channels;
  // RF64 puts the real size in ds64; streams written to a pipe carry a placeholder (0 or 0xFFFFFFFF).
  const declared = size32 === 0xffffffff && rf64DataSize !== undefined ? rf64DataSize : size32;
  const placeholder = declared === 0xffffffff || declared === 0;
  const available = fileSize - dataStart;
  const truncated = !placeholder && declared > available;
  const bytes = placeholder || truncated ? available : declared;
  const frames = Math.floor(Math.max(0, bytes) / blockAlign);
  return {
    format,
    sampleRate: rate,
    channelCount: channels,
    blockAlign,
    dataStart,
    dataBytes: frames * blockAlign,
    frames,
    declaredFrames: placeholder ? undefined : Math.floor(declared / blockAlign),
    truncated,
  };
}

function sampleFormat(code: number, bits: number): WavSampleFormat {
  if (code === FORMAT_PCM && (bits === 8 || bits === 16 || bits === 24 || bits === 32)) {
    return `pcm${bits}` as WavSampleFormat;
  }
  if (code === FORMAT_FLOAT && (bits === 32 || bits === 64)) return `float${bits}` as WavSampleFormat;
  throw new Error(`unsupported WAV encoding (format ${code}, ${bits} bits)`);
}

/** Non-finite samples (a damaged float file) read as silence. */
const finite = (v: number) => (v - v === 0 ? v : 0);

/**
 * Converts `frames` whole frames of interleaved samples starting at `bytes[0]` into float channels, writing
 * `out[c][at + i]`. Typed-array views where the bytes are aligned for them (a slice read from a file is),
 * a DataView otherwise. One plain loop per format and channel: a shared loop calling a per-format reader
 * ran at about 35 ns a sample (a call per sample that V8 would not inline), the plain loops at a few.
 */
export function wavSamplesToFloat(
  bytes: Uint8Array,
  layout: Pick<WavLayout, 'format' | 'channelCount'>,
  frames: number,
  out: readonly Float32Array[],
  at = 0,
): void {
  const nch = layout.channelCount;
  const n = frames * nch;
  const off = bytes.byteOffset;
  const buf = bytes.buffer;
  const view = new DataView(buf, off, bytes.byteLength);
  for (let c = 0; c < nch; c++) {
    const ch = out[c]!;
    switch (layout.format) {
      case 'pcm8':
        for (let i = 0, k = c; i < frames; i++, k += nch) ch[at + i] = (bytes[k]! - 128) / 128;
        break;
      case 'pcm16':
        if (off % 2 === 0) {
          const src = new Int16Array(buf, off, n);
          for (let i = 0, k = c; i < frames; i++, k += nch) ch[at + i] = src[k]! / 32768;
        } else {
          for (let i = 0, k = c; i < frames; i++, k += nch) ch[at + i] = view.getInt16(2 * k, true) / 32768;
        }
        break;
      case 'pcm24':
        for (let i = 0, b = 3 * c; i < frames; i++, b += 3 * nch) {
          ch[at + i] = (((bytes[b]! | (bytes[b + 1]! << 8) | (bytes[b + 2]! << 16)) << 8) >> 8) / 8388608;
        }
        break;
      case 'pcm32':
        if (off % 4 === 0) {
          const src = new Int32Array(buf, off, n);
          for (let i = 0, k = c; i < frames; i++, k += nch) ch[at + i] = src[k]! / 2147483648;
        } else {
          for (let i = 0, k = c; i < frames; i++, k += nch)
            ch[at + i] = view.getInt32(4 * k, true) / 2147483648;
        }
        break;
      case 'float32':
        if (off % 4 === 0) {
          const src = new Float32Array(buf, off, n);
          for (let i = 0, k = c; i < frames; i++, k += nch) ch[at + i] = finite(src[k]!);
        } else {
          for (let i = 0, k = c; i < frames; i++, k += nch) ch[at + i] = finite(view.getFloat32(4 * k, true));
        }
        break;
      case 'float64':
        if (off % 8 === 0) {
          const src = new Float64Array(buf, off, n);
          for (let i = 0, k = c; i < frames; i++, k += nch) ch[at + i] = finite(src[k]!);
        } else {
          for (let i = 0, k = c; i < frames; i++, k += nch) ch[at + i] = finite(view.getFloat64(8 * k, true));
        }
        break;
    }
  }
}
