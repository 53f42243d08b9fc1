/** What an EQ does to the extractor's band powers: moved to src/shared/features (the matcher needs it too). */
export type { BandReadout } from '../../src/shared/features/eq-readout.ts';
export { bandGainsDb, bandReadout } from '../../src/shared/features/eq-readout.ts';
