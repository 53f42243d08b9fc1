/**
 * A preset's curve is a response in dB over frequency. Other equalizers describe it by points (GraphicEQ) or
 * filters; we compare them all on one grid, at one sample rate, the way EqualizerAPO reads points.
 */

/**
 * Presets are designed and compared at 48 kHz, the usual rate of a desktop's or phone's output device
 * (EqualizerAPO and Wavelet design their filters at the device's rate). All ten bands are realisable there.
 */
export const PRESET_SAMPLE_RATE_HZ = 48000;

/** The audible range a preset is judged over. */
export const PRESET_RANGE_HZ = [20, 20000] as const;

/** 1/24-octave points over the audible range: where curves are compared and fitted. */
export const FIT_GRID_HZ: readonly number[] = Object.freeze(
  Array.from(
    { length: Math.floor(24 * Math.log2(PRESET_RANGE_HZ[1] / PRESET_RANGE_HZ[0])) + 1 },
    (_, i) => PRESET_RANGE_HZ[0] * 2 ** (i / 24),
  ),
);

export interface CurvePoint {
  frequencyHz: number;
  gainDb: number;
}

/**
 * The curve through `points` at each frequency as EqualizerAPO's GraphicEQ reads it: sorted by frequency,
 * linear in dB on a logarithmic frequency axis between points, held at the first and last value beyond them.
 */
export function interpolateCurveDb(points: readonly CurvePoint[], freqsHz: ArrayLike<number>): Float64Array {
  // A frequency given twice keeps its last value (a step would need two points at one frequency).
  const p = [...points]
    .sort((a, b) => a.frequencyHz - b.frequencyHz)
    .filter((q, i, all) => all[i + 1]?.frequencyHz !== q.frequencyHz);
  const out = new Float64Array(freqsHz.length);
  if (p.length === 0) return out;
  let j = 0;
  for (let i = 0; i < freqsHz.length; i++) {
    const f = freqsHz[i]!;
    if (f <= p[0]!.frequencyHz) out[i] = p[0]!.gainDb;
    else if (f >= p[p.length - 1]!.frequencyHz) out[i] = p[p.length - 1]!.gainDb;
    else {
      while (j > 0 && p[j]!.frequencyHz > f) j--;
      while (p[j + 1]!.frequencyHz < f) j++;
      const a = p[j]!;
      const b = p[j + 1]!;
      const t = Math.log(f / a.frequencyHz) / Math.log(b.frequencyHz / a.frequencyHz);
      out[i] = a.gainDb + t * (b.gainDb - a.gainDb);
    }
  }
  return out;
}
