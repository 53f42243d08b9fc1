/**
 * WAV (and RF64) read a slice at a time: the header from the first bytes, then about 1 MB of samples per
 * read, the next read already under way while one is converted. A 600 MB file never sits in memory.
 */
import { isWav, wavLayout, wavSamplesToFloat, type WavLayout } from '../../shared/wav/wav-layout.ts';
import type { AudioPiece, AudioStream } from './audio-stream.ts';

const HEAD_BYTES = 64 * 1024;
const READ_BYTES = 1 << 20;

async function readLayout(file: Blob): Promise<WavLayout | null> {
  let head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  if (!isWav(head)) return null;
  for (;;) {
    let layout: ReturnType<typeof wavLayout>;
    try {
      layout = wavLayout(head, file.size);
    } catch {
      // An encoding we do not read (µ-law, ADPCM…) or a damaged header: the other readers may.
      return null;
    }
    if (!('needBytes' in layout)) return layout;
    head = new Uint8Array(await file.slice(0, layout.needBytes).arrayBuffer());
  }
}

/** A WAV file as a stream; null for a file that is not WAV or a WAV encoding we do not read. */
export async function openWavStream(file: Blob): Promise<AudioStream | null> {
  const layout = await readLayout(file);
  if (!layout) return null;
  const { sampleRate, channelCount, frames, blockAlign, dataStart } = layout;
  const framesPerRead = Math.max(1, Math.floor(READ_BYTES / blockAlign));
  return {
    sampleRate,
    channelCount,
    expectedFrames: frames,
    async *pieces(onProgress) {
      const out = Array.from({ length: channelCount }, () => new Float32Array(framesPerRead));
      const read = (from: number) => {
        const n = Math.min(framesPerRead, frames - from);
        const at = dataStart + from * blockAlign;
        return file
          .slice(at, at + n * blockAlign)
          .arrayBuffer()
          .then((b) => ({ bytes: new Uint8Array(b), n }));
      };
      let next = frames > 0 ? read(0) : null;
      for (let from = 0; next;) {
        const { bytes, n } = await next;
        from += n;
        next = from < frames ? read(from) : null;
        wavSamplesToFloat(bytes, layout, n, out);
        const piece: AudioPiece = { channels: out, n };
        yield piece;
        onProgress?.(from / frames);
      }
    },
    close() {},
  };
}
