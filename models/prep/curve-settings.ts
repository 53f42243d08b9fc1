/** Distribution of the training curves and examples, shared by the dataset builder and the evaluation. */
import { BAND_CENTERS_HZ, MAX_BAND_GAIN_DB } from '../../src/shared/dsp/index.ts';
import { randomCurve } from './curves.ts';
import type { Rng } from './random.ts';

/** Share of takes left untouched (the right answer is no change). */
export const UNTOUCHED_FRACTION = 0.2;
/**
 * Gain range of one curve component in dB (sums are clamped to the engine's ±12 dB). The curves are the
 * audible tonal problems a corrective EQ is for (a boomy low end, a dull or harsh top, a boxy midrange):
 * components under 3 dB are hard to hear and not worth a correction. A first model trained on ±1-8 dB
 * components learned to say almost nothing (MODEL_CARD.md, "Curve size").
 */
export const COMPONENT_DB: [number, number] = [3, 12];
/** Two or three problems per curve: real imbalances rarely come alone (a tilt and a bump). */
export const COMPONENTS: [number, number] = [2, 3];

/**
 * The curve prior's bank (models/train/structured.py): curves with one problem, and with two or three as
 * the training curves have. Real songs that need a correction mostly need one thing fixed; the evaluation's
 * curves have two or three. The trainer weighs the two kinds (its setting `singleShare`).
 */
export function bankCurve(rng: Rng, single: boolean): number[] {
  return randomCurve(rng, {
    centersHz: BAND_CENTERS_HZ,
    componentDb: COMPONENT_DB,
    components: single ? [1, 1] : COMPONENTS,
    maxBandDb: MAX_BAND_GAIN_DB,
  });
}

/** The curve applied to one take: flat when untouched (drawing nothing from rng), else a random one. */
export function trainingCurve(rng: Rng, untouched: boolean): number[] {
  return untouched
    ? BAND_CENTERS_HZ.map(() => 0)
    : randomCurve(rng, {
        centersHz: BAND_CENTERS_HZ,
        componentDb: COMPONENT_DB,
        components: COMPONENTS,
        maxBandDb: MAX_BAND_GAIN_DB,
      });
}
