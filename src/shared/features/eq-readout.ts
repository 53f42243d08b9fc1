/**
 * What an EQ does to the extractor's band powers: for each band, the engine's power gain averaged over
 * the frequencies that band actually reads. A band averages bin-interpolated FFT powers, and each bin of a
 * Hann-windowed frame reads the spectrum through the window's kernel (main lobe ±2 bins), so the lowest
 * bands, narrower than a bin, hear frequencies up to two bins (about 20 Hz) away; a plain average of the
 * gain over the band's own edges misreads them by several dB. Used by models/prep/curve-table.ts (training curves) and the reference matcher (src/shared/targets).
 */
import { eqResponseDb } from '../dsp/apply.ts';
import type { BandFilterbank } from './log-bands.ts';

/** Kernel reach in bins either side of a bin, and sub-bin sampling; Hann sidelobes beyond 6 bins are below -60 dB. */
const REACH_BINS = 6;
const STEPS_PER_BIN = 8;

/** |W(d)|² of a periodic Hann window at an offset of d bins, normalised to 1 at d = 0. */
function hannKernel(d: number): number {
  const sinc = (x: number) => (Math.abs(x) < 1e-9 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));
  const w = 0.5 * sinc(d) + 0.25 * sinc(d - 1) + 0.25 * sinc(d + 1);
  return (w / 0.5) ** 2;
}

/** Per band: frequencies (Hz) and the weight with which the band reads each, as seen by the extractor. */
export interface BandReadout {
  freqsHz: number[];
  weights: number[][];
}

export function bandReadout(fb: BandFilterbank, sampleRate: number, frameSize: number): BandReadout {
  const binHz = sampleRate / frameSize;
  const bands = fb.centersHz.length;
  const lastBin = fb.bins.reduce((m, k) => Math.max(m, k), 0);
  const steps = (lastBin + REACH_BINS) * STEPS_PER_BIN;
  const freqsHz = Array.from({ length: steps }, (_, i) => ((i + 0.5) / STEPS_PER_BIN) * binHz);
  const weights: number[][] = [];
  for (let b = 0; b < bands; b++) {
    const row = new Array<number>(steps).fill(0);
    for (let i = fb.start[b]!; i < fb.start[b + 1]!; i++) {
      const k = fb.bins[i]!;
      const lo = Math.max(0, (k - REACH_BINS) * STEPS_PER_BIN);
      const hi = Math.min(steps, (k + REACH_BINS) * STEPS_PER_BIN);
      for (let s = lo; s < hi; s++) row[s]! += fb.weights[i]! * hannKernel((s + 0.5) / STEPS_PER_BIN - k);
    }
    const sum = row.reduce((a, x) => a + x, 0);
    weights.push(row.map((x) => x / sum));
  }
  return { freqsHz, weights };
}

/** Power gain (dB) of the engine for a command, as each band of the extractor reads it. */
export function bandGainsDb(
  command: readonly number[],
  readout: BandReadout,
  sampleRate: number,
): Float32Array {
  const power = Array.from(eqResponseDb(command, sampleRate, readout.freqsHz), (db) => 10 ** (db / 10));
  return Float32Array.from(readout.weights, (row) => {
    let p = 0;
    for (let s = 0; s < row.length; s++) if (row[s]! > 0) p += row[s]! * power[s]!;
    return 10 * Math.log10(p);
  });
}
