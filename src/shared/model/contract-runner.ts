/**
 * One model call as the contract defines it, for whichever onnxruntime runs the session (onnxruntime-node in
 * the command line and tests, onnxruntime-web in the browser's worker). The runtime is passed in; only its
 * shape is assumed here, so this file stays free of either package.
 */
import { CONTRACT, INPUT_NAMES, OUTPUT_NAMES, type ModelContract } from './contract.ts';

/** A batch of n inputs of equal length, row-major, as src/shared/model/preprocess.ts builds them. */
export interface ModelBatch {
  n: number;
  /** Time axis of bands and temporal. */
  frames: number;
  /** Rows of content per input. */
  contentFrames: number;
  /** [n, 1, bandCount, frames] */
  bands: Float32Array;
  /** [n, frames, temporalCount] */
  temporal: Float32Array;
  /** [n, contentFrames, contentCount] */
  content: Float32Array;
}

/** Every output of the contract, [n, width] row-major. */
export type ModelOutputs = Record<(typeof OUTPUT_NAMES)[number], Float32Array>;

export type ContractRun = (batch: ModelBatch) => Promise<ModelOutputs>;

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
  const B = c.input.bands.count;
  const K = c.input.temporal.length;
  const D = c.input.content.descriptors.length;
  return async ({ n, frames, contentFrames, bands, temporal, content }) => {
    if (
      bands.length !== n * B * frames ||
      temporal.length !== n * frames * K ||
      content.length !== n * contentFrames * D
    ) {
      throw new Error(
        `input sizes ${bands.length}/${temporal.length}/${content.length} do not fit ${n} x ${frames} frames (${contentFrames} content frames)`,
      );
    }
    const [bandsName, temporalName, contentName] = INPUT_NAMES;
    const out = await session.run({
      [bandsName]: new Tensor('float32', bands, [n, 1, B, frames]),
      [temporalName]: new Tensor('float32', temporal, [n, frames, K]),
      [contentName]: new Tensor('float32', content, [n, contentFrames, D]),
    });
    const outputs = {} as ModelOutputs;
    for (const name of OUTPUT_NAMES) outputs[name] = out[name]!.data as Float32Array;
    return outputs;
  };
}
