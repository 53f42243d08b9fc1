/**
 * Song -> suggestion: features, analysis windows, one batched model call, aggregation. The model call is
 * injected so Node (onnxruntime-node) and the browser worker (onnxruntime-web) share everything else.
 */
import type { Features } from '../features/index.ts';
import { FeatureExtractor } from '../features/index.ts';
import type { ModelContract } from './contract.ts';
import { CONTRACT, featureConfig } from './contract.ts';
import type { ModelOutputs } from './contract-runner.ts';
import { aggregateWindows, songWindowIndices } from './postprocess.ts';
import { stackWindows, windowInput, windowStarts } from './preprocess.ts';

/**
 * Runs the network on a batch: gains [n, bandCount] row-major, or both outputs (then the suggestion carries
 * the song's embedding too, averaged over the same windows as the gains).
 */
export type RunModel = (
  bands: Float32Array,
  temporal: Float32Array,
  n: number,
  frames: number,
) => Promise<Float32Array | ModelOutputs>;

export interface Suggestion {
  bandsHz: number[];
  /** Corrective gains in dB at amount 100 %, mean over bands zero. */
  gainsDb: number[];
  windows: number;
  /** Mean embedding over the windows the gains were averaged over, when the model call returned it. */
  embedding?: number[];
}

/** Windows per model call: bounds memory for long files without slowing short ones. */
const BATCH = 64;

let cachedExtractor: FeatureExtractor | null = null;

/** `mono` must be at the contract's sample rate (mixdown() of the decoded channels). */
export async function suggestForSong(
  mono: Float32Array,
  run: RunModel,
  c: ModelContract = CONTRACT,
): Promise<Suggestion> {
  if (mono.length === 0) throw new Error('no audio samples');
  cachedExtractor ??= new FeatureExtractor(featureConfig(c));
  return suggestFromFeatures(cachedExtractor.extract(mono), run, c);
}

/** The same from features already computed (the evaluation also needs them for its baselines). */
export async function suggestFromFeatures(
  features: Features,
  run: RunModel,
  c: ModelContract = CONTRACT,
): Promise<Suggestion> {
  const windows = windowStarts(features.frames, c).map((s) => windowInput(features, s, c));
  const frames = c.input.windowFrames;
  const bands = c.output.bandCentersHz.length;
  const gains = new Float32Array(windows.length * bands);
  const embeddings: Float32Array[] = [];
  for (let i = 0; i < windows.length; i += BATCH) {
    const chunk = windows.slice(i, i + BATCH);
    const stacked = stackWindows(chunk);
    const out = await run(stacked.bands, stacked.temporal, chunk.length, frames);
    gains.set(out instanceof Float32Array ? out : out.gains, i * bands);
    if (!(out instanceof Float32Array)) embeddings.push(out.embedding);
  }
  const meanRmsDb = windows.map((w) => w.meanRmsDb);
  const gainsDb = aggregateWindows(gains, meanRmsDb, c);
  const suggestion: Suggestion = { bandsHz: [...c.output.bandCentersHz], gainsDb, windows: windows.length };
  if (embeddings.length > 0) {
    const size = embeddings[0]!.length / Math.min(BATCH, windows.length);
    const all = new Float32Array(windows.length * size);
    embeddings.forEach((e, k) => all.set(e, k * BATCH * size));
    const used = songWindowIndices(meanRmsDb, c);
    suggestion.embedding = Array.from({ length: size }, (_, j) => {
      let sum = 0;
      for (const w of used) sum += all[w * size + j]!;
      return sum / used.length;
    });
  }
  return suggestion;
}
