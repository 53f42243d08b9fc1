/** The model I/O contract and the pre/post-processing around the network. No onnxruntime here. */
export type { ModelContract, TensorSpec } from './contract.ts';
export { CONTRACT, checkContract, embeddingSize, featureConfig } from './contract.ts';
export type { ModelInput } from './preprocess.ts';
export { songInput, windowInput } from './preprocess.ts';
export { removeMean } from './postprocess.ts';
export type { ModelMetadata, ValueInfo } from './check-model.ts';
export { assertModelMatchesContract } from './check-model.ts';
export type { RunModel, Suggestion } from './suggest.ts';
export { suggestForSong, suggestFromFeatures } from './suggest.ts';
