/**
 * The loudness worker's API (comlink): measures the whole-song loudness of the song on screen, as it is or
 * through the EQ at a curve, off the page's thread. The song is read from its file a decoded piece at a time
 * for each measurement (the stream every reader of a song uses, src/audio/decode/audio-stream.ts), so the
 * worker holds a few MB whatever the song's length; a four-minute song takes under a second here.
 */
import { openAudioStream } from '../audio/decode/audio-stream.ts';
import { LoudnessThroughEq } from '../shared/loudness/loudness-through-eq.ts';
import type { LoudnessSummary } from '../shared/loudness/loudness-meter.ts';

let source: Blob | null = null;

export const loudnessApi = {
  /** The song's file (the one the page plays): the measurements that follow are of it. */
  load(file: Blob): void {
    source = file;
  },

  /** The song (appliedDb null) or the EQ's output at the applied curve `appliedDb`. */
  async measure(appliedDb: number[] | null): Promise<LoudnessSummary> {
    if (!source) throw new Error('no song loaded');
    const stream = await openAudioStream(source);
    if (!stream) throw new Error('the song could not be read again');
    try {
      const meter = new LoudnessThroughEq(stream.channelCount, stream.sampleRate, appliedDb);
      for await (const piece of stream.pieces()) meter.push(piece.channels, piece.n);
      return meter.finish();
    } finally {
      stream.close();
    }
  },
};

export type LoudnessApi = typeof loudnessApi;
