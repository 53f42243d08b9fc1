/**
 * WAV (and RF64) read a piece at a time: the header from the first bytes, then the samples as one stream,
 * converted about 1 MB at a time. A 600 MB file never sits in memory.
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
      // One stream over the samples, not a read per slice: each slice read is a round trip to wherever
      // the browser keeps the file, and those round trips cost more than the samples' conversion.
      const reader = file
        .slice(dataStart, dataStart + frames * blockAlign)
        .stream()
        .getReader();
      const buffer = new Uint8Array(framesPerRead * blockAlign);
      let filled = 0;
      let from = 0;
      const piece = (n: number): AudioPiece => {
        wavSamplesToFloat(buffer, layout, n, out);
        from += n;
        return { channels: out, n };
      };
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (let at = 0; at < value.length;) {
            const take = Math.min(value.length - at, buffer.length - filled);
            buffer.set(value.subarray(at, at + take), filled);
            filled += take;
            at += take;
            if (filled === buffer.length) {
              yield piece(framesPerRead);
              filled = 0;
              onProgress?.(from / frames);
            }
          }
        }
        const n = Math.min(Math.floor(filled / blockAlign), frames - from);
        if (n > 0) {
          yield piece(n);
          onProgress?.(from / frames);
        }
      } finally {
        void reader.cancel().catch(() => undefined);
      }
    },
    close() {},
  };
}
