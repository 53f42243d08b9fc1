/** The EQ engine: band layout, coefficient design, realised response and the kernel. Pure; runs everywhere. */
export {
  BAND_CENTERS_HZ,
  BAND_COUNT,
  BAND_LABELS,
  MAX_BAND_GAIN_DB,
  designPointsHz,
  designPointTargetsDb,
  validateCommand,
} from './bands.ts';
export { cascadeResponseDb, SECTION_STRIDE } from './biquad-response.ts';
export { designGraphicEq, type EqDesign } from './graphic-eq-design.ts';
export { EqKernel } from './eq-kernel.ts';
export { applyEq, applyEqInPlace, eqResponseDb, scaleCommand } from './apply.ts';
