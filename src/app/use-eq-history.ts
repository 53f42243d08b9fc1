import { useCallback, useReducer } from 'react';
import { BAND_COUNT, MAX_BAND_GAIN_DB } from '../shared/dsp/bands.ts';

/** EQ edits with undo/redo. A drag or a run of key presses on one band becomes a single undo step. */
export interface History {
  past: number[][];
  present: number[];
  future: number[][];
  /** Edits with the same key within COALESCE_MS merge into the previous step. */
  lastKey: string | null;
  lastAt: number;
}

export type Action =
  | { type: 'set'; gains: number[]; key: string | null; at: number }
  | { type: 'undo'; at: number }
  | { type: 'redo'; at: number };

const COALESCE_MS = 800;
const LIMIT = 200;
export const FLAT: readonly number[] = Object.freeze(Array<number>(BAND_COUNT).fill(0));

const clampGain = (g: number) =>
  Math.round(Math.max(-MAX_BAND_GAIN_DB, Math.min(MAX_BAND_GAIN_DB, g)) * 10) / 10;

export function reduceHistory(h: History, a: Action): History {
  switch (a.type) {
    case 'set': {
      const gains = a.gains.map(clampGain);
      if (gains.every((g, i) => g === h.present[i])) return h;
      const merge = a.key !== null && a.key === h.lastKey && a.at - h.lastAt < COALESCE_MS;
      const past = merge ? h.past : [...h.past, h.present].slice(-LIMIT);
      return { past, present: gains, future: [], lastKey: a.key, lastAt: a.at };
    }
    case 'undo': {
      const prev = h.past[h.past.length - 1];
      if (!prev) return h;
      return {
        past: h.past.slice(0, -1),
        present: prev,
        future: [h.present, ...h.future],
        lastKey: null,
        lastAt: a.at,
      };
    }
    case 'redo': {
      const next = h.future[0];
      if (!next) return h;
      return {
        past: [...h.past, h.present],
        present: next,
        future: h.future.slice(1),
        lastKey: null,
        lastAt: a.at,
      };
    }
  }
}

export function useEqHistory() {
  const [h, dispatch] = useReducer(reduceHistory, undefined, () => ({
    past: [],
    present: [...FLAT],
    future: [],
    lastKey: null,
    lastAt: 0,
  }));
  /** Sets one band; `key` groups continuous edits (a drag) into one undo step. */
  const setBand = useCallback(
    (band: number, gainDb: number, key: string | null = `band-${band}`) =>
      dispatch({
        type: 'set',
        gains: h.present.map((g, i) => (i === band ? gainDb : g)),
        key,
        at: performance.now(),
      }),
    [h.present],
  );
  const setAll = useCallback(
    (gains: readonly number[]) =>
      dispatch({ type: 'set', gains: [...gains], key: null, at: performance.now() }),
    [],
  );
  return {
    gains: h.present,
    setBand,
    setAll,
    undo: useCallback(() => dispatch({ type: 'undo', at: performance.now() }), []),
    redo: useCallback(() => dispatch({ type: 'redo', at: performance.now() }), []),
    /** performance.now() of the last change to the curve (0 before any). */
    lastEditAt: h.lastAt,
    canUndo: h.past.length > 0,
    canRedo: h.future.length > 0,
  };
}
