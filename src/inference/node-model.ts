/**
 * The shipped model under onnxruntime-node (command-line tool, evaluation, tests). The browser loads the
 * same file with onnxruntime-web and the same contract checks from src/shared/model.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import type { ModelMetadata } from '../shared/model/index.ts';
import { assertModelMatchesContract } from '../shared/model/index.ts';
import { contractRunner, type ContractRun, type ModelOutputs } from '../shared/model/contract-runner.ts';

export const DEFAULT_MODEL_PATH = new URL('../../models/eq-model.onnx', import.meta.url).pathname;

export type { ModelOutputs };

export interface NodeModel {
  metadata: ModelMetadata;
  run: ContractRun;
}

/** Loads a model and its metadata (same path, .json); refuses a changed file or a contract mismatch. */
export async function loadNodeModel(onnxPath: string = DEFAULT_MODEL_PATH): Promise<NodeModel> {
  const bytes = readFileSync(onnxPath);
  const metadata = JSON.parse(readFileSync(onnxPath.replace(/\.onnx$/, '.json'), 'utf8')) as ModelMetadata;
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== metadata.sha256) throw new Error(`${onnxPath}: sha256 ${sha} differs from its metadata`);
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  assertModelMatchesContract(session.inputMetadata, session.outputMetadata, metadata);
  return { metadata, run: contractRunner(session, ort.Tensor) };
}
