/**
 * Feature extraction shared by Node (dataset builder, evaluation, command-line tool) and the browser's
 * analysis worker. Pure TypeScript: no DOM, no Web Audio, no Node built-ins.
 */
export type { FeatureConfig } from './config.ts';
export { TEMPORAL_COUNT, TEMPORAL_FEATURES } from './config.ts';
export { CONTENT_COUNT, CONTENT_DESCRIPTORS, CONTENT_OCTAVES_HZ, ContentDescriptors } from './content.ts';
export type { Features } from './extract.ts';
export { FeatureExtractor, FeatureStream, frameCount, mixdown, mixdownInto } from './extract.ts';
export type { BandFilterbank } from './log-bands.ts';
export { applyFilterbank, logBandFilterbank } from './log-bands.ts';
export { PowerSpectrum } from './power-spectrum.ts';
