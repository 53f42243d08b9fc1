import { describe, expect, it } from 'vitest';
import { realisableBands } from '../shared/dsp/eq-command.ts';
import {
  appliedCurve,
  atSuggestion,
  comparisonCurve,
  keptRecord,
  openSession,
  reduceSession,
  type SessionAction,
  type SongSession,
} from './song-session.ts';
import { facts, oneBand, rawSuggestion, result } from './test-support.ts';

const run = (s: SongSession, ...actions: SessionAction[]) => actions.reduce(reduceSession, s);
const decoded = (extra = {}) => run(openSession('s1', 'a.wav'), { type: 'decoded', facts: facts(extra) });
const SUGGESTED = [1, 2, 3, -1, -2, 0, 0, 4, -4, 2];
const analysed = (s: SongSession, at = 10): SongSession =>
  run(
    s,
    { type: 'analysing' },
    { type: 'analysed', result: result(SUGGESTED), suggestion: rawSuggestion(SUGGESTED), at },
  );

describe('a song session', () => {
  it('goes loading → decoded → analysing → suggested and applies the suggestion to a flat, untouched curve', () => {
    let s = openSession('s1', 'a.wav');
    expect(s.phase).toBe('loading');
    s = run(s, { type: 'decoded', facts: facts() });
    expect(s.phase).toBe('decoded');
    s = run(s, { type: 'analysing' }, { type: 'progress', fraction: 0.5 });
    expect([s.phase, s.progress]).toEqual(['analysing', 0.5]);
    s = run(s, {
      type: 'analysed',
      result: result(SUGGESTED),
      suggestion: rawSuggestion(SUGGESTED),
      at: 5,
    });
    expect(s.phase).toBe('suggested');
    expect(s.history.present).toEqual(SUGGESTED);
    expect(atSuggestion(s)).toBe(true);
    // Undo goes back to the flat curve the song started with.
    expect(run(s, { type: 'undo', at: 6 }).history.present).toEqual(oneBand(0, 0));
  });

  it('edits made while the analysis runs win; the suggestion waits behind reset', () => {
    let s = run(decoded(), { type: 'analysing' });
    s = run(s, { type: 'editBand', band: 3, appliedDb: -5, key: null, at: 1 });
    s = run(s, {
      type: 'analysed',
      result: result(SUGGESTED),
      suggestion: rawSuggestion(SUGGESTED),
      at: 2,
    });
    expect(s.history.present).toEqual(oneBand(3, -5));
    expect(atSuggestion(s)).toBe(false);
    s = run(s, { type: 'resetToSuggestion', at: 3 });
    expect(s.history.present).toEqual(SUGGESTED);
  });

  it('a silent file starts flat, gets no suggestion and keeps no record', () => {
    const s = decoded({ silent: true });
    expect(s.phase).toBe('failed');
    expect(s.noSuggestion?.kind).toBe('silent');
    expect(run(s, { type: 'analysing' })).toBe(s);
    const edited = run(
      s,
      { type: 'editBand', band: 2, appliedDb: -12, key: null, at: 1 },
      { type: 'rate', rating: 'up' },
    );
    expect(edited.history.present).toEqual(oneBand(2, -12));
    expect(edited.rating).toBe('none');
    expect(keptRecord(edited, 'up', 0)).toBeNull();
  });

  it('cancel and failure leave the curve as it is and say why', () => {
    const running = run(
      decoded(),
      { type: 'analysing' },
      { type: 'editBand', band: 1, appliedDb: 2, key: null, at: 1 },
    );
    const cancelled = run(running, { type: 'cancel' });
    expect([cancelled.phase, cancelled.noSuggestion?.kind]).toEqual(['failed', 'cancelled']);
    expect(cancelled.history.present).toEqual(oneBand(1, 2));
    const failed = run(running, { type: 'failed', message: 'out of memory' });
    expect(failed.noSuggestion?.message).toBe('The analysis failed: out of memory');
    // A late result after a cancel is not applied.
    const late = run(cancelled, {
      type: 'analysed',
      result: result(SUGGESTED),
      suggestion: rawSuggestion(SUGGESTED),
      at: 9,
    });
    expect(late).toBe(cancelled);
    // It can be analysed again.
    expect(analysed(cancelled).phase).toBe('suggested');
  });

  it('handles show the applied curve: at 50 % a band moved to −3 dB is a −6 dB command', () => {
    let s = analysed(decoded());
    s = run(
      s,
      { type: 'amount', amount: 0.5 },
      { type: 'editBand', band: 4, appliedDb: -3, key: null, at: 20 },
    );
    expect(s.history.present[4]).toBe(-6);
    expect(appliedCurve(s)[4]).toBe(-3);
    // At 150 % the applied value is reached by two thirds of it; the command stays within the range.
    s = run(
      s,
      { type: 'amount', amount: 1.5 },
      { type: 'editBand', band: 4, appliedDb: 12, key: null, at: 30 },
    );
    expect(s.history.present[4]).toBe(8);
    expect(appliedCurve(s)[4]).toBeCloseTo(12, 10);
    // At 0 % no command changes the sound: band edits are ignored.
    const zero = run(s, { type: 'amount', amount: 0 });
    expect(run(zero, { type: 'editBand', band: 4, appliedDb: 5, key: null, at: 40 })).toBe(zero);
  });

  it('keeps bands the sample rate cannot realise at 0 dB: in the suggestion, in edits, in the record', () => {
    const low = analysed(decoded({ sampleRate: 8000 }));
    const usable = realisableBands(8000);
    low.history.present.forEach((g, b) => expect(usable[b] ? g : 0).toBe(g));
    expect(low.suggestion!.rawDb.slice(6)).toEqual([0, 0, 0, 0]);
    const edited = run(low, { type: 'editBand', band: 8, appliedDb: 6, key: null, at: 50 });
    expect(edited).toBe(low);
    expect(keptRecord(low, 'up', 1)!.suggestedDb.slice(6)).toEqual([0, 0, 0, 0]);
    // At 40 kHz the 16 kHz band is realisable, and edits reach it.
    const at40 = analysed(decoded({ sampleRate: 40000 }));
    expect(
      run(at40, { type: 'editBand', band: 9, appliedDb: -4, key: null, at: 50 }).history.present[9],
    ).toBe(-4);
  });

  it('the kept record holds the song, its suggestion, the curve at 100 %, the heard curve and the rating', () => {
    let s = analysed(decoded());
    s = run(
      s,
      { type: 'editBand', band: 0, appliedDb: 5, key: null, at: 20 },
      { type: 'amount', amount: 0.8 },
    );
    s = run(s, { type: 'rate', rating: 'down' });
    expect(s.recordId).toBe('s1');
    const r = keptRecord(s, s.rating, 1234)!;
    expect(r).toMatchObject({ id: 's1', fileName: 'a.wav', time: 1234, rating: 'down', amount: 0.8 });
    expect(r.suggestedDb).toEqual(SUGGESTED);
    expect(r.curveDb).toEqual([5, ...SUGGESTED.slice(1)]);
    expect(r.keptDb).toEqual([4, ...SUGGESTED.slice(1).map((g) => Math.round(g * 8) / 10)]);
  });

  it('draws the suggestion beside an edited curve, and the model’s own beside a personalised one', () => {
    const s = analysed(decoded());
    expect(comparisonCurve(s)).toBeNull();
    const edited = run(s, { type: 'editBand', band: 0, appliedDb: -3, key: null, at: 20 });
    expect(comparisonCurve(edited)).toEqual(SUGGESTED);
    const personal = {
      ...rawSuggestion(SUGGESTED),
      shownDb: rawSuggestion(oneBand(1, 4)).shownDb,
      personalised: true,
    };
    const p = run(s, { type: 'suggestionChanged', suggestion: personal, at: 30 });
    expect(p.history.present).toEqual(oneBand(1, 4));
    expect(comparisonCurve(p)).toEqual(SUGGESTED);
  });

  it('a new personalised suggestion replaces the curve only where the curve was the old suggestion', () => {
    const s = analysed(decoded());
    const next = rawSuggestion(oneBand(2, 5));
    expect(run(s, { type: 'suggestionChanged', suggestion: next, at: 30 }).history.present).toEqual(
      oneBand(2, 5),
    );
    const edited = run(s, { type: 'editBand', band: 7, appliedDb: 0, key: null, at: 20 });
    const kept = run(edited, { type: 'suggestionChanged', suggestion: next, at: 30 });
    expect(kept.history.present).toEqual(edited.history.present);
    expect(kept.suggestion!.shownDb).toEqual(oneBand(2, 5));
  });
});
