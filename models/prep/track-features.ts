/**
 * Whole-track features of the untouched corpus, by the shared extractor: every frame of every track, per
 * split, in models/.cache/tracks/{train,val}. The trainer applies random curves to these in the
 * feature domain (models/train/feature_eq.py), so it sees every window of every track under fresh curves
 * each epoch instead of a fixed sample of EQ'd windows.
 *
 * Per split: bands.f32 (frames x bandCount, dB), temporal.f32 (frames x TEMPORAL_COUNT), content.f32
 * (content rows x CONTENT_COUNT: the descriptors of every contentStride-th frame) and index.json with each
 * track's id, package, frame range and content row range.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_COUNT, FeatureExtractor, TEMPORAL_COUNT } from '../../src/shared/features/index.ts';
import { featureConfig } from '../../src/shared/model/index.ts';
import type { ManifestTrack } from './fetch.ts';
import { MANIFEST_PATH, PACKAGE_CAP_MIN, TRACKS_DIR, loadPcm } from './packages.ts';
import type { Split } from './split.ts';
import { splitOf } from './split.ts';
import { writeInvariance } from './invariance.ts';

export interface TrackEntry {
  id: string;
  package: string;
  /** First frame of the track in the split's arrays, and its number of frames. */
  offset: number;
  frames: number;
  /** First row of the track's content descriptors in the split's array (row j: frame j * contentStride). */
  contentOffset: number;
}

function concat(parts: Float32Array[]): Uint8Array {
  const flat = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    flat.set(p, o);
    o += p.length;
  }
  return new Uint8Array(flat.buffer);
}

/** Writes one split: the features of each track (its mono PCM at the contract's rate) and the index. */
export function writeTrackSplit(
  dir: string,
  tracks: readonly { id: string; package: string }[],
  load: (id: string) => Float32Array,
): number {
  const extractor = new FeatureExtractor(featureConfig());
  const bands: Float32Array[] = [];
  const temporal: Float32Array[] = [];
  const content: Float32Array[] = [];
  const entries: TrackEntry[] = [];
  let offset = 0;
  let contentOffset = 0;
  for (const track of tracks) {
    const f = extractor.extract(load(track.id));
    bands.push(f.bandsDb);
    temporal.push(f.temporal);
    content.push(f.content);
    entries.push({ id: track.id, package: track.package, offset, frames: f.frames, contentOffset });
    offset += f.frames;
    contentOffset += f.content.length / CONTENT_COUNT;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bands.f32'), concat(bands));
  writeFileSync(join(dir, 'temporal.f32'), concat(temporal));
  writeFileSync(join(dir, 'content.f32'), concat(content));
  const index = {
    frames: offset,
    bandCount: extractor.config.bandCount,
    temporalCount: TEMPORAL_COUNT,
    contentRows: contentOffset,
    contentCount: CONTENT_COUNT,
    contentStride: extractor.config.contentStride,
    packageCapMinutes: PACKAGE_CAP_MIN,
    bandEdgesHz: Array.from(extractor.filterbank.edgesHz),
    tracks: entries,
  };
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
  return offset;
}

/**
 * The tracks of each package that training uses: in a fixed order that does not follow the file names
 * (an FNV-1a hash of the id), as many as fit in PACKAGE_CAP_MIN minutes (at least one), so that no
 * package dominates and the stages after this one read at most an hour of any package.
 */
export function withinPackageCap(tracks: readonly ManifestTrack[]): ManifestTrack[] {
  const hash = (s: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    return h;
  };
  const minutes = new Map<string, number>();
  return [...tracks]
    .sort((a, b) => hash(a.id) - hash(b.id))
    .filter((t) => {
      const used = minutes.get(t.package) ?? 0;
      if (used > 0 && used + t.durationS / 60 > PACKAGE_CAP_MIN) return false;
      minutes.set(t.package, used + t.durationS / 60);
      return true;
    })
    .sort((a, b) => tracks.indexOf(a) - tracks.indexOf(b));
}

function main(): void {
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as { tracks: ManifestTrack[] };
  const t0 = Date.now();
  // The test packages are left out: the evaluation filters their audio by the real engine.
  const used: ManifestTrack[] = [];
  for (const split of ['train', 'val'] as Split[]) {
    const tracks = withinPackageCap(manifest.tracks.filter((t) => splitOf(t.package) === split));
    const frames = writeTrackSplit(join(TRACKS_DIR, split), tracks, loadPcm);
    used.push(...tracks);
    console.log(
      `${split}: ${tracks.length} tracks, ${frames} frames (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  const versions = writeInvariance(join(TRACKS_DIR, 'invariance'), used);
  console.log(`invariance: ${versions} excerpts (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
