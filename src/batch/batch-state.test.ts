import { describe, expect, it } from 'vitest';
import { toCommand } from '../shared/dsp/eq-command.ts';
import { oneBand, rawSuggestion } from '../session/test-support.ts';
import {
  curveAtRate,
  emptyBatch,
  neighbours,
  overallProgress,
  plannedCurve,
  reduceBatch,
  uniqueName,
  type BatchAction,
  type BatchState,
} from './batch-state.ts';

const run = (...actions: BatchAction[]) => actions.reduce(reduceBatch, emptyBatch());
const added = run({ type: 'add', items: ['a', 'b', 'c'].map((id) => ({ id, fileName: `${id}.wav` })) });
const facts = { sampleRate: 44100, durationS: 60, channelCount: 2 };
const analysed = (s: BatchState, id: string, gains: number[]) =>
  [
    { type: 'analysing', id, done: 0, total: 3 },
    { type: 'decoded', id, facts, silent: false, warning: null },
    { type: 'analysed', id, suggestion: rawSuggestion(gains) },
  ].reduce((x, a) => reduceBatch(x, a as BatchAction), s);

describe('the batch state', () => {
  it('plans each file’s curve: its edit, else its suggestion; one curve for all when chosen; reasons to skip', () => {
    let s = analysed(added, 'a', oneBand(2, 4));
    s = reduceBatch(s, { type: 'failed', id: 'b', message: '“b.wav” could not be read as audio.' });
    expect(plannedCurve(s, s.items[0]!)).toEqual({ curveDb: toCommand(oneBand(2, 4)) });
    expect(plannedCurve(s, s.items[1]!)).toEqual({ skip: '“b.wav” could not be read as audio.' });
    expect(plannedCurve(s, s.items[2]!)).toEqual({ skip: 'not analysed yet' });
    s = reduceBatch(s, { type: 'edited', id: 'a', appliedDb: oneBand(3, -2.04) });
    expect(plannedCurve(s, s.items[0]!)).toEqual({ curveDb: toCommand(oneBand(3, -2)) });
    const one = toCommand(oneBand(9, 6));
    s = reduceBatch(s, { type: 'choose', choice: { kind: 'one', label: 'x', curveDb: one } });
    expect(plannedCurve(s, s.items[2]!)).toEqual({ curveDb: one });
    // A file that would not open is skipped even then; 16 kHz is 0 dB where the rate cannot carry it.
    expect('skip' in plannedCurve(s, s.items[1]!)).toBe(true);
    expect([...curveAtRate(one, 22050)]).toEqual(new Array(10).fill(0));
  });

  it('counts overall progress over the files of the task, and finds the neighbours of the file on screen', () => {
    let s = reduceBatch(added, { type: 'analysing', id: 'b', done: 1, total: 3 });
    s = reduceBatch(s, { type: 'progress', id: 'b', fraction: 0.5 });
    expect(overallProgress(s)).toBeCloseTo(0.5);
    s = reduceBatch(s, { type: 'progress', id: 'a', fraction: 0.9 });
    expect(overallProgress(s)).toBeCloseTo(0.5);
    expect(overallProgress(added)).toBeNull();
    s = reduceBatch(s, { type: 'current', id: 'b' });
    expect(neighbours(s)).toMatchObject({ previous: { id: 'a' }, next: { id: 'c' } });
    s = reduceBatch(s, { type: 'current', id: 'nope' });
    expect(s.currentId).toBe('b');
  });

  it('keeps the file being worked on and the list while a task runs', () => {
    const s = reduceBatch(added, { type: 'analysing', id: 'a', done: 0, total: 3 });
    expect(reduceBatch(s, { type: 'remove', id: 'a' })).toBe(s);
    expect(reduceBatch(s, { type: 'clear' })).toBe(s);
    expect(reduceBatch(s, { type: 'remove', id: 'c' }).items.map((i) => i.id)).toEqual(['a', 'b']);
    const exporting = reduceBatch(s, { type: 'exportStarted', ids: ['a'] });
    expect(reduceBatch(exporting, { type: 'choose', choice: { kind: 'own' } })).toBe(exporting);
  });

  it('names zip entries uniquely, case-insensitively', () => {
    const taken = new Set<string>();
    expect(
      ['A (Sonic EQ).wav', 'a (sonic eq).wav', 'A (Sonic EQ).wav', 'B'].map((n) => uniqueName(n, taken)),
    ).toEqual(['A (Sonic EQ).wav', 'a (sonic eq) 2.wav', 'A (Sonic EQ) 3.wav', 'B']);
  });
});
