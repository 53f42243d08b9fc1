/**
 * Song -> suggestion: features, the song's input (its non-silent frames), one model call. The model call is
 * injected so Node (onnxruntime-node) and the browser worker (onnxruntime-web) share everything else.
 */
import type { Features } from '../features/index.ts';
import { FeatureExtractor } from '../features/index.ts';
import type { ModelContract } from './contract.ts';
import { CONTRACT, featureConfig } from './contract.ts';
import type { ModelOutputs } from './contract-runner.ts';
import { removeMean } from './postprocess.ts';
import { songInput } from './preprocess.ts';

/**
 * Runs the network on a batch: gains [n, bandCount] row-major, or both outputs (then the suggestion carries
 * the song's embedding too).
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
  /** Frames the network saw (the song's non-silent frames). */
  frames: number;
  /** Frames at or above the contract's silence threshold: 0 means the suggestion is flat for want of sound. */
  loudFrames: number;
  /** The song's embedding, when the model call returned it. */
  embedding?: number[];
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
  const out = await run(input.bands, input.temporal, 1, input.frames);
  const gains = out instanceof Float32Array ? out : out.gains;
  const limit = c.output.maxAbsGainDb;
  // Nothing above the silence threshold: there is no balance to correct (contract output.songAggregate).
  const gainsDb =
    input.loudFrames === 0
      ? c.output.bandCentersHz.map(() => 0)
      : removeMean(gains).map((g) => Math.max(-limit, Math.min(limit, g)));
  const suggestion: Suggestion = {
    bandsHz: [...c.output.bandCentersHz],
    gainsDb,
    frames: input.frames,
    loudFrames: input.loudFrames,
  };
  if (!(out instanceof Float32Array)) suggestion.embedding = Array.from(out.embedding);
  return suggestion;
}
