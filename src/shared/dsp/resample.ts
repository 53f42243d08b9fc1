/**
 * Band-limited sample-rate conversion, for the MP3 export (MP3 has no rate above 48 kHz) and for the
 * analysis (the model's contract rate, the same code in the browser and the command line): a Kaiser-windowed
 * sinc, 16 zero crossings each side of the narrower of the two Nyquist bands, read from a table with linear
 * interpolation. Passband flat to 0.45 of the output rate, stopband from 0.5. Pure; runs in any realm.
 */

import { kaiser } from './kaiser.ts';

const ZERO_CROSSINGS = 16;
const TABLE_STEPS = 512; // table points per unit of the kernel's argument
const BETA = 8;
/** Cutoff as a fraction of the lower Nyquist frequency: keeps aliasing out at a small top-octave cost. */
const CUTOFF = 0.94;

/** table[i] = windowed sinc at i / TABLE_STEPS zero crossings from the centre (one side; it is symmetric). */
const TABLE = (() => {
  const n = ZERO_CROSSINGS * TABLE_STEPS + 2;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = i / TABLE_STEPS;
    const r = Math.min(1, x / ZERO_CROSSINGS);
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    t[i] = sinc * kaiser(r, BETA);
  }
  return t;
})();

/** Resamples one channel from `fromHz` to `toHz`; output length round(length × toHz / fromHz). */
export function resampleChannel(input: Float32Array, fromHz: number, toHz: number): Float32Array {
  if (fromHz === toHz) return input.slice();
  const outLength = Math.round((input.length * toHz) / fromHz);
  const out = new Float32Array(outLength);
  const step = fromHz / toHz; // input samples per output sample
  const scale = Math.min(1, toHz / fromHz) * CUTOFF; // kernel bandwidth in input-rate units
  const halfWidth = ZERO_CROSSINGS / scale; // in input samples
  const last = input.length - 1;
  for (let n = 0; n < outLength; n++) {
    const t = n * step;
    const lo = Math.max(0, Math.ceil(t - halfWidth));
    const hi = Math.min(last, Math.floor(t + halfWidth));
    let acc = 0;
    for (let k = lo; k <= hi; k++) {
      const pos = Math.abs(t - k) * scale * TABLE_STEPS;
      const i = pos | 0;
      const f = pos - i;
      acc += input[k]! * (TABLE[i]! + f * (TABLE[i + 1]! - TABLE[i]!));
    }
    out[n] = acc * scale;
  }
  return out;
}
