/**
 * Writes float channels as a RIFF/WAVE file: 16-bit PCM with TPDF dither, 24-bit PCM or 32-bit float. Pure.
 * WavEncoder writes the header and any run of frames on its own, so a long export streams to disk a piece
 * at a time; encodeWav writes a whole file in memory with it.
 */

export type WavOutputFormat = 'pcm16' | 'pcm24' | 'float32';

/** A uniform random source in [0, 1); injectable so that dithered output is reproducible in tests. */
export type RandomSource = () => number;

export const WAV_HEADER_BYTES = 44;

export class WavEncoder {
  readonly bytesPerFrame: number;
  private readonly bytesPerSample: number;

  constructor(
    readonly format: WavOutputFormat,
    readonly sampleRate: number,
    readonly channelCount: number,
    private readonly random: RandomSource = Math.random,
  ) {
    this.bytesPerSample = format === 'pcm16' ? 2 : format === 'pcm24' ? 3 : 4;
    this.bytesPerFrame = this.bytesPerSample * channelCount;
  }

  /** The 44-byte header of a file of `frames` frames; throws past the format's 4 GB. */
  header(frames: number): Uint8Array {
    const dataSize = frames * this.bytesPerFrame;
    if (WAV_HEADER_BYTES + dataSize > 0xffffffff)
      throw new Error('the audio is too long for a WAV file (4 GB limit)');
    const bytes = new Uint8Array(WAV_HEADER_BYTES);
    const view = new DataView(bytes.buffer);
    const ascii = (o: number, s: string) => {
      for (let i = 0; i < 4; i++) bytes[o + i] = s.charCodeAt(i);
    };
    ascii(0, 'RIFF');
    view.setUint32(4, 36 + dataSize, true);
    ascii(8, 'WAVE');
    ascii(12, 'fmt ');
    view.setUint32(16, 16, true);
    view.setUint16(20, this.format === 'float32' ? 3 : 1, true);
    view.setUint16(22, this.channelCount, true);
    view.setUint32(24, this.sampleRate, true);
    view.setUint32(28, this.sampleRate * this.bytesPerFrame, true);
    view.setUint16(32, this.bytesPerFrame, true);
    view.setUint16(34, this.bytesPerSample * 8, true);
    ascii(36, 'data');
    view.setUint32(40, dataSize, true);
    return bytes;
  }

  /** Frames [from, from + n) of the channels, interleaved, written into `out` at byte `offset`. */
  encodeInto(channels: readonly Float32Array[], from: number, n: number, out: Uint8Array, offset = 0): void {
    const nch = this.channelCount;
    const view = new DataView(out.buffer, out.byteOffset + offset, n * this.bytesPerFrame);
    const random = this.random;
    let o = 0;
    for (let i = from; i < from + n; i++) {
      for (let c = 0; c < nch; c++) {
        const x = channels[c]![i]!;
        if (this.format === 'float32') {
          view.setFloat32(o, x, true);
          o += 4;
        } else if (this.format === 'pcm16') {
          // TPDF dither of ±1 LSB decorrelates the rounding error from the signal.
          const v = Math.round(x * 32767 + (random() - random()));
          view.setInt16(o, Math.max(-32768, Math.min(32767, v)), true);
          o += 2;
        } else {
          const v = Math.max(-8388608, Math.min(8388607, Math.round(x * 8388607)));
          view.setUint8(o, v & 0xff);
          view.setUint8(o + 1, (v >> 8) & 0xff);
          view.setUint8(o + 2, (v >> 16) & 0xff);
          o += 3;
        }
      }
    }
  }
}

export function encodeWav(
  channels: readonly Float32Array[],
  sampleRate: number,
  format: WavOutputFormat,
  random: RandomSource = Math.random,
): Uint8Array {
  const frames = channels[0]?.length ?? 0;
  const encoder = new WavEncoder(format, sampleRate, channels.length, random);
  const header = encoder.header(frames);
  const bytes = new Uint8Array(WAV_HEADER_BYTES + frames * encoder.bytesPerFrame);
  bytes.set(header);
  encoder.encodeInto(channels, 0, frames, bytes, WAV_HEADER_BYTES);
  return bytes;
}
