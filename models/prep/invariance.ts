/**
 * What a real EQ does to the model's EQ-invariant inputs (part of npm run model:tracks): a few 30 s
 * excerpts of the training and validation packages, untouched and filtered by the engine with
 * INVARIANCE_CURVES training curves, through the shared extractor, in models/.cache/tracks/invariance/.
 * The trainer measures on them how far each input moves under an EQ against how far it differs between
 * songs, and leaves out those an EQ moves too much (models/train/fit_structured.py): an input that moves
 * with the curve lets the content prior follow the curve and hide part of it.
 */
import { applyEq } from '../../src/shared/dsp/index.ts';
import { FeatureExtractor } from '../../src/shared/features/index.ts';
import { CONTRACT, featureConfig } from '../../src/shared/model/index.ts';
import { trainingCurve } from './curve-settings.ts';
import { FeatureVersionsWriter } from './feature-versions.ts';
import type { ManifestTrack } from './fetch.ts';
import { loadPcm } from './packages.ts';
import { Rng } from './random.ts';

/** Excerpts per package, their length, and the curves each gets (besides none). */
export const INVARIANCE_TRACKS = 3;
export const INVARIANCE_SECONDS = 30;
export const INVARIANCE_CURVES = 3;

/** Writes the excerpts' features; `tracks` in the order to take them from (the first INVARIANCE_TRACKS of each package). */
export function writeInvariance(
  dir: string,
  tracks: readonly Pick<ManifestTrack, 'id' | 'package'>[],
  load = loadPcm,
): number {
  const extractor = new FeatureExtractor(featureConfig());
  const sr = CONTRACT.input.sampleRateHz;
  const rng = new Rng(31);
  const out = new FeatureVersionsWriter<{
    track: string;
    package: string;
    version: number;
    command: number[];
  }>(dir);
  const taken = new Map<string, number>();
  for (const track of tracks) {
    const n = taken.get(track.package) ?? 0;
    if (n >= INVARIANCE_TRACKS) continue;
    taken.set(track.package, n + 1);
    const x = load(track.id);
    const length = Math.min(x.length, INVARIANCE_SECONDS * sr);
    const start = Math.floor((x.length - length) / 2);
    const excerpt = x.subarray(start, start + length);
    const curves = [
      trainingCurve(rng, true),
      ...Array.from({ length: INVARIANCE_CURVES }, () => trainingCurve(rng, false)),
    ];
    for (const [version, command] of curves.entries()) {
      const f = extractor.extract(version === 0 ? excerpt : applyEq([excerpt], sr, command)[0]!);
      out.add({ track: track.id, package: track.package, version, command }, f);
    }
  }
  return out.finish({ bandCount: extractor.config.bandCount });
}
