/**
 * One song's curve with undo and redo. A drag or a run of key presses on one band becomes a single step;
 * every value in it is a command (clamped and on the 0.1 dB grid), so no edit can leave the engine's range.
 */
import { FLAT_COMMAND, sameCommand, toCommand, type CommandDb } from '../shared/dsp/eq-command.ts';

export interface CurveHistory {
  readonly past: readonly CommandDb[];
  readonly present: CommandDb;
  readonly future: readonly CommandDb[];
  /** Edits with the same key within COALESCE_MS merge into the previous step. */
  readonly lastKey: string | null;
  /** Time (ms, any monotonic clock) of the last change. */
  readonly lastAt: number;
}

export type HistoryAction =
  | { type: 'set'; gains: readonly number[]; key: string | null; at: number }
  | { type: 'undo'; at: number }
  | { type: 'redo'; at: number };

export const COALESCE_MS = 800;
const LIMIT = 200;

export const emptyHistory = (present: CommandDb = FLAT_COMMAND): CurveHistory => ({
  past: [],
  present,
  future: [],
  lastKey: null,
  lastAt: 0,
});

export function reduceHistory(h: CurveHistory, a: HistoryAction): CurveHistory {
  switch (a.type) {
    case 'set': {
      const gains = toCommand(a.gains);
      if (sameCommand(gains, h.present)) return h;
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

export const canUndo = (h: CurveHistory): boolean => h.past.length > 0;
export const canRedo = (h: CurveHistory): boolean => h.future.length > 0;
