/** The EQ engine: band layout, the command, coefficient design, realised response and the kernel. Pure. */
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
export {
  COMMAND_STEP_DB,
  FLAT_COMMAND,
  MAX_AMOUNT,
  eqDesign,
  isBandRealisable,
  realisableBands,
  restrictToRate,
  scaleCommand,
  toCommand,
  type CommandDb,
} from './eq-command.ts';
export { EqKernel } from './eq-kernel.ts';
export { applyEq, applyEqInPlace, eqResponseDb } from './apply.ts';
