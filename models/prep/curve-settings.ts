/** Distribution of the training curves and examples, shared by the dataset builder and the evaluation. */

/** Share of examples left untouched (the right answer is no change). */
export const UNTOUCHED_FRACTION = 0.2;
/** Largest gain of one curve component in dB (sums are clamped to the engine's ±12 dB). */
export const MAX_COMPONENT_DB = 8;
