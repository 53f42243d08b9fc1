/**
 * Stage 5 (npm run model:eval): the shipped ONNX model against three baselines on the test split (held-out
 * packages). Error = mean absolute difference between the suggestion's shape and the target (both with
 * their mean over bands removed), per band and overall, on EQ'd windows; do-no-harm = mean size of the
 * suggestion's shape on untouched windows. Writes models/eval/results.json and the model card's table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_PATH, loadNodeModel } from '../../src/inference/node-model.ts';
import { logBandFilterbank } from '../../src/shared/features/index.ts';
import { CONTRACT, featureConfig, removeMean } from '../../src/shared/model/index.ts';
import type { ManifestTrack } from '../prep/fetch.ts';
import { CACHE_DIR, MANIFEST_PATH } from '../prep/packages.ts';
import { splitOf } from '../prep/split.ts';
import type { BaselineStats } from './baselines.ts';
import { fitBaselines, octaveLtas, shrunkSpectrumMatch, spectrumMatch } from './baselines.ts';
import { metricsTable, summarise } from './report.ts';
import { SONG_CURVES, evaluateSongs } from './song-eval.ts';
import type { MethodMetrics } from './report.ts';
import type { SplitData } from './read-split.ts';
import { readSplit } from './read-split.ts';

const BANDS = CONTRACT.output.bandCentersHz;
const NB = BANDS.length;

function rows(a: Float32Array, i: number, width: number): number[] {
  return Array.from(a.subarray(i * width, (i + 1) * width));
}

function octaveShapes(split: SplitData): number[][] {
  const cfg = featureConfig();
  const fb = logBandFilterbank(cfg.bandCount, cfg.minHz, cfg.maxHz, cfg.frameSize, cfg.sampleRateHz);
  return Array.from({ length: split.count }, (_, i) =>
    removeMean(octaveLtas(rows(split.ltas, i, cfg.bandCount), fb.centersHz, BANDS)),
  );
}

async function modelPredictions(split: SplitData, modelPath: string): Promise<number[][]> {
  const model = await loadNodeModel(modelPath);
  const T = CONTRACT.input.windowFrames;
  const perBands = split.bands.length / split.count;
  const perTemporal = split.temporal.length / split.count;
  const out: number[][] = [];
  for (let i = 0; i < split.count; i += 128) {
    const n = Math.min(128, split.count - i);
    const r = await model.run(
      split.bands.subarray(i * perBands, (i + n) * perBands),
      split.temporal.subarray(i * perTemporal, (i + n) * perTemporal),
      n,
      T,
    );
    for (let j = 0; j < n; j++) out.push(removeMean(rows(r.gains, j, NB)));
  }
  return out;
}

function measure(preds: number[][], split: SplitData): MethodMetrics {
  return summarise(
    preds.map((p, i) => ({
      prediction: p,
      target: rows(split.target, i, NB),
      untouched: split.examples[i]!.untouched,
    })),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: join(CACHE_DIR, 'dataset') },
      model: { type: 'string', default: DEFAULT_MODEL_PATH },
      out: { type: 'string', default: new URL('./results.json', import.meta.url).pathname },
      card: { type: 'string', default: new URL('../MODEL_CARD.md', import.meta.url).pathname },
    },
  });
  const t0 = Date.now();
  const train = readSplit(join(values.data, 'train'));
  const test = readSplit(join(values.data, 'test'));
  const trainShapes = octaveShapes(train);
  const untouchedShapes = trainShapes.filter((_, i) => train.examples[i]!.untouched);
  const trainTargets = Array.from({ length: train.count }, (_, i) => rows(train.target, i, NB));
  const stats: BaselineStats = fitBaselines(untouchedShapes, trainTargets);
  const testShapes = octaveShapes(test);
  const methods: Record<string, MethodMetrics> = {
    model: measure(await modelPredictions(test, values.model), test),
    zero: measure(
      testShapes.map(() => new Array<number>(NB).fill(0)),
      test,
    ),
    spectrumMatch: measure(
      testShapes.map((s) => spectrumMatch(s, stats)),
      test,
    ),
    shrunkSpectrumMatch: measure(
      testShapes.map((s) => shrunkSpectrumMatch(s, stats)),
      test,
    ),
  };
  const eqd = test.examples.filter((e) => !e.untouched).length;
  // Whole songs through the product pipeline (what `eq analyze` returns).
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as { tracks: ManifestTrack[] };
  const testTracks = manifest.tracks.filter((t) => splitOf(t.package) === 'test');
  const songCases = await evaluateSongs(testTracks, await loadNodeModel(values.model), stats);
  const songMethods: Record<string, MethodMetrics> = {};
  for (const name of Object.keys(methods)) {
    songMethods[name] = summarise(
      songCases.map((c) => ({ prediction: c.predictions[name]!, target: c.target, untouched: c.untouched })),
    );
  }
  const results = {
    $comment: 'Written by `npm run model:eval` (models/eval/evaluate.ts).',
    contractVersion: CONTRACT.version,
    modelSha256: JSON.parse(readFileSync(values.model.replace(/\.onnx$/, '.json'), 'utf8')).sha256 as string,
    testPackages: [...new Set(test.examples.map((e) => e.package))],
    testTracks: new Set(test.examples.map((e) => e.track)).size,
    windows: { eqd, untouched: test.count - eqd, methods },
    songs: {
      eqd: songCases.filter((c) => !c.untouched).length,
      untouched: songCases.filter((c) => c.untouched).length,
      methods: songMethods,
    },
    bandsHz: BANDS,
    baselineStats: stats,
    seconds: Math.round((Date.now() - t0) / 100) / 10,
  };
  writeFileSync(values.out, `${JSON.stringify(results, null, 1)}\n`);
  const pkgs = results.testPackages.join(', ');
  const table = [
    `**Whole songs** (what the app and \`eq analyze\` suggest: one pass of the network over the whole song): each of the ${testTracks.length} tracks of the held-out packages (${pkgs}) once untouched and with ${SONG_CURVES} random curves.`,
    '',
    metricsTable(BANDS, songMethods),
    '',
    `**Single 6 s windows** (what the network sees, and all there is of a clip shorter than 6 s): ${eqd} EQ'd and ${test.count - eqd} untouched windows from ${results.testTracks} test tracks.`,
    '',
    metricsTable(BANDS, methods),
  ].join('\n');
  console.log(table);
  const card = readFileSync(values.card, 'utf8');
  const start = '<!-- metrics:start -->';
  const end = '<!-- metrics:end -->';
  const a = card.indexOf(start);
  const b = card.indexOf(end);
  if (a >= 0 && b > a)
    writeFileSync(values.card, `${card.slice(0, a + start.length)}\n${table}\n${card.slice(b)}`);
}

await main();
