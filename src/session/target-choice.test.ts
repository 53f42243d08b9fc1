/**
 * Aiming a song's suggestion: Automatic leaves it as the model (and personalisation) made it; a reference
 * brings the song to the reference's balance; the store applies a new target to the song on screen and to
 * the next one, and its curve follows only where it was the suggestion; the view's lines say why.
 */
import { describe, expect, it } from 'vitest';
import { FeedbackSession, type StoreLike } from '../feedback/feedback-session.ts';
import { profileFromSignal } from '../shared/targets/index.ts';
import { musicLike, withCurve } from '../shared/targets/test-signals.ts';
import { DEFAULT_SETTINGS } from '../storage/schema.ts';
import type { AnalysisResult } from '../workers/analysis-api.ts';
import { SessionStore, type StudioPorts } from './session-store.ts';
import { AUTOMATIC_TARGET, aimSuggestion, blendFor } from './target-choice.ts';
import { facts, rawSuggestion, result, settle } from './test-support.ts';
import { balanceLines, tonalBalance } from './tonal-balance.ts';

const signal = musicLike(30, 11);
const song = profileFromSignal(signal).profile;
/** The reference is the song with more bass and more top: matching it boosts both. */
const curve = [5, 5, 3, 0, 0, 0, 0, 2, 4, 5];
const reference = profileFromSignal(withCurve(signal, curve)).profile;
const blind = rawSuggestion([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
const mean = (v: readonly number[]) => v.reduce((a, x) => a + x, 0) / v.length;
const shape = curve.map((g) => g - mean(curve));

describe('target choice', () => {
  it('keeps the suggestion as it is for Automatic, and shows the balance without a tunnel', () => {
    const t = aimSuggestion(blind, song, AUTOMATIC_TARGET, []);
    expect(t.suggestion).toBe(blind);
    expect(t.view?.tunnel).toBeNull();
    expect(aimSuggestion(blind, null, { base: 'warm', referenceIds: [] }, []).view).toBeNull();
  });

  it('matches the song to a reference (references only), within 1 dB of the curve that separates them', () => {
    const t = aimSuggestion(blind, song, { base: 'none', referenceIds: ['r'] }, [reference]);
    expect(t.suggestion.rawDb).toEqual(blind.rawDb);
    t.suggestion.shownDb.forEach((g, b) => expect(Math.abs(g - shape[b]!)).toBeLessThan(1));
    expect(t.view?.tunnel).not.toBeNull();
    expect(t.view?.source).toBe('references');
  });

  it('blends references with Automatic or a style at equal weight; "references only" needs references', () => {
    expect(
      blendFor({ base: 'automatic', referenceIds: ['r'] }, [reference]).map((p) => p.target.kind),
    ).toEqual(['automatic', 'references']);
    expect(blendFor({ base: 'warm', referenceIds: [] }, []).map((p) => p.target.kind)).toEqual(['style']);
    expect(blendFor({ base: 'none', referenceIds: ['gone'] }, []).map((p) => p.target.kind)).toEqual([
      'automatic',
    ]);
  });

  it('says in words why each band that moves noticeably moves', () => {
    const t = aimSuggestion(blind, song, { base: 'none', referenceIds: ['r'] }, [reference]);
    const rows = tonalBalance(t.view!, t.suggestion.shownDb);
    expect(rows[0]!.afterDb - rows[0]!.beforeDb).toBeCloseTo(t.suggestion.shownDb[0]!, 6);
    const lines = balanceLines(rows, {
      curveName: 'the suggestion',
      targetName: 'your references',
      withConfidence: false,
    });
    expect(lines.length).toBeGreaterThan(0);
    // A boost of the bass with a small cut everywhere else: the cut is a level change, said once.
    const bassOnly = rows.map((r, i) => ({ ...r, gainDb: i < 2 ? 6 : -2 }));
    const bassLines = balanceLines(bassOnly, {
      curveName: 'the suggestion',
      targetName: 'x',
      withConfidence: false,
    });
    expect(bassLines).toHaveLength(3);
    expect(bassLines.at(-1)).toBe(
      'The other bands sit 2 dB lower overall: a change of level, not of balance.',
    );
    // Sub-bass is boosted and sits below the references' range.
    expect(lines[0]).toMatch(
      /^Sub-bass sits \d+ dB below the typical range for your references: the suggestion boosts \d+ dB at 31.25 Hz\.$/,
    );
    const flatRows = tonalBalance(t.view!, new Array<number>(10).fill(0));
    expect(
      balanceLines(flatRows, { curveName: 'your curve', targetName: 'x', withConfidence: true }),
    ).toEqual([]);
    // Blind (Automatic): each line says how sure the model is, where it says so.
    const blindRows = rows.map((r) => ({ ...r, lowDb: null, highDb: null, confidence: 0.2 }));
    const blindLines = balanceLines(blindRows, {
      curveName: 'the suggestion',
      targetName: 'this music',
      withConfidence: true,
    });
    expect(blindLines[0]).toMatch(
      /^Sub-bass: the suggestion boosts \d+ dB at 31.25 Hz \(confidence low\)\.$/,
    );
  });
});

describe('the store aims at the chosen target', () => {
  it('re-aims the song on screen and the next one; the curve follows only where it was the suggestion', async () => {
    const feedback = new FeedbackSession(async () => memoryStore());
    await feedback.loaded;
    const withProfile = (): AnalysisResult => ({ ...result(blind.rawDb), profile: song });
    let n = 0;
    const ports: StudioPorts<string, 'wav'> = {
      decode: async () => ({ audio: 'pcm', facts: facts() }),
      analyse: async () => withProfile(),
      render: async () => {
        throw new Error('not in this test');
      },
      save: () => undefined,
      feedback,
      referenceProfiles: (ids) => (ids.includes('ref-1') ? [reference] : []),
      newId: () => `song-${++n}`,
      now: () => 0,
      clock: () => 0,
    };
    const store = new SessionStore(ports);
    await store.open(new File([], 'a.wav'));
    await settle();
    const first = store.getSnapshot().song!;
    expect(first.history.present).toEqual(blind.rawDb);
    expect(first.targeted?.tunnel).toBeNull();

    store.setTarget({ base: 'none', referenceIds: ['ref-1', 'ref-1'] });
    expect(store.getSnapshot().target.referenceIds).toEqual(['ref-1']);
    const aimed = store.getSnapshot().song!;
    expect(aimed.suggestion!.shownDb[0]).toBeGreaterThan(2);
    expect(aimed.history.present).toEqual(aimed.suggestion!.shownDb);
    expect(aimed.targeted?.tunnel).not.toBeNull();

    // Edited away from the suggestion: another target changes the suggestion, not the user's curve.
    store.editBand(4, 6);
    const edited = store.getSnapshot().song!.history.present;
    store.setTarget(AUTOMATIC_TARGET);
    expect(store.getSnapshot().song!.history.present).toEqual(edited);
    expect(store.getSnapshot().song!.suggestion!.shownDb).toEqual(blind.rawDb);

    // The next song is aimed at the target chosen before it opened.
    store.setTarget({ base: 'automatic', referenceIds: ['ref-1'] });
    await store.open(new File([], 'b.wav'));
    await settle();
    const next = store.getSnapshot().song!;
    expect(next.id).not.toBe(first.id);
    expect(next.targeted?.source).toBe('blend');
    expect(next.history.present).toEqual(next.suggestion!.shownDb);
    expect(next.suggestion!.shownDb).not.toEqual(blind.rawDb);
  });
});

function memoryStore(): StoreLike {
  let settings = { ...DEFAULT_SETTINGS };
  return {
    list: async () => [],
    put: async () => undefined,
    delete: async () => undefined,
    clear: async () => undefined,
    getSettings: async () => settings,
    setSettings: async (patch) => (settings = { ...settings, ...patch }),
  };
}
