/**
 * The baseline a matcher must beat: the plain spectrum difference, reference levels minus song levels in the
 * engine's octave bands (long-term power mean over every frame), mean over bands removed, clamped to the
 * engine's range.
 */
import { BAND_CENTERS_HZ, MAX_BAND_GAIN_DB } from '../../src/shared/dsp/index.ts';
import type { Features } from '../../src/shared/features/index.ts';
import { removeMean } from '../../src/shared/model/index.ts';
import { octaveLtas } from '../eval/baselines.ts';

/** Long-term average spectrum (dB per quarter-octave band): power mean over every frame. */
export function ltasDb(f: Features): number[] {
  const p = new Float64Array(f.bandCount);
  for (let t = 0; t < f.frames; t++) {
    for (let b = 0; b < f.bandCount; b++) p[b] = p[b]! + 10 ** (f.bandsDb[t * f.bandCount + b]! / 10);
  }
  return Array.from(p, (v) => 10 * Math.log10(v / f.frames + 1e-20));
}

/** Octave-band levels (dB) of a quarter-octave LTAS at the engine's centres. */
export function octaveLevels(ltas: readonly number[], centersHz: Float64Array): number[] {
  return octaveLtas(ltas, centersHz, BAND_CENTERS_HZ);
}

export function plainDifference(
  songLtas: readonly number[],
  refLtas: readonly number[],
  centersHz: Float64Array,
) {
  const s = octaveLevels(songLtas, centersHz);
  const r = octaveLevels(refLtas, centersHz);
  return removeMean(r.map((v, b) => v - s[b]!)).map((g) =>
    Math.max(-MAX_BAND_GAIN_DB, Math.min(MAX_BAND_GAIN_DB, g)),
  );
}
