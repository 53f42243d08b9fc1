/**
 * Random, realistic EQ curves: smooth sums of shelves and bells on a log-frequency axis, sampled at the
 * engine's band centres. These are the "wrong" EQs the model learns to undo.
 */
import type { Rng } from './random.ts';

export interface CurveOptions {
  /** Band centres in Hz (the engine's). */
  centersHz: readonly number[];
  /** Smallest and largest magnitude of one component's gain, in dB. */
  componentDb: [number, number];
  /** Smallest and largest number of components. */
  components: [number, number];
  /** Clamp of the summed curve per band, in dB (the engine's limit). */
  maxBandDb: number;
}

/** Bell of width `octaves` (full width at half the gain in dB) centred at `fc`. */
export function bell(f: number, fc: number, octaves: number): number {
  const sigma = octaves / 2.355;
  const x = Math.log2(f / fc) / sigma;
  return Math.exp(-0.5 * x * x);
}

/** Shelf: 0 far below `fc`, 1 far above it, going from 10 % to 90 % over `octaves`. */
export function highShelf(f: number, fc: number, octaves: number): number {
  const k = 4.394 / octaves; // logistic 10 %..90 % span is 4.394 / k
  return 1 / (1 + Math.exp(-k * Math.log2(f / fc)));
}

/**
 * A few components among low shelf (corner 50-400 Hz), high shelf (corner 1.5-10 kHz) and bells
 * (80 Hz-12 kHz, 0.5-2 octaves wide), each with a gain uniform in ±componentDb.
 */
export function randomCurve(rng: Rng, opts: CurveOptions): number[] {
  const gains = opts.centersHz.map(() => 0);
  const [fewest, most] = opts.components;
  const components = fewest + rng.int(most - fewest + 1);
  for (let c = 0; c < components; c++) {
    const g = rng.sign() * rng.uniform(opts.componentDb[0], opts.componentDb[1]);
    const kind = rng.int(4);
    const width = rng.uniform(0.5, 2);
    if (kind === 0) {
      const fc = 50 * 2 ** rng.uniform(0, 3);
      opts.centersHz.forEach((f, i) => (gains[i]! += g * (1 - highShelf(f, fc, width * 2))));
    } else if (kind === 1) {
      const fc = 1500 * 2 ** rng.uniform(0, Math.log2(10000 / 1500));
      opts.centersHz.forEach((f, i) => (gains[i]! += g * highShelf(f, fc, width * 2)));
    } else {
      const fc = 80 * 2 ** rng.uniform(0, Math.log2(12000 / 80));
      opts.centersHz.forEach((f, i) => (gains[i]! += g * bell(f, fc, width)));
    }
  }
  return gains.map((g) => Math.max(-opts.maxBandDb, Math.min(opts.maxBandDb, g)));
}

/** The correction that undoes `applied`, with its mean over bands removed (level is matched elsewhere). */
export function correctionTarget(applied: readonly number[]): number[] {
  const mean = applied.reduce((a, b) => a + b, 0) / applied.length;
  return applied.map((g) => mean - g);
}
