/**
 * The six gross imbalances of the response check (issue 12, npm run model:response): shelves of ±10 dB
 * and bells of +9 dB, as engine commands at the band centres. A listener hears each at once; the model
 * should undo most of it.
 */
import { BAND_CENTERS_HZ } from '../../src/shared/dsp/index.ts';
import { bell, highShelf } from './curves.ts';

export interface Problem {
  label: string;
  /** The engine command (dB per band) that creates the problem. */
  command: number[];
}

const at = (shape: (f: number) => number) => BAND_CENTERS_HZ.map((f) => shape(f));

export const PROBLEMS: readonly Problem[] = [
  { label: 'boomy: low shelf +10 dB at 150 Hz', command: at((f) => 10 * (1 - highShelf(f, 150, 1.5))) },
  { label: 'thin: low shelf -10 dB at 150 Hz', command: at((f) => -10 * (1 - highShelf(f, 150, 1.5))) },
  { label: 'muddy: bell +9 dB at 350 Hz', command: at((f) => 9 * bell(f, 350, 1.5)) },
  { label: 'boxy: bell +9 dB at 1.2 kHz', command: at((f) => 9 * bell(f, 1200, 1.5)) },
  { label: 'harsh: high shelf +10 dB at 4 kHz', command: at((f) => 10 * highShelf(f, 4000, 1.5)) },
  { label: 'dull: high shelf -10 dB at 4 kHz', command: at((f) => -10 * highShelf(f, 4000, 1.5)) },
];

/**
 * How far the suggestion moved toward the ideal correction: the change of the suggestion (both with their
 * mean over bands removed) projected onto the ideal correction, over the ideal's squared norm. 1: exactly
 * as far as needed; 0: not at all.
 */
export function response(plain: readonly number[], eqd: readonly number[], ideal: readonly number[]): number {
  const demean = (v: readonly number[]) => {
    const m = v.reduce((a, x) => a + x, 0) / v.length;
    return v.map((x) => x - m);
  };
  const d = demean(eqd.map((g, b) => g - plain[b]!));
  const i = demean(ideal);
  const dot = d.reduce((a, x, b) => a + x * i[b]!, 0);
  return dot / i.reduce((a, x) => a + x * x, 0);
}
