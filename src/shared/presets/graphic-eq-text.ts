/**
 * EqualizerAPO's `GraphicEQ:` command, which Wavelet (Android) and AutoEq read and write too:
 * `GraphicEQ: 20 -0.3; 21 -0.3; …; 20000 1.2`, frequency (Hz) and gain (dB) pairs separated by semicolons,
 * read as a curve linear in dB on a log-frequency axis (curve.ts).
 */
import { eqResponseDb } from '../dsp/index.ts';
import { PRESET_RANGE_HZ, PRESET_SAMPLE_RATE_HZ, type CurvePoint } from './curve.ts';
import { PresetError } from './preset-error.ts';

/**
 * 127 points, log-spaced over 20 Hz to 20 kHz and rounded to whole hertz: the density AutoEq uses for its
 * GraphicEQ files and the most Wavelet accepts. Fine enough that the curve between points stays within a few
 * hundredths of a dB of the engine's.
 */
export const GRAPHIC_EQ_POINTS_HZ: readonly number[] = Object.freeze(
  Array.from({ length: 127 }, (_, i) =>
    Math.round(PRESET_RANGE_HZ[0] * (PRESET_RANGE_HZ[1] / PRESET_RANGE_HZ[0]) ** (i / 126)),
  ),
);

/** Samples per octave of the engine's response when the points are chosen. */
const FINE_PER_OCTAVE = 96;

/**
 * The engine's realised response for a command, as one `GraphicEQ:` line (gains to 0.1 dB).
 *
 * The values are not the response sampled at the points: a reader draws straight lines between points, which
 * cut the top off a peak (up to 0.5 dB at 127 points). They are the least-squares fit of such a broken line
 * to the response on a 1/96-octave grid, which halves the worst gap and centres it.
 */
export function toGraphicEqText(gainsDb: ArrayLike<number>): string {
  const values = brokenLineFit(GRAPHIC_EQ_POINTS_HZ, (freqs) =>
    eqResponseDb(gainsDb, PRESET_SAMPLE_RATE_HZ, freqs),
  );
  const pairs = GRAPHIC_EQ_POINTS_HZ.map((f, i) => `${f} ${fixed1(values[i]!)}`);
  return `GraphicEQ: ${pairs.join('; ')}\n`;
}

/**
 * Values at `nodesHz` whose broken line (linear in dB on log frequency) is the least-squares fit of `curve`
 * between the first and last node. Each fine sample touches two neighbouring nodes, so the normal equations
 * are tridiagonal.
 */
function brokenLineFit(
  nodesHz: readonly number[],
  curve: (freqsHz: number[]) => ArrayLike<number>,
): Float64Array {
  const n = nodesHz.length;
  const x = nodesHz.map((f) => Math.log2(f));
  const samples: number[] = [];
  for (let t = x[0]!; t <= x[n - 1]! + 1e-9; t += 1 / FINE_PER_OCTAVE) samples.push(t);
  const values = curve(samples.map((t) => 2 ** t));
  const diag = new Float64Array(n);
  const off = new Float64Array(n); // off[j]: coupling of node j and j + 1
  const rhs = new Float64Array(n);
  let j = 0;
  samples.forEach((t, s) => {
    while (j < n - 2 && t > x[j + 1]!) j++;
    const w = Math.min(1, Math.max(0, (t - x[j]!) / (x[j + 1]! - x[j]!)));
    const a = 1 - w;
    diag[j]! += a * a;
    diag[j + 1]! += w * w;
    off[j]! += a * w;
    rhs[j]! += a * values[s]!;
    rhs[j + 1]! += w * values[s]!;
  });
  // Thomas algorithm (the system is symmetric positive definite: every node has samples on both sides).
  for (let i = 1; i < n; i++) {
    const m = off[i - 1]! / diag[i - 1]!;
    diag[i]! -= m * off[i - 1]!;
    rhs[i]! -= m * rhs[i - 1]!;
  }
  const out = new Float64Array(n);
  out[n - 1] = rhs[n - 1]! / diag[n - 1]!;
  for (let i = n - 2; i >= 0; i--) out[i] = (rhs[i]! - off[i]! * out[i + 1]!) / diag[i]!;
  return out;
}

/** One decimal, without a "-0.0". */
export function fixed1(v: number): string {
  const s = v.toFixed(1);
  return s === '-0.0' ? '0.0' : s;
}

/** The points of every `GraphicEQ:` line in a text (several lines apply one after another, as in EqualizerAPO). */
export function parseGraphicEqLines(text: string): CurvePoint[][] {
  const curves: CurvePoint[][] = [];
  text.split(/\r?\n/).forEach((line, lineIndex) => {
    const m = /^\s*GraphicEQ\s*:(.*)$/i.exec(line);
    if (!m) return;
    const points = m[1]!
      .split(';')
      .map((pair) => pair.trim())
      .filter((pair) => pair !== '')
      .map((pair, i) => {
        const [f, g, extra] = pair.split(/\s+/).map(Number);
        if (!(f! > 0) || !Number.isFinite(f) || !Number.isFinite(g) || extra !== undefined) {
          throw new PresetError(
            `line ${lineIndex + 1}: GraphicEQ point ${i + 1} ('${pair.slice(0, 40)}') is not "frequency gain"`,
          );
        }
        return { frequencyHz: f!, gainDb: g! };
      });
    if (points.length === 0) throw new PresetError(`line ${lineIndex + 1}: the GraphicEQ line has no points`);
    curves.push(points);
  });
  return curves;
}
