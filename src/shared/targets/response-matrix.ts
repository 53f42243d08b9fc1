/**
 * How a command moves each feature band's level, as the extractor reads it: row k, column i is the change
 * (dB per dB) of band k for a change of engine band i. Measured on the engine itself (its realised response
 * read through each band's window kernel, src/shared/features/eq-readout.ts), linearised around flat with
 * ±6 dB steps. Plain interpolation between the band centres misreads the lowest bands, which hear 20 Hz
 * either side through the window, and the ends, where the outer bands' filters roll off.
 */
import { BAND_COUNT } from '../dsp/bands.ts';
import { bandGainsDb, bandReadout } from '../features/eq-readout.ts';
import { CONTRACT } from '../model/contract.ts';
import { contractExtractor } from './measure.ts';

const STEP_DB = 6;
let cached: number[][] | null = null;

/** The matrix for the contract's feature bands (computed once, about 0.1 s). */
export function responseMatrix(): number[][] {
  if (cached) return cached;
  const ex = contractExtractor();
  const rate = CONTRACT.input.sampleRateHz;
  const readout = bandReadout(ex.filterbank, rate, ex.config.frameSize);
  const columns = Array.from({ length: BAND_COUNT }, (_, i) => {
    const up = new Array<number>(BAND_COUNT).fill(0);
    up[i] = STEP_DB;
    const down = up.map((g) => -g);
    const a = bandGainsDb(up, readout, rate);
    const b = bandGainsDb(down, readout, rate);
    return Array.from(a, (v, k) => (v - b[k]!) / (2 * STEP_DB));
  });
  cached = Array.from({ length: ex.config.bandCount }, (_, k) => columns.map((c) => c[k]!));
  return cached;
}
