/**
 * The matching experiment's material: each track cut into two halves, one the reference and the other the
 * song. Features are computed once per half; the tuning applies curves in the feature domain (each band
 * shifted by the engine's gain as the band reads it), the evaluation runs the real engine.
 */
import { readFileSync } from 'node:fs';
import { FeatureExtractor } from '../../src/shared/features/index.ts';
import type { Features } from '../../src/shared/features/index.ts';
import { CONTRACT, featureConfig } from '../../src/shared/model/index.ts';
import type { ManifestTrack } from '../prep/fetch.ts';
import { MANIFEST_PATH, loadPcm } from '../prep/packages.ts';
import type { Split } from '../prep/split.ts';
import { splitOf } from '../prep/split.ts';

export const SAMPLE_RATE = CONTRACT.input.sampleRateHz;

export function readTracks(splits: readonly Split[]): ManifestTrack[] {
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as { tracks: ManifestTrack[] };
  return manifest.tracks.filter((t) => splits.includes(splitOf(t.package)));
}

/**
 * The track's two halves, the reference first: alternately the first and the second half by the track's
 * index, so intros and endings both land on either side.
 */
export function halves(mono: Float32Array, index: number): { reference: Float32Array; song: Float32Array } {
  const mid = Math.floor(mono.length / 2);
  const first = mono.subarray(0, mid);
  const second = mono.subarray(mid);
  return index % 2 === 0 ? { reference: first, song: second } : { reference: second, song: first };
}

export interface HalfFeatures {
  track: ManifestTrack;
  reference: Features;
  song: Features;
  referenceS: number;
  songS: number;
}

let extractor: FeatureExtractor | null = null;
export function sharedExtractor(): FeatureExtractor {
  extractor ??= new FeatureExtractor(featureConfig());
  return extractor;
}

export function halfFeatures(tracks: readonly ManifestTrack[]): HalfFeatures[] {
  const ex = sharedExtractor();
  return tracks.map((track, i) => {
    const h = halves(loadPcm(track.id), i);
    return {
      track,
      reference: ex.extract(h.reference),
      song: ex.extract(h.song),
      referenceS: h.reference.length / SAMPLE_RATE,
      songS: h.song.length / SAMPLE_RATE,
    };
  });
}
