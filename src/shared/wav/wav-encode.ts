/** Writes float channels as a RIFF/WAVE file: 16-bit PCM with TPDF dither, 24-bit PCM or 32-bit float. Pure. */

export type WavOutputFormat = 'pcm16' | 'pcm24' | 'float32';

/** A uniform random source in [0, 1); injectable so that dithered output is reproducible in tests. */
export type RandomSource = () => number;

export function encodeWav(
  channels: readonly Float32Array[],
  sampleRate: number,
  format: WavOutputFormat,
  random: RandomSource = Math.random,
): Uint8Array {
  const nch = channels.length;
  const frames = channels[0]?.length ?? 0;
  const bytesPer = format === 'pcm16' ? 2 : format === 'pcm24' ? 3 : 4;
  const dataSize = frames * nch * bytesPer;
  if (44 + dataSize > 0xffffffff) throw new Error('the audio is too long for a WAV file (4 GB limit)');
  const bytes = new Uint8Array(44 + dataSize);
  const view = new DataView(bytes.buffer);
  const ascii = (o: number, s: string) => {
    for (let i = 0; i < 4; i++) bytes[o + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataSize, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, format === 'float32' ? 3 : 1, true);
  view.setUint16(22, nch, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * nch * bytesPer, true);
  view.setUint16(32, nch * bytesPer, true);
  view.setUint16(34, bytesPer * 8, true);
  ascii(36, 'data');
  view.setUint32(40, dataSize, true);
  let o = 44;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < nch; c++, o += bytesPer) {
      const x = channels[c]![i]!;
      if (format === 'float32') {
        view.setFloat32(o, x, true);
      } else if (format === 'pcm16') {
        // TPDF dither of ±1 LSB decorrelates the rounding error from the signal.
        const v = Math.round(x * 32767 + (random() - random()));
        view.setInt16(o, Math.max(-32768, Math.min(32767, v)), true);
      } else {
        const v = Math.max(-8388608, Math.min(8388607, Math.round(x * 8388607)));
        bytes[o] = v & 0xff;
        bytes[o + 1] = (v >> 8) & 0xff;
        bytes[o + 2] = (v >> 16) & 0xff;
      }
    }
  }
  return bytes;
}
