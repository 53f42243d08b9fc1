/** Distribution of the training curves and examples, shared by the dataset builder and the evaluation. */
import { BAND_CENTERS_HZ, MAX_BAND_GAIN_DB } from '../../src/shared/dsp/index.ts';
import { randomCurve } from './curves.ts';
import type { Rng } from './random.ts';

/** Share of examples left untouched (the right answer is no change). */
export const UNTOUCHED_FRACTION = 0.2;
/** Largest gain of one curve component in dB (sums are clamped to the engine's ±12 dB). */
export const MAX_COMPONENT_DB = 8;

/** The curve applied to one example: flat when untouched (drawing nothing from rng), else a random one. */
export function trainingCurve(rng: Rng, untouched: boolean): number[] {
  return untouched
    ? BAND_CENTERS_HZ.map(() => 0)
    : randomCurve(rng, {
        centersHz: BAND_CENTERS_HZ,
        maxComponentDb: MAX_COMPONENT_DB,
        maxBandDb: MAX_BAND_GAIN_DB,
      });
}
