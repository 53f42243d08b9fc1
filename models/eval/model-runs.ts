/** The shipped model (onnxruntime-node) on the evaluation's inputs, through the product's code paths. */
import type { NodeModel } from '../../src/inference/node-model.ts';
import { BAND_CENTERS_HZ } from '../../src/shared/dsp/index.ts';
import type { Features } from '../../src/shared/features/index.ts';
import { CONTENT_COUNT, TEMPORAL_COUNT } from '../../src/shared/features/index.ts';
import type { Suggestion } from '../../src/shared/model/index.ts';
import { CONTRACT, removeMean, suggestFromFeatures, suggestionAt } from '../../src/shared/model/index.ts';
import { correctionTarget } from '../prep/curves.ts';
import type { TestSongs, TestVersion } from '../prep/test-songs.ts';
import type { BaselineStats } from './baselines.ts';
import { octaveLtas, shrunkSpectrumMatch, spectrumMatch } from './baselines.ts';
import type { SplitData } from './read-split.ts';

/** The 6 s test windows, in batches of 128 (their inputs were built by windowInput in the dataset stage). */
export async function windowSuggestions(model: NodeModel, split: SplitData): Promise<Suggestion[]> {
  const T = CONTRACT.input.windowFrames;
  const perBands = split.bands.length / split.count;
  const perTemporal = split.temporal.length / split.count;
  const perContent = split.content.length / split.count;
  const out: Suggestion[] = [];
  for (let i = 0; i < split.count; i += 128) {
    const n = Math.min(128, split.count - i);
    const r = await model.run({
      n,
      frames: T,
      contentFrames: perContent / CONTENT_COUNT,
      bands: split.bands.subarray(i * perBands, (i + n) * perBands),
      temporal: split.temporal.subarray(i * perTemporal, (i + n) * perTemporal),
      content: split.content.subarray(i * perContent, (i + n) * perContent),
    });
    for (let j = 0; j < n; j++) out.push(suggestionAt(r, j, T, T));
  }
  return out;
}

export interface SongCase {
  version: TestVersion;
  target: number[];
  suggestion: Suggestion;
  predictions: Record<string, number[]>;
}

/** Octave-band shape (mean removed) of a whole song's long-term spectrum: power mean over frames. */
function songShape(f: Features, centersHz: Float64Array): number[] {
  const ltas = new Float64Array(f.bandCount);
  for (let t = 0; t < f.frames; t++) {
    for (let b = 0; b < f.bandCount; b++)
      ltas[b] = ltas[b]! + 10 ** (f.bandsDb[t * f.bandCount + b]! / 10) / f.frames;
  }
  return removeMean(
    octaveLtas(
      Array.from(ltas, (p) => 10 * Math.log10(p + 1e-20)),
      centersHz,
      BAND_CENTERS_HZ,
    ),
  );
}

/** Every version of every test song, whole, through suggestFromFeatures (what `eq analyze` runs). */
export async function songSuggestions(
  model: NodeModel,
  songs: TestSongs,
  stats: BaselineStats,
): Promise<SongCase[]> {
  const edges = songs.bandEdgesHz;
  const centres = Float64Array.from({ length: songs.bandCount }, (_, b) =>
    Math.sqrt(edges[b]! * edges[b + 1]!),
  );
  const cases: SongCase[] = [];
  for (const version of songs.versions) {
    const f = songs.features(version);
    const suggestion = await suggestFromFeatures(f, model.run);
    const shape = songShape(f, centres);
    cases.push({
      version,
      target: correctionTarget(version.command),
      suggestion,
      predictions: {
        model: removeMean(suggestion.gainsDb),
        zero: BAND_CENTERS_HZ.map(() => 0),
        spectrumMatch: spectrumMatch(shape, stats),
        shrunkSpectrumMatch: shrunkSpectrumMatch(shape, stats),
      },
    });
  }
  return cases;
}

/** `seconds` from the middle of each untouched test song, as a clip of its own. */
export async function clipSuggestions(
  model: NodeModel,
  songs: TestSongs,
  seconds: number,
): Promise<Suggestion[]> {
  const { hopSize, frameSize, sampleRateHz } = CONTRACT.input;
  const frames = Math.max(1, Math.floor((seconds * sampleRateHz - frameSize) / hopSize) + 1);
  const out: Suggestion[] = [];
  for (const v of songs.versions.filter((x) => x.kind === 'random' && x.untouched)) {
    const f = songs.features(v);
    const stride = f.contentStride;
    // Start on the content stride, so the clip's first frame has its descriptors, as a file's would.
    const start = Math.floor((f.frames - frames) / 2 / stride) * stride;
    const B = f.bandCount;
    const clip: Features = {
      frames,
      bandCount: B,
      bandsDb: f.bandsDb.subarray(start * B, (start + frames) * B),
      temporal: f.temporal.subarray(start * TEMPORAL_COUNT, (start + frames) * TEMPORAL_COUNT),
      contentStride: stride,
      content: f.content.subarray(
        (start / stride) * CONTENT_COUNT,
        (start / stride + Math.ceil(frames / stride)) * CONTENT_COUNT,
      ),
    };
    out.push(await suggestFromFeatures(clip, model.run));
  }
  return out;
}
