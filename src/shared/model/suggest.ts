/**
 * Song -> suggestion: features, the song's input (its non-silent frames), one model call. The model call is
 * injected so Node (onnxruntime-node) and the browser worker (onnxruntime-web) share everything else.
 */
import type { Features } from '../features/index.ts';
import { FeatureExtractor } from '../features/index.ts';
import type { ModelContract } from './contract.ts';
import { CONTRACT, featureConfig } from './contract.ts';
import type { ContractRun, ModelOutputs } from './contract-runner.ts';
import { removeMean } from './postprocess.ts';
import { batchOf, songInput } from './preprocess.ts';

/** Runs the network on a batch (onnxruntime-node or -web behind src/shared/model/contract-runner.ts). */
export type RunModel = ContractRun;

export interface Suggestion {
  bandsHz: number[];
  /** Corrective gains in dB at amount 100 %, mean over bands zero. */
  gainsDb: number[];
  /** Per band, 0..1: how sure the model is of that band's correction (contract output.confidence). */
  confidence: number[];
  /** The song's own octave-band balance in dB, mean over bands removed. */
  balanceDb: number[];
  /** Per band, the range of balance the model expects for this music (10th and 90th percentiles), dB. */
  typicalLowDb: number[];
  typicalHighDb: number[];
  /** Frames the network saw (the song's non-silent ones). */
  frames: number;
  /** Frames at or above the contract's silence threshold: 0 means the suggestion is flat for want of sound. */
  loudFrames: number;
  /** The song's embedding (for personalisation). */
  embedding: number[];
}

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
  // One pass over the whole song: the network pools over time (contract output.songAggregate).
  const input = songInput(features, c);
  const out = await run(batchOf([input]));
  // Nothing above the silence threshold: there is no balance to correct (contract output.songAggregate).
  return suggestionAt(out, 0, input.frames, input.loudFrames, c);
}

/** Input `i` of a batch's outputs as a suggestion: gains with their mean removed and clamped to the engine's range. */
export function suggestionAt(
  out: ModelOutputs,
  i: number,
  frames: number,
  loudFrames: number,
  c: ModelContract = CONTRACT,
): Suggestion {
  const silent = loudFrames === 0;
  const nb = c.output.bandCentersHz.length;
  const row = (a: Float32Array) => Array.from(a.subarray(i * nb, (i + 1) * nb));
  const ne = out.embedding.length / (out.gains.length / nb);
  const limit = c.output.maxAbsGainDb;
  const unit = (v: number) => Math.max(0, Math.min(1, v));
  return {
    bandsHz: [...c.output.bandCentersHz],
    gainsDb: silent
      ? new Array<number>(nb).fill(0)
      : removeMean(row(out.gains)).map((g) => Math.max(-limit, Math.min(limit, g))),
    confidence: silent ? new Array<number>(nb).fill(0) : row(out.confidence).map(unit),
    balanceDb: row(out.balance),
    typicalLowDb: row(out.typicalLow),
    typicalHighDb: row(out.typicalHigh),
    frames,
    loudFrames,
    embedding: Array.from(out.embedding.subarray(i * ne, (i + 1) * ne)),
  };
}
