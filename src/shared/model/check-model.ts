/**
 * Refuses a model that does not match the contract: tensor names, element types and shapes as the runtime
 * reports them, and the contract version recorded in the model's metadata. Pure: callers pass what
 * onnxruntime (node or web) reports, so both runtimes share one check.
 */
import type { ModelContract, TensorSpec } from './contract.ts';
import { CONTRACT } from './contract.ts';

/** Structural subset of onnxruntime's InferenceSession.ValueMetadata. */
export interface ValueInfo {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: ReadonlyArray<number | string>;
}

/** The metadata JSON shipped next to the .onnx file. */
export interface ModelMetadata {
  model: string;
  sha256: string;
  contractVersion: string;
  inputs: string[];
  outputs: string[];
}

/**
 * The id a feedback record keeps of the model that made its suggestion and embedding: the file name with
 * the start of its sha256. Personalisation pairs a record's embedding with the current model's only when
 * the ids match, and every model version ships under the same file name: a rebuilt model (even from the
 * same code, on another machine) may give its embedding directions the opposite sign.
 */
export function modelIdOf(meta: Pick<ModelMetadata, 'model' | 'sha256'>): string {
  return `${meta.model}@${meta.sha256.slice(0, 16)}`;
}

function checkValues(kind: string, actual: readonly ValueInfo[], expected: readonly TensorSpec[]): string[] {
  const problems: string[] = [];
  if (actual.length !== expected.length)
    problems.push(`${kind}: ${actual.length} tensors, contract has ${expected.length}`);
  expected.forEach((spec, i) => {
    const v = actual[i];
    if (v === undefined) return;
    if (v.name !== spec.name) problems.push(`${kind} ${i} is "${v.name}", contract says "${spec.name}"`);
    if (!v.isTensor || (v.type !== undefined && v.type !== spec.dtype))
      problems.push(`${kind} ${v.name} is not ${spec.dtype}`);
    const shape = v.shape ?? [];
    // Fixed sizes must agree; symbolic sizes (batch, frames) must stay symbolic.
    const same =
      shape.length === spec.shape.length &&
      spec.shape.every((d, j) => (typeof d === 'number' ? shape[j] === d : typeof shape[j] === 'string'));
    if (!same)
      problems.push(
        `${kind} ${v.name} has shape [${shape.join(', ')}], contract says [${spec.shape.join(', ')}]`,
      );
  });
  return problems;
}

/** Throws with every mismatch listed; returns nothing when the model fits the contract. */
export function assertModelMatchesContract(
  inputs: readonly ValueInfo[],
  outputs: readonly ValueInfo[],
  meta: ModelMetadata,
  c: ModelContract = CONTRACT,
): void {
  const problems = [
    ...checkValues('input', inputs, c.tensors.inputs),
    ...checkValues('output', outputs, c.tensors.outputs),
  ];
  if (meta.contractVersion !== c.version) {
    problems.push(`model was built for contract ${meta.contractVersion}, this code implements ${c.version}`);
  }
  if (problems.length > 0) throw new Error(`model does not match the contract: ${problems.join('; ')}`);
}
