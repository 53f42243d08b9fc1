/** The ten octave bands of the equalizer and the limits of a command. */

/** Octave centres in Hz, 31.25 Hz to 16 kHz (1 kHz · 2^k). */
export const BAND_CENTERS_HZ: readonly number[] = Object.freeze([
  31.25, 62.5, 125, 250, 500, 1000, 2000, 4000, 8000, 16000,
]);

export const BAND_COUNT = BAND_CENTERS_HZ.length;

/** A command asks for at most this much boost or cut per band, in dB. */
export const MAX_BAND_GAIN_DB = 12;

/** Highest realisable band centre, as a fraction of the sample rate: higher bands stay flat (16 kHz needs 40 kHz). */
export const MAX_BAND_FRACTION = 0.4;

/** Whether a band's centre can be realised at a sample rate: the one test the design, the UI and storage share. */
export const isBandRealisable = (band: number, sampleRate: number): boolean =>
  (BAND_CENTERS_HZ[band] ?? Infinity) <= sampleRate * MAX_BAND_FRACTION;

/** Short labels for the UI and reports: "31 Hz" … "16 kHz". */
export const BAND_LABELS: readonly string[] = Object.freeze(
  BAND_CENTERS_HZ.map((f) => (f >= 1000 ? `${f / 1000} kHz` : `${Math.round(f)} Hz`)),
);

/**
 * Names for assistive technology: the short label, plus the exact centre where the label rounds it
 * ("63 Hz (62.5 Hz)"), so the band can be found by either.
 */
export const BAND_ACCESSIBLE_NAMES: readonly string[] = Object.freeze(
  BAND_CENTERS_HZ.map((f, i) => (Number.isInteger(f) ? BAND_LABELS[i]! : `${BAND_LABELS[i]} (${f} Hz)`)),
);

/**
 * The 19 points where a command is defined: the ten centres and the nine geometric midpoints between them.
 * The command at a midpoint is the mean (in dB) of its two neighbours, i.e. linear in dB on a log-frequency axis.
 */
export function designPointsHz(): number[] {
  const points: number[] = [];
  BAND_CENTERS_HZ.forEach((f, i) => {
    points.push(f);
    const next = BAND_CENTERS_HZ[i + 1];
    if (next !== undefined) points.push(Math.sqrt(f * next));
  });
  return points;
}

/** The command's target (dB) at each design point. */
export function designPointTargetsDb(commandDb: ArrayLike<number>): number[] {
  const targets: number[] = [];
  for (let i = 0; i < BAND_COUNT; i++) {
    const g = commandDb[i] ?? 0;
    targets.push(g);
    if (i + 1 < BAND_COUNT) targets.push((g + (commandDb[i + 1] ?? 0)) / 2);
  }
  return targets;
}

/** Clamps a command to the allowed range; throws on a wrong length or a non-finite value. */
export function validateCommand(commandDb: ArrayLike<number>): Float64Array {
  if (commandDb.length !== BAND_COUNT) {
    throw new RangeError(`an EQ command has ${BAND_COUNT} band gains, got ${commandDb.length}`);
  }
  const out = new Float64Array(BAND_COUNT);
  for (let i = 0; i < BAND_COUNT; i++) {
    const g = commandDb[i] as number;
    if (!Number.isFinite(g)) throw new RangeError(`band ${BAND_LABELS[i]}: gain is not a number`);
    out[i] = Math.max(-MAX_BAND_GAIN_DB, Math.min(MAX_BAND_GAIN_DB, g));
  }
  return out;
}
