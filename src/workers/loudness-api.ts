/**
 * The loudness worker's API (comlink): holds the song on screen's channels and measures its whole-song
 * loudness, as it is or through the EQ at a curve, off the page's thread (a four-minute song takes about half
 * a second here; the page must not stutter for it).
 */
import { loudnessThroughEq } from '../shared/loudness/loudness-through-eq.ts';
import type { LoudnessSummary } from '../shared/loudness/loudness-meter.ts';

let song: { channels: Float32Array[]; sampleRate: number } | null = null;

export const loudnessApi = {
  /** Takes the song (transferred channels): the measurements that follow are of it. */
  load(channels: Float32Array[], sampleRate: number): void {
    song = { channels, sampleRate };
  },

  /** The song (appliedDb null) or the EQ's output at the applied curve `appliedDb`. */
  measure(appliedDb: number[] | null): LoudnessSummary {
    if (!song) throw new Error('no song loaded');
    return loudnessThroughEq(song.channels, song.sampleRate, appliedDb);
  },
};

export type LoudnessApi = typeof loudnessApi;
