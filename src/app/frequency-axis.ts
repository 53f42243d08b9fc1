/** The frequency axis the EQ curve and the analyser behind it share: logarithmic, 20 Hz to 20 kHz. */
export const F_MIN = 20;
export const F_MAX = 20000;

/** Where a frequency lies across the axis, 0 (F_MIN) to 1 (F_MAX). */
export const axisFraction = (f: number): number => Math.log(f / F_MIN) / Math.log(F_MAX / F_MIN);
