/** Parses RIFF/WAVE (PCM 8/16/24/32-bit, IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE) into float channels. Pure. */

export interface PcmAudio {
  sampleRate: number;
  channels: Float32Array[];
}

export type WavSampleFormat = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64';

export interface DecodedWav extends PcmAudio {
  format: WavSampleFormat;
  /** The header promised more audio than the file holds: what is there was read. */
  truncated: boolean;
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

/** Throws an Error with a one-line, user-facing reason when the bytes are not a WAV file we can read. */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (o: number) => String.fromCharCode(bytes[o]!, bytes[o + 1]!, bytes[o + 2]!, bytes[o + 3]!);
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file');
  let offset = 12;
  let fmt: { code: number; channels: number; rate: number; bits: number; align: number } | undefined;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    let size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
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
      // Streams written to a pipe carry a placeholder size (0 or 0xFFFFFFFF): read to the end instead.
      const placeholder = size === 0xffffffff || size === 0;
      const truncated = !placeholder && body + size > bytes.length;
      if (placeholder || truncated) size = bytes.length - body;
      return { ...readSamples(view, body, size, fmt), sampleRate: fmt.rate, truncated };
    }
    offset = body + size + (size & 1);
  }
  throw new Error(fmt ? 'WAV file has no audio data' : 'WAV file has no format chunk');
}

function readSamples(
  view: DataView,
  start: number,
  size: number,
  fmt: { code: number; channels: number; rate: number; bits: number; align: number },
): { channels: Float32Array[]; format: WavSampleFormat } {
  const { code, channels: nch, bits } = fmt;
  if (nch < 1 || nch > 64) throw new Error(`unsupported channel count ${nch}`);
  if (!(fmt.rate >= 1000 && fmt.rate <= 768000)) throw new Error(`unsupported sample rate ${fmt.rate}`);
  const bytesPer = bits / 8;
  const format = sampleFormat(code, bits);
  const frames = Math.floor(size / (bytesPer * nch));
  const out = Array.from({ length: nch }, () => new Float32Array(frames));
  if (readFast(view, start, frames, format, out)) return { channels: out, format };
  let o = start;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < nch; c++, o += bytesPer) {
      let v: number;
      switch (format) {
        case 'pcm8':
          v = (view.getUint8(o) - 128) / 128;
          break;
        case 'pcm16':
          v = view.getInt16(o, true) / 32768;
          break;
        case 'pcm24':
          v = ((view.getUint8(o) | (view.getUint8(o + 1) << 8) | (view.getInt8(o + 2) << 16)) >> 0) / 8388608;
          break;
        case 'pcm32':
          v = view.getInt32(o, true) / 2147483648;
          break;
        case 'float32':
          v = view.getFloat32(o, true);
          break;
        case 'float64':
          v = view.getFloat64(o, true);
          break;
      }
      out[c]![i] = Number.isFinite(v) ? v : 0;
    }
  }
  return { channels: out, format };
}

/**
 * The common layouts through typed-array views instead of a DataView call per sample (a 4-minute song in
 * tens of milliseconds); false when the data is not aligned for a view (then the general loop reads it).
 * Views are little-endian on every platform a browser or Node runs on.
 */
function readFast(
  view: DataView,
  start: number,
  frames: number,
  format: WavSampleFormat,
  out: Float32Array[],
): boolean {
  const nch = out.length;
  const at = view.byteOffset + start;
  if (format === 'pcm16' && at % 2 === 0) {
    const src = new Int16Array(view.buffer, at, frames * nch);
    out.forEach((ch, c) => {
      for (let i = 0, k = c; i < frames; i++, k += nch) ch[i] = src[k]! / 32768;
    });
    return true;
  }
  if (format === 'float32' && at % 4 === 0) {
    const src = new Float32Array(view.buffer, at, frames * nch);
    out.forEach((ch, c) => {
      for (let i = 0, k = c; i < frames; i++, k += nch) {
        const v = src[k]!;
        ch[i] = v - v === 0 ? v : 0; // NaN and ±Infinity read as silence
      }
    });
    return true;
  }
  if (format === 'pcm24') {
    const b = new Uint8Array(view.buffer, at, frames * nch * 3);
    out.forEach((ch, c) => {
      for (let i = 0, k = 3 * c; i < frames; i++, k += 3 * nch) {
        ch[i] = (((b[k]! | (b[k + 1]! << 8) | (b[k + 2]! << 16)) << 8) >> 8) / 8388608;
      }
    });
    return true;
  }
  return false;
}

function sampleFormat(code: number, bits: number): WavSampleFormat {
  if (code === FORMAT_PCM && (bits === 8 || bits === 16 || bits === 24 || bits === 32)) {
    return `pcm${bits}` as WavSampleFormat;
  }
  if (code === FORMAT_FLOAT && (bits === 32 || bits === 64)) return `float${bits}` as WavSampleFormat;
  throw new Error(`unsupported WAV encoding (format ${code}, ${bits} bits)`);
}
