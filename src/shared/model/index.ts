/** The model I/O contract and the pre/post-processing around the network. No onnxruntime here. */
export type { ModelContract, TensorSpec } from './contract.ts';
export {
  CONTRACT,
  INPUT_NAMES,
  OUTPUT_NAMES,
  checkContract,
  embeddingSize,
  featureConfig,
} from './contract.ts';
export type { ModelBatch, ModelOutputs } from './contract-runner.ts';
export type { ModelInput } from './preprocess.ts';
export { batchOf, songInput, windowInput } from './preprocess.ts';
export { removeMean } from './postprocess.ts';
export type { ModelMetadata, ValueInfo } from './check-model.ts';
export { assertModelMatchesContract, modelIdOf } from './check-model.ts';
export type { RunModel, Suggestion } from './suggest.ts';
export { suggestForSong, suggestFromFeatures, suggestionAt } from './suggest.ts';
