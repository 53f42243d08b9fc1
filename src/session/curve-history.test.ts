import { describe, expect, it } from 'vitest';
import { FLAT_COMMAND as FLAT } from '../shared/dsp/eq-command.ts';
import { emptyHistory, reduceHistory, type CurveHistory } from './curve-history.ts';

const start = emptyHistory();
const withBand = (h: CurveHistory, band: number, g: number, key: string | null, at: number) =>
  reduceHistory(h, { type: 'set', gains: h.present.map((v, i) => (i === band ? g : v)), key, at });

describe('EQ edit history', () => {
  it('merges a drag on one band into one undo step, and undoes and redoes it', () => {
    let h = withBand(start, 1, 2, 'drag-1', 0);
    h = withBand(h, 1, 4, 'drag-1', 100);
    h = withBand(h, 1, 6, 'drag-1', 200);
    expect(h.past).toHaveLength(1);
    h = withBand(h, 8, -3, 'band-8', 300);
    expect(h.past).toHaveLength(2);
    h = reduceHistory(h, { type: 'undo', at: 1e6 });
    expect(h.present[8]).toBe(0);
    expect(h.present[1]).toBe(6);
    h = reduceHistory(h, { type: 'undo', at: 1e6 });
    expect(h.present).toEqual(FLAT);
    h = reduceHistory(reduceHistory(h, { type: 'redo', at: 1e6 }), { type: 'redo', at: 1e6 });
    expect(h.present[1]).toBe(6);
    expect(h.present[8]).toBe(-3);
  });

  it('starts a new step after a pause or on another band, clamps to the range and the 0.1 dB step, and ignores no-op edits', () => {
    let h = withBand(start, 2, 3, 'band-2', 0);
    h = withBand(h, 2, 5, 'band-2', 5000);
    expect(h.past).toHaveLength(2);
    h = withBand(h, 3, 40, null, 6000);
    expect(h.present[3]).toBe(12);
    h = withBand(h, 4, -2.345, null, 6500);
    expect(h.present[4]).toBe(-2.3);
    const same = withBand(h, 3, 12, null, 7000);
    expect(same).toBe(h);
  });

  it('drops the redo branch when a new edit is made after an undo', () => {
    let h = withBand(start, 0, 3, null, 0);
    h = reduceHistory(h, { type: 'undo', at: 1e6 });
    h = withBand(h, 5, -2, null, 10);
    expect(h.future).toHaveLength(0);
    expect(reduceHistory(h, { type: 'redo', at: 1e6 })).toBe(h);
  });
});
