/**
 * Deterministic music-like test signals for the matching tests: noise with a falling spectrum, a few
 * sustained tones, sections of different loudness and a quiet intro. Pure; no test framework inside.
 */
import { applyEq } from '../dsp/apply.ts';
import { seededRandom } from '../dsp/test-helpers.ts';

export const TEST_RATE = 44100;

/** `seconds` of the signal: a quiet 4 s intro, then louder sections whose level changes every 5 s. */
export function musicLike(seconds: number, seed: number): Float32Array {
  const rnd = seededRandom(seed);
  const n = Math.round(seconds * TEST_RATE);
  const x = new Float32Array(n);
  const tones = [55, 110, 220, 330, 440, 660, 880, 1760, 3520].map((f) => ({
    f: f * (1 + (rnd() - 0.5) * 0.02),
    a: 0.02 + 0.04 * rnd(),
  }));
  for (let i = 0; i < n; i++) {
    const t = i / TEST_RATE;
    let v = (rnd() * 2 - 1) * 0.1;
    for (const { f, a } of tones) v += a * Math.sin(2 * Math.PI * f * t);
    const section = Math.floor(t / 5);
    const gain = t < 4 ? 0.03 : 0.5 + (0.5 * ((section * 7919) % 5)) / 4;
    x[i] = v * gain;
  }
  // A music-like tilt: more bass than treble.
  return applyEq([x], TEST_RATE, [6, 6, 4, 2, 0, -2, -3, -4, -5, -6])[0]!;
}

/** The signal through the engine with a command (the curve someone applied). */
export function withCurve(x: Float32Array, gainsDb: readonly number[]): Float32Array {
  return applyEq([x], TEST_RATE, gainsDb)[0]!;
}

/** The correction that undoes `applied`, as a shape (mean over bands removed). */
export function inverseShape(applied: readonly number[]): number[] {
  const m = applied.reduce((a, v) => a + v, 0) / applied.length;
  return applied.map((g) => m - g);
}
