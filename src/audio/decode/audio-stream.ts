/**
 * A song as a stream of decoded pieces, read from its file a slice at a time: the one way the app reads
 * audio (the open-time scan and both export passes). WAV is read by our own reader (src/shared/wav); other
 * containers by mediabunny, decoded by the browser's WebCodecs AudioDecoder. Runs in a worker or the page.
 */
import { openMediaStream } from './media-stream.ts';
import { openWavStream } from './wav-stream.ts';

/** Decoded frames: one array per channel, each at least `n` long (valid until the next piece is asked for). */
export interface AudioPiece {
  channels: Float32Array[];
  n: number;
}

export interface AudioStream {
  readonly sampleRate: number;
  readonly channelCount: number;
  /** Frames the file is expected to hold (from its header, or an estimate); undefined when unknown. */
  readonly expectedFrames: number | undefined;
  /** The pieces in order. Reading may throw mid-way on a damaged file. */
  pieces(onProgress?: (fraction: number) => void): AsyncGenerator<AudioPiece>;
  close(): void;
}

/** Opens a file as a stream, or null when neither reader can (then only decodeAudioData may). */
export async function openAudioStream(file: Blob): Promise<AudioStream | null> {
  return (await openWavStream(file)) ?? (await openMediaStream(file));
}

/** Whole channels already in memory as a stream (an AudioBuffer's, for the export of a test page). */
export function pcmStream(channels: Float32Array[], sampleRate: number): AudioStream {
  const frames = channels[0]?.length ?? 0;
  const PIECE = 1 << 16;
  return {
    sampleRate,
    channelCount: channels.length,
    expectedFrames: frames,
    async *pieces(onProgress) {
      for (let at = 0; at < frames; at += PIECE) {
        const n = Math.min(PIECE, frames - at);
        yield { channels: channels.map((c) => c.subarray(at, at + n)), n };
        onProgress?.((at + n) / frames);
      }
    },
    close() {},
  };
}
