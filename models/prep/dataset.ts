/**
 * Stage 3 (npm run model:dataset): windows of the manifest's tracks, EQ'd with random curves by the real
 * engine (not the trainer's feature-domain shortcut), as model inputs and targets in
 * models/.cache/dataset/{train,val,test}: the test windows are the evaluation's window table, the training
 * windows give the baselines their statistics. The model itself trains
 * on whole-track features (npm run model:tracks).
 *   --train N --val N --test N   examples per split (defaults below)
 *   --seed S                      dataset seed
 *   --out DIR                     output directory
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BAND_CENTERS_HZ } from '../../src/shared/dsp/index.ts';
import { CONTENT_COUNT, FeatureExtractor, TEMPORAL_COUNT } from '../../src/shared/features/index.ts';
import { CONTRACT, featureConfig } from '../../src/shared/model/index.ts';
import { trainingCurve, UNTOUCHED_FRACTION } from './curve-settings.ts';
import { DatasetWriter } from './dataset-writer.ts';
import type { AugmentOptions } from './example.ts';
import { PREROLL_SAMPLES, WINDOW_SAMPLES, levelDb, makeExample } from './example.ts';
import type { ManifestTrack } from './fetch.ts';
import { CACHE_DIR, MANIFEST_PATH, PACKAGE_CAP_MIN, pcmPath } from './packages.ts';
import { Rng } from './random.ts';
import type { Split } from './split.ts';
import { splitOf } from './split.ts';

/** Windows quieter than this (dB re full scale) are skipped: fades and pauses carry no spectral balance. */
const MIN_WINDOW_DB = -45;

const AUGMENT: Record<Split, AugmentOptions> = {
  train: { levelDb: [-20, 0], noiseProbability: 0.2, codecProbability: 0.05 },
  val: { levelDb: [-20, 0], noiseProbability: 0, codecProbability: 0 },
  test: { levelDb: [-20, 0], noiseProbability: 0, codecProbability: 0 },
};

/** Examples per track: packages weighted by min(minutes, cap), tracks within a package by duration. */
export function allocate(tracks: ManifestTrack[], total: number): Map<string, number> {
  const byPkg = new Map<string, ManifestTrack[]>();
  for (const t of tracks) byPkg.set(t.package, [...(byPkg.get(t.package) ?? []), t]);
  const weight = (ts: ManifestTrack[]) =>
    Math.min(PACKAGE_CAP_MIN, ts.reduce((s, t) => s + t.durationS, 0) / 60);
  const sumW = [...byPkg.values()].reduce((s, ts) => s + weight(ts), 0);
  const out = new Map<string, number>();
  for (const ts of byPkg.values()) {
    const pkgTotal = (total * weight(ts)) / sumW;
    const pkgSeconds = ts.reduce((s, t) => s + t.durationS, 0);
    let carry = 0;
    for (const t of ts) {
      const exact = (pkgTotal * t.durationS) / pkgSeconds + carry;
      const n = Math.floor(exact);
      carry = exact - n;
      out.set(t.id, n);
    }
  }
  return out;
}

/** Reads samples [from, from + length) of a track's cached PCM: tracks are long, a window is 6.5 s. */
function readPcm(id: string, from: number, length: number): Float32Array {
  const out = new Float32Array(length);
  const fd = openSync(pcmPath(id), 'r');
  try {
    readSync(fd, new Uint8Array(out.buffer), 0, length * 4, from * 4);
  } finally {
    closeSync(fd);
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      train: { type: 'string', default: '4000' },
      val: { type: 'string', default: '0' },
      test: { type: 'string', default: '3500' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: join(CACHE_DIR, 'dataset') },
    },
  });
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as { tracks: ManifestTrack[] };
  const extractor = new FeatureExtractor(featureConfig());
  const T = CONTRACT.input.windowFrames;
  const CONTENT_STRIDE = CONTRACT.input.content.stride;
  const shapes = {
    bands: [1, CONTRACT.input.bands.count, T],
    temporal: [T, TEMPORAL_COUNT],
    content: [Math.ceil(T / CONTENT_STRIDE), CONTENT_COUNT],
    applied: [BAND_CENTERS_HZ.length],
    target: [BAND_CENTERS_HZ.length],
    ltas: [CONTRACT.input.bands.count],
  };
  const t0 = Date.now();
  for (const split of ['train', 'val', 'test'] as const) {
    const rng = new Rng(Number(values.seed) * 1000 + ['train', 'val', 'test'].indexOf(split));
    const tracks = manifest.tracks.filter((t) => splitOf(t.package) === split);
    const alloc = allocate(tracks, Number(values[split]));
    const writer = new DatasetWriter();
    for (const track of tracks) {
      const n = alloc.get(track.id) ?? 0;
      if (n === 0) continue;
      const samples = statSync(pcmPath(track.id)).size / 4;
      const span = samples - WINDOW_SAMPLES - PREROLL_SAMPLES;
      if (span <= 0) continue;
      for (let i = 0; i < n; i++) {
        // The excerpt holds the pre-roll and the window; retry a few times to avoid fades and pauses.
        let from = rng.int(span);
        let excerpt = readPcm(track.id, from, PREROLL_SAMPLES + WINDOW_SAMPLES);
        for (
          let tries = 0;
          tries < 5 && levelDb(excerpt, PREROLL_SAMPLES, WINDOW_SAMPLES) < MIN_WINDOW_DB;
          tries++
        ) {
          from = rng.int(span);
          excerpt = readPcm(track.id, from, PREROLL_SAMPLES + WINDOW_SAMPLES);
        }
        if (levelDb(excerpt, PREROLL_SAMPLES, WINDOW_SAMPLES) < MIN_WINDOW_DB) continue;
        const untouched = rng.next() < UNTOUCHED_FRACTION;
        const applied = trainingCurve(rng, untouched);
        const ex = makeExample(excerpt, PREROLL_SAMPLES, applied, extractor, rng, AUGMENT[split]);
        const startS = +((from + PREROLL_SAMPLES) / CONTRACT.input.sampleRateHz).toFixed(3);
        writer.add(ex, { track: track.id, package: track.package, startS, untouched });
      }
    }
    writer.write(join(values.out, split), shapes);
    console.log(
      `${split}: ${writer.count} examples from ${tracks.length} tracks (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
}

await main();
