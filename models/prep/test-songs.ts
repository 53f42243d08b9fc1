/**
 * The held-out songs every figure of the model card is measured on (part of npm run model:dataset): each
 * track of the test packages whole, filtered by the real engine: untouched and with SONG_CURVES random
 * curves (the training curves' distribution), and, for the first PROBLEM_TRACKS tracks of each test
 * package, with each of the six gross problems of the response check (problems.ts). The shared
 * extractor's features of every version go to models/.cache/testsongs/ (bands.f32, temporal.f32,
 * content.f32 and index.json), read by the evaluation (models/eval/*.ts) and the ablation
 * (models/eval/ablation.py), so the engine runs once per version for all of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEq } from '../../src/shared/dsp/index.ts';
import type { Features } from '../../src/shared/features/index.ts';
import { CONTENT_COUNT, FeatureExtractor } from '../../src/shared/features/index.ts';
import { CONTRACT, featureConfig } from '../../src/shared/model/index.ts';
import { trainingCurve } from './curve-settings.ts';
import { FeatureVersionsWriter, type VersionRows } from './feature-versions.ts';
import type { ManifestTrack } from './fetch.ts';
import { CACHE_DIR, MANIFEST_PATH, loadPcm } from './packages.ts';
import { PROBLEMS } from './problems.ts';
import { Rng } from './random.ts';
import { splitOf } from './split.ts';

export const TEST_SONGS_DIR = join(CACHE_DIR, 'testsongs');
/** Random curves per test track: with one, each per-band figure would rest on too few songs. */
export const SONG_CURVES = 4;
/** Tracks per test package that also get the six problems (the response check). */
export const PROBLEM_TRACKS = 8;

export interface TestVersion extends VersionRows {
  track: string;
  package: string;
  /** 'random': untouched or one of the random curves; 'problem': one of PROBLEMS. */
  kind: 'random' | 'problem';
  /** Index into PROBLEMS for kind 'problem'. */
  problem: number;
  untouched: boolean;
  /** The engine command applied (dB per band). */
  command: number[];
}

export interface TestSongs {
  versions: TestVersion[];
  bandCount: number;
  bandEdgesHz: number[];
  features(v: TestVersion): Features;
}

function readF32(path: string): Float32Array {
  const buf = readFileSync(path);
  const out = new Float32Array(buf.length / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

/** Reads what main() wrote. */
export function readTestSongs(dir = TEST_SONGS_DIR): TestSongs {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
    versions: TestVersion[];
    bandCount: number;
    bandEdgesHz: number[];
  };
  const bands = readF32(join(dir, 'bands.f32'));
  const temporal = readF32(join(dir, 'temporal.f32'));
  const content = readF32(join(dir, 'content.f32'));
  const B = index.bandCount;
  const K = CONTRACT.input.temporal.length;
  return {
    ...index,
    features: (v) => ({
      frames: v.frames,
      bandCount: B,
      bandsDb: bands.subarray(v.offset * B, (v.offset + v.frames) * B),
      temporal: temporal.subarray(v.offset * K, (v.offset + v.frames) * K),
      contentStride: CONTRACT.input.content.stride,
      content: content.subarray(
        v.contentOffset * CONTENT_COUNT,
        (v.contentOffset + v.contentRows) * CONTENT_COUNT,
      ),
    }),
  };
}

function main(): void {
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as { tracks: ManifestTrack[] };
  const tracks = manifest.tracks.filter((t) => splitOf(t.package) === 'test');
  const extractor = new FeatureExtractor(featureConfig());
  const sr = CONTRACT.input.sampleRateHz;
  const out = new FeatureVersionsWriter<Omit<TestVersion, keyof VersionRows>>(TEST_SONGS_DIR);
  const perPackage = new Map<string, number>();
  // The same seed and draw order as the version 2 evaluation, so the random curves are the same.
  const rng = new Rng(99);
  const t0 = Date.now();
  for (const track of tracks) {
    const mono = loadPcm(track.id);
    const seen = perPackage.get(track.package) ?? 0;
    perPackage.set(track.package, seen + 1);
    const plan: Omit<TestVersion, keyof VersionRows | 'track' | 'package'>[] = [
      true,
      ...new Array<boolean>(SONG_CURVES).fill(false),
    ].map((untouched) => ({
      kind: 'random',
      problem: -1,
      untouched,
      command: trainingCurve(rng, untouched),
    }));
    if (seen < PROBLEM_TRACKS)
      PROBLEMS.forEach((p, i) =>
        plan.push({ kind: 'problem', problem: i, untouched: false, command: p.command }),
      );
    for (const v of plan) {
      const audio = v.untouched ? mono : applyEq([mono], sr, v.command)[0]!;
      const f = extractor.extract(audio);
      out.add({ ...v, track: track.id, package: track.package }, f);
    }
  }
  const count = out.finish({
    bandCount: extractor.config.bandCount,
    bandEdgesHz: Array.from(extractor.filterbank.edgesHz),
  });
  console.log(
    `test songs: ${tracks.length} tracks, ${count} versions (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
