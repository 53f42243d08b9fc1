/**
 * Stage 5 (npm run model:eval, first step): the shipped ONNX model through the product's pipeline on the
 * held-out packages, against the baselines. Error = mean absolute difference between the suggestion's
 * shape and the correction that undoes the applied curve (both with their mean over bands removed), per
 * band and overall; do-no-harm = mean size of the suggestion's shape on untouched music. Also the
 * response to the six gross problems, what the confidence is worth (calibration), how often a song's own
 * balance falls in the range the model expects, and what a 1 s clip gets. Writes models/eval/results.json
 * and the model card's tables.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL_PATH, loadNodeModel } from '../../src/inference/node-model.ts';
import { logBandFilterbank } from '../../src/shared/features/index.ts';
import type { Suggestion } from '../../src/shared/model/index.ts';
import { CONTRACT, featureConfig, removeMean } from '../../src/shared/model/index.ts';
import { CACHE_DIR } from '../prep/packages.ts';
import { readTestSongs } from '../prep/test-songs.ts';
import type { BaselineStats } from './baselines.ts';
import { fitBaselines, octaveLtas, shrunkSpectrumMatch, spectrumMatch } from './baselines.ts';
import { replaceSection } from './card.ts';
import type { MethodMetrics } from './report.ts';
import { metricsTable, summarise } from './report.ts';
import { clipSuggestions, songSuggestions, windowSuggestions } from './model-runs.ts';
import type { SplitData } from './read-split.ts';
import { readSplit } from './read-split.ts';
import { atOrUnder, responseTable } from './response.ts';

const BANDS = CONTRACT.output.bandCentersHz;
const NB = BANDS.length;
const rows = (a: Float32Array, i: number, width: number) =>
  Array.from(a.subarray(i * width, (i + 1) * width));
const mean = (v: readonly number[]) => v.reduce((a, x) => a + x, 0) / Math.max(1, v.length);

function octaveShapes(split: SplitData): number[][] {
  const cfg = featureConfig();
  const fb = logBandFilterbank(cfg.bandCount, cfg.minHz, cfg.maxHz, cfg.frameSize, cfg.sampleRateHz);
  return Array.from({ length: split.count }, (_, i) =>
    removeMean(octaveLtas(rows(split.ltas, i, cfg.bandCount), fb.centersHz, BANDS)),
  );
}

/** Per confidence bin: how many band suggestions, and their mean absolute error. */
function calibration(cases: { suggestion: Suggestion; target: number[] }[]) {
  const edges = [0, 0.2, 0.4, 0.6, 0.8, 1.0001];
  return edges.slice(0, -1).map((lo, i) => {
    const hi = edges[i + 1]!;
    const errors: number[] = [];
    for (const c of cases) {
      const g = removeMean(c.suggestion.gainsDb);
      c.suggestion.confidence.forEach((conf, b) => {
        if (conf >= lo && conf < hi) errors.push(Math.abs(g[b]! - c.target[b]!));
      });
    }
    return {
      from: lo,
      to: Math.min(hi, 1),
      count: errors.length,
      maeDb: errors.length ? mean(errors) : null,
    };
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: join(CACHE_DIR, 'dataset') },
      model: { type: 'string', default: DEFAULT_MODEL_PATH },
      out: { type: 'string', default: new URL('./results.json', import.meta.url).pathname },
    },
  });
  const t0 = Date.now();
  const model = await loadNodeModel(values.model);
  const train = readSplit(join(values.data, 'train'));
  const test = readSplit(join(values.data, 'test'));
  const trainShapes = octaveShapes(train);
  const untouchedShapes = trainShapes.filter((_, i) => train.examples[i]!.untouched);
  const trainTargets = Array.from({ length: train.count }, (_, i) => rows(train.target, i, NB));
  const stats: BaselineStats = fitBaselines(untouchedShapes, trainTargets);

  // Single 6 s windows, EQ'd by the engine (the dataset stage).
  const testShapes = octaveShapes(test);
  const windowCases = (predict: (i: number) => number[]) =>
    summarise(
      testShapes.map((_, i) => ({
        prediction: predict(i),
        target: rows(test.target, i, NB),
        untouched: test.examples[i]!.untouched,
      })),
    );
  const windowModel = await windowSuggestions(model, test);
  const windows: Record<string, MethodMetrics> = {
    model: windowCases((i) => removeMean(windowModel[i]!.gainsDb)),
    zero: windowCases(() => new Array<number>(NB).fill(0)),
    spectrumMatch: windowCases((i) => spectrumMatch(testShapes[i]!, stats)),
    shrunkSpectrumMatch: windowCases((i) => shrunkSpectrumMatch(testShapes[i]!, stats)),
  };

  // Whole songs through the product pipeline (what `eq analyze` and the app return).
  const songsData = readTestSongs();
  const songs = await songSuggestions(model, songsData, stats);
  const random = songs.filter((s) => s.version.kind === 'random');
  const songMethods: Record<string, MethodMetrics> = {};
  for (const name of Object.keys(windows)) {
    songMethods[name] = summarise(
      random.map((c) => ({
        prediction: c.predictions[name]!,
        target: c.target,
        untouched: c.version.untouched,
      })),
    );
  }
  const response = responseTable(songs);
  const songCalibration = calibration(
    random.filter((c) => !c.version.untouched).map((c) => ({ suggestion: c.suggestion, target: c.target })),
  );
  const windowCalibration = calibration(
    test.examples.flatMap((e, i) =>
      e.untouched ? [] : [{ suggestion: windowModel[i]!, target: rows(test.target, i, NB) }],
    ),
  );
  // The range the model expects for this music, against the untouched songs' own balance.
  const plain = random.filter((c) => c.version.untouched);
  let inside = 0;
  for (const c of plain)
    c.suggestion.balanceDb.forEach(
      (b, k) => (inside += +(b >= c.suggestion.typicalLowDb[k]! && b <= c.suggestion.typicalHighDb[k]!)),
    );
  const coverage = inside / (plain.length * NB);
  // A 1 s clip from the middle of each untouched song, against the whole song.
  const clips = await clipSuggestions(model, songsData, 1);
  const size = (s: Suggestion) => mean(s.gainsDb.map(Math.abs));
  const largest = (s: Suggestion) => Math.max(...s.gainsDb.map(Math.abs));
  const below90 = (xs: number[]) =>
    atOrUnder(
      xs.sort((a, b) => a - b),
      0.9,
    );
  const clipFigures = {
    songs: plain.length,
    songSizeDb: mean(plain.map((c) => size(c.suggestion))),
    songConfidence: mean(plain.map((c) => mean(c.suggestion.confidence))),
    clipSizeDb: mean(clips.map(size)),
    clipConfidence: mean(clips.map((s) => mean(s.confidence))),
    clipLargestDb: Math.max(...clips.map(largest)),
    songLargestDb: Math.max(...plain.map((c) => largest(c.suggestion))),
    // One outlier decides a maximum: the 90th percentile of each file's largest band says how often.
    clipLargest90Db: below90(clips.map(largest)),
    songLargest90Db: below90(plain.map((c) => largest(c.suggestion))),
  };

  const testPackages = [...new Set(songsData.versions.map((v) => v.package))];
  const results = {
    $comment: 'Written by `npm run model:eval` (models/eval/evaluate.ts).',
    contractVersion: CONTRACT.version,
    modelSha256: model.metadata.sha256,
    testPackages,
    testTracks: new Set(random.map((c) => c.version.track)).size,
    windows: {
      eqd: test.examples.filter((e) => !e.untouched).length,
      untouched: test.examples.filter((e) => e.untouched).length,
      methods: windows,
    },
    songs: {
      eqd: random.filter((c) => !c.version.untouched).length,
      untouched: plain.length,
      methods: songMethods,
    },
    response,
    calibration: { songs: songCalibration, windows: windowCalibration },
    typicalRangeCoverage: coverage,
    clips: clipFigures,
    bandsHz: BANDS,
    baselineStats: stats,
    seconds: Math.round((Date.now() - t0) / 100) / 10,
  };
  writeFileSync(values.out, `${JSON.stringify(results, null, 1)}\n`);

  const f2 = (v: number | null) => (v === null ? '–' : v.toFixed(2));
  const metrics = [
    `**Whole songs** (what the app and \`eq analyze\` suggest: one pass over the whole song): each of the ${results.testTracks} tracks of the held-out packages (${testPackages.join(', ')}) once untouched and with 4 random curves, filtered by the engine.`,
    '',
    metricsTable(BANDS, songMethods),
    '',
    `**Single 6 s windows** (all there is of a clip shorter than 6 s): ${results.windows.eqd} EQ'd and ${results.windows.untouched} untouched windows from the same packages.`,
    '',
    metricsTable(BANDS, windows),
  ].join('\n');
  const calibrationTable = [
    `Per band suggestion on the EQ'd test songs and windows, grouped by the confidence the model gave it: the error (dB) falls as the confidence rises. On untouched songs, ${(coverage * 100).toFixed(0)} % of the bands' own balance lies inside the model's expected range (10th to 90th percentile: 80 % if the range is honest).`,
    '',
    '| confidence | song bands | song error (dB) | window bands | window error (dB) |',
    '|---|---:|---:|---:|---:|',
    ...songCalibration.map(
      (c, i) =>
        `| ${c.from.toFixed(1)}-${c.to.toFixed(1)} | ${c.count} | ${f2(c.maeDb)} | ${windowCalibration[i]!.count} | ${f2(windowCalibration[i]!.maeDb)} |`,
    ),
    '',
    `A 1 s clip (the middle second of each of the ${clipFigures.songs} untouched test songs) against the whole song: suggestion size ${clipFigures.clipSizeDb.toFixed(2)} dB (whole songs ${clipFigures.songSizeDb.toFixed(2)} dB; largest band of any clip ${clipFigures.clipLargestDb.toFixed(1)} dB, of any whole song ${clipFigures.songLargestDb.toFixed(1)} dB; 90 % of clips' largest band under ${clipFigures.clipLargest90Db.toFixed(1)} dB, of songs' under ${clipFigures.songLargest90Db.toFixed(1)} dB), mean confidence ${clipFigures.clipConfidence.toFixed(2)} (whole songs ${clipFigures.songConfidence.toFixed(2)}).`,
  ].join('\n');
  console.log(metrics);
  console.log(response.table);
  console.log(calibrationTable);
  replaceSection('metrics', metrics);
  replaceSection('response', response.table);
  replaceSection('calibration', calibrationTable);
  console.log(`eval ${results.seconds} s`);
}

await main();
