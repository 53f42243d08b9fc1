/**
 * The shipped model under onnxruntime-node (command-line tool, evaluation, tests). The browser loads the
 * same file with onnxruntime-web and the same contract checks from src/shared/model.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import type { ModelMetadata } from '../shared/model/index.ts';
import { CONTRACT, assertModelMatchesContract } from '../shared/model/index.ts';

export const DEFAULT_MODEL_PATH = new URL('../../models/eq-model.onnx', import.meta.url).pathname;

export interface ModelOutputs {
  /** [n, bandCount] gains in dB, row-major. */
  gains: Float32Array;
  /** [n, embeddingSize] penultimate-layer activations. */
  embedding: Float32Array;
}

export interface NodeModel {
  metadata: ModelMetadata;
  /** bands: [n, 1, B, frames]; temporal: [n, frames, K] (row-major data, as src/shared/model builds them). */
  run(bands: Float32Array, temporal: Float32Array, n: number, frames: number): Promise<ModelOutputs>;
}

/** Loads a model and its metadata (same path, .json); refuses a changed file or a contract mismatch. */
export async function loadNodeModel(onnxPath: string = DEFAULT_MODEL_PATH): Promise<NodeModel> {
  const bytes = readFileSync(onnxPath);
  const metadata = JSON.parse(readFileSync(onnxPath.replace(/\.onnx$/, '.json'), 'utf8')) as ModelMetadata;
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== metadata.sha256) throw new Error(`${onnxPath}: sha256 ${sha} differs from its metadata`);
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  assertModelMatchesContract(session.inputMetadata, session.outputMetadata, metadata);
  const [bandsName, temporalName] = CONTRACT.tensors.inputs.map((t) => t.name);
  const [gainsName, embeddingName] = CONTRACT.tensors.outputs.map((t) => t.name);
  const B = CONTRACT.input.bands.count;
  const K = CONTRACT.input.temporal.length;
  return {
    metadata,
    async run(bands, temporal, n, frames) {
      if (bands.length !== n * B * frames || temporal.length !== n * frames * K) {
        throw new Error(`input sizes ${bands.length}/${temporal.length} do not fit ${n} x ${frames} frames`);
      }
      const out = await session.run({
        [bandsName!]: new ort.Tensor('float32', bands, [n, 1, B, frames]),
        [temporalName!]: new ort.Tensor('float32', temporal, [n, frames, K]),
      });
      return {
        gains: out[gainsName!]!.data as Float32Array,
        embedding: out[embeddingName!]!.data as Float32Array,
      };
    },
  };
}
