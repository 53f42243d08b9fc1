/**
 * The model I/O contract in TypeScript. The single source of truth is models/contract.json, shared with the
 * Python trainer and the tests; this module types it, checks it, and derives the feature configuration.
 */
import contractJson from '../../../models/contract.json' with { type: 'json' };
import type { FeatureConfig } from '../features/index.ts';
import { CONTENT_DESCRIPTORS, TEMPORAL_FEATURES } from '../features/index.ts';

export interface TensorSpec {
  name: string;
  dtype: 'float32';
  /** Fixed sizes as numbers, symbolic ones ("batch", "frames") as strings. */
  shape: (number | string)[];
}

export interface ModelContract {
  version: string;
  input: {
    sampleRateHz: number;
    frameSize: number;
    hopSize: number;
    bands: { count: number; minHz: number; maxHz: number; powerFloor: number };
    temporal: string[];
    content: { stride: number; descriptors: string[] };
    windowFrames: number;
    silentFrameRmsDb: number;
  };
  normalisation: { bandsScaleDb: number; rmsScaleDb: number; fluxScaleDb: number };
  tensors: { inputs: TensorSpec[]; outputs: TensorSpec[] };
  output: { bandCentersHz: number[]; maxAbsGainDb: number };
}

/** The tensors, in the order the contract lists them. */
export const INPUT_NAMES = ['bands', 'temporal', 'content'] as const;
export const OUTPUT_NAMES = [
  'gains',
  'embedding',
  'confidence',
  'balance',
  'typicalLow',
  'typicalHigh',
] as const;

/** Throws when the JSON does not describe what this code implements (e.g. a newer feature order). */
export function checkContract(c: ModelContract): ModelContract {
  const t = c.input.temporal;
  if (t.length !== TEMPORAL_FEATURES.length || t.some((name, i) => name !== TEMPORAL_FEATURES[i])) {
    throw new Error(`contract temporal features [${t.join(', ')}] differ from the extractor's`);
  }
  const d = c.input.content.descriptors;
  if (d.length !== CONTENT_DESCRIPTORS.length || d.some((name, i) => name !== CONTENT_DESCRIPTORS[i])) {
    throw new Error(`contract content descriptors [${d.join(', ')}] differ from the extractor's`);
  }
  const names = (specs: TensorSpec[]) => specs.map((s) => s.name).join(',');
  if (names(c.tensors.inputs) !== INPUT_NAMES.join(','))
    throw new Error(`contract inputs must be ${INPUT_NAMES.join(', ')}`);
  if (names(c.tensors.outputs) !== OUTPUT_NAMES.join(','))
    throw new Error(`contract outputs must be ${OUTPUT_NAMES.join(', ')}`);
  if (c.tensors.inputs[0]?.shape[2] !== c.input.bands.count)
    throw new Error('bands tensor height != band count');
  if (c.tensors.inputs[2]?.shape[2] !== d.length) throw new Error('content tensor width != descriptors');
  const perBand = c.tensors.outputs.filter((t) => t.name !== 'embedding');
  if (perBand.some((t) => t.shape[1] !== c.output.bandCentersHz.length))
    throw new Error('per-band outputs must have one value per band');
  if (c.input.windowFrames < 2) throw new Error('bad window framing');
  return c;
}

export const CONTRACT: ModelContract = checkContract(contractJson as ModelContract);

export function featureConfig(c: ModelContract = CONTRACT): FeatureConfig {
  return {
    sampleRateHz: c.input.sampleRateHz,
    frameSize: c.input.frameSize,
    hopSize: c.input.hopSize,
    bandCount: c.input.bands.count,
    minHz: c.input.bands.minHz,
    maxHz: c.input.bands.maxHz,
    powerFloor: c.input.bands.powerFloor,
    contentStride: c.input.content.stride,
  };
}

/** Width of the embedding output. */
export function embeddingSize(c: ModelContract = CONTRACT): number {
  const n = c.tensors.outputs[1]?.shape[1];
  if (typeof n !== 'number') throw new Error('embedding width missing from contract');
  return n;
}
