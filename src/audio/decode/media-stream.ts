/**
 * Compressed and container formats (MP3, FLAC, Ogg Vorbis/Opus, MP4/M4A AAC, WebM, ADTS…) through
 * mediabunny, which demuxes a file from slices of it and decodes each packet with the browser's WebCodecs
 * AudioDecoder. Returns null for what it cannot read or this browser cannot decode: then the page falls
 * back to decodeAudioData (src/audio/decode-file.ts).
 *
 * Not used: `computeDuration()`, which reads every packet of an MP3 (14 s for an hour); the duration the
 * metadata states (or an estimate from the bit rate) is enough for progress and for the length limit.
 */
import { ALL_FORMATS, AudioSampleSink, BlobSource, Input, type AudioSample } from 'mediabunny';
import { sniffDurationSeconds } from '../../shared/audio-header/sample-rate.ts';
import type { AudioPiece, AudioStream } from './audio-stream.ts';

const HEAD_BYTES = 64 * 1024;

/** Frames whose timestamps fall before zero (encoder priming) are not part of the song. */
function leadingSkip(sample: AudioSample): number {
  return sample.timestamp < 0
    ? Math.min(sample.numberOfFrames, Math.round(-sample.timestamp * sample.sampleRate))
    : 0;
}

export async function openMediaStream(file: Blob): Promise<AudioStream | null> {
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  let iterator: AsyncGenerator<AudioSample, void, unknown>;
  let first: AudioSample;
  let durationS: number | null = null;
  try {
    const track = await input.getPrimaryAudioTrack();
    if (!track || !(await track.canDecode())) {
      input.dispose();
      return null;
    }
    durationS = await track.getDurationFromMetadata().catch(() => null);
    iterator = new AudioSampleSink(track).samples();
    const r = await iterator.next();
    if (r.done) {
      input.dispose();
      return null;
    }
    first = r.value;
  } catch {
    // Not a container mediabunny knows, or the first packet does not decode.
    input.dispose();
    return null;
  }
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  // The decoder's output is the truth (HE-AAC decodes at twice the rate its container states; Opus at 48 kHz).
  const { sampleRate, numberOfChannels: channelCount } = first;
  const toFrames = (s: number | null | undefined) => (s && s > 0 ? Math.round(s * sampleRate) : undefined);
  // What the metadata states (mediabunny estimates from the bit rate where nothing is stated), else the header.
  const expectedFrames = toFrames(durationS) ?? toFrames(sniffDurationSeconds(head));
  return {
    sampleRate,
    channelCount,
    expectedFrames,
    async *pieces(onProgress) {
      let capacity = 0;
      let out: Float32Array[] = [];
      let sample: AudioSample | undefined = first;
      try {
        while (sample) {
          const n = sample.numberOfFrames;
          if (n > capacity) {
            capacity = n;
            out = Array.from({ length: channelCount }, () => new Float32Array(n));
          }
          // A channel the sample lacks (a layout change mid-stream) is silent; extra ones are dropped.
          const have = Math.min(channelCount, sample.numberOfChannels);
          for (let c = 0; c < channelCount; c++) {
            if (c < have) sample.copyTo(out[c]!, { planeIndex: c, format: 'f32-planar' });
            else out[c]!.fill(0, 0, n);
          }
          const skip = leadingSkip(sample);
          const end = sample.timestamp + sample.duration;
          sample.close();
          if (n > skip) {
            const piece: AudioPiece = {
              channels: skip ? out.map((c) => c.subarray(skip)) : out,
              n: n - skip,
            };
            yield piece;
          }
          if (durationS) onProgress?.(Math.min(0.999, end / durationS));
          const r = await iterator.next();
          sample = r.done ? undefined : r.value;
        }
      } finally {
        sample?.close();
        await iterator.return();
        onProgress?.(1);
      }
    },
    close() {
      input.dispose();
    },
  };
}
