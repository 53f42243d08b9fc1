/**
 * What a real EQ does to the model's EQ-invariant inputs (part of npm run model:tracks): a few 30 s
 * excerpts of the training and validation packages, untouched and filtered by the engine with
 * INVARIANCE_CURVES training curves, through the shared extractor, in models/.cache/tracks/invariance/.
 * The trainer measures on them how far each input moves under an EQ against how far it differs between
 * songs, and leaves out those an EQ moves too much (models/train/fit_structured.py): an input that moves
 * with the curve lets the content prior follow the curve and hide part of it.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { applyEq } from '../../src/shared/dsp/index.ts';
import { CONTENT_COUNT, FeatureExtractor } from '../../src/shared/features/index.ts';
import { CONTRACT, featureConfig } from '../../src/shared/model/index.ts';
import { trainingCurve } from './curve-settings.ts';
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
  mkdirSync(dir, { recursive: true });
  const fds = Object.fromEntries(
    ['bands', 'temporal', 'content'].map((n) => [n, openSync(join(dir, `${n}.f32`), 'w')]),
  ) as Record<'bands' | 'temporal' | 'content', number>;
  const put = (fd: number, a: Float32Array) =>
    writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const versions: object[] = [];
  const taken = new Map<string, number>();
  let offset = 0;
  let contentOffset = 0;
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
      put(fds.bands, f.bandsDb);
      put(fds.temporal, f.temporal);
      put(fds.content, f.content);
      const rows = f.content.length / CONTENT_COUNT;
      versions.push({
        track: track.id,
        package: track.package,
        version,
        command,
        offset,
        frames: f.frames,
        contentOffset,
        contentRows: rows,
      });
      offset += f.frames;
      contentOffset += rows;
    }
  }
  for (const fd of Object.values(fds)) closeSync(fd);
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ versions, bandCount: extractor.config.bandCount }));
  return versions.length;
}
