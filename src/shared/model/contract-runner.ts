/**
 * One model call as the contract defines it, for whichever onnxruntime runs the session (onnxruntime-node in
 * the command line and tests, onnxruntime-web in the browser's worker). The runtime is passed in; only its
 * shape is assumed here, so this file stays free of either package.
 */
import { CONTRACT, type ModelContract } from './contract.ts';

export interface ModelOutputs {
  /** [n, bandCount] gains in dB, row-major. */
  gains: Float32Array;
  /** [n, embeddingSize] penultimate-layer activations. */
  embedding: Float32Array;
}

/** bands: [n, 1, B, frames]; temporal: [n, frames, K] (row-major, as src/shared/model builds them). */
export type ContractRun = (
  bands: Float32Array,
  temporal: Float32Array,
  n: number,
  frames: number,
) => Promise<ModelOutputs>;

export interface TensorConstructor<T> {
  new (type: 'float32', data: Float32Array, dims: readonly number[]): T;
}

export interface SessionLike<T> {
  run(feeds: Record<string, T>): Promise<Record<string, { data: unknown }>>;
}

export function contractRunner<T>(
  session: SessionLike<T>,
  Tensor: TensorConstructor<T>,
  c: ModelContract = CONTRACT,
): ContractRun {
  const [bandsName, temporalName] = c.tensors.inputs.map((t) => t.name);
  const [gainsName, embeddingName] = c.tensors.outputs.map((t) => t.name);
  const B = c.input.bands.count;
  const K = c.input.temporal.length;
  return async (bands, temporal, n, frames) => {
    if (bands.length !== n * B * frames || temporal.length !== n * frames * K) {
      throw new Error(`input sizes ${bands.length}/${temporal.length} do not fit ${n} x ${frames} frames`);
    }
    const out = await session.run({
      [bandsName!]: new Tensor('float32', bands, [n, 1, B, frames]),
      [temporalName!]: new Tensor('float32', temporal, [n, frames, K]),
    });
    return {
      gains: out[gainsName!]!.data as Float32Array,
      embedding: out[embeddingName!]!.data as Float32Array,
    };
  };
}
