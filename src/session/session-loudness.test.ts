/**
 * The whole-song loudness the store measures through its port: the original once the analysis is over, the
 * equalised song at the applied curve once the curve has settled, one measurement at a time, never for a song
 * no longer on screen.
 */
import { describe, expect, it } from 'vitest';
import { FeedbackSession, type StoreLike } from '../feedback/feedback-session.ts';
import type { CommandDb } from '../shared/dsp/eq-command.ts';
import type { LoudnessSummary } from '../shared/loudness/loudness-meter.ts';
import { DEFAULT_SETTINGS } from '../storage/schema.ts';
import type { AnalysisResult } from '../workers/analysis-api.ts';
import { SessionStore } from './session-store.ts';
import { equalisedLoudness } from './song-session.ts';
import { deferred, facts, oneBand, result, settle, type Deferred } from './test-support.ts';

const SETTLE_MS = 30;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Call {
  song: string;
  appliedDb: number[] | null;
  signal: AbortSignal;
  done: Deferred<LoudnessSummary>;
}

/** A summary that says which measurement it answers: integrated = sum of the curve's gains. */
const summaryFor = (appliedDb: number[] | null): LoudnessSummary => ({
  integratedLufs: -20 + (appliedDb ?? []).reduce((a, b) => a + b, 0),
  loudnessRangeLu: 5,
  truePeakDbtp: -3,
  maxMomentaryLufs: -15,
  maxShortTermLufs: -17,
});

async function harness() {
  const store0: StoreLike = {
    list: async () => [],
    put: async () => undefined,
    delete: async () => undefined,
    clear: async () => undefined,
    getSettings: async () => ({ ...DEFAULT_SETTINGS }),
    setSettings: async () => ({ ...DEFAULT_SETTINGS }),
  };
  const feedback = new FeedbackSession(async () => store0);
  await feedback.loaded;
  const analyses = new Map<string, Deferred<AnalysisResult>>();
  const calls: Call[] = [];
  let ids = 0;
  let time = 0;
  const store = new SessionStore<string, 'wav'>({
    decode: async (file) => ({ audio: file.name, facts: facts({ silent: file.name.includes('silent') }) }),
    analyse: (name) => {
      const d = deferred<AnalysisResult>();
      analyses.set(name, d);
      return d.promise;
    },
    render: () => Promise.reject(new Error('no export here')),
    save: () => undefined,
    feedback,
    newId: () => `song-${++ids}`,
    now: () => ++time,
    clock: () => (time += 1000),
    referenceProfiles: () => [],
    loudness: {
      measure: (song, appliedDb, signal) => {
        const done = deferred<LoudnessSummary>();
        signal.addEventListener('abort', () => done.reject(new DOMException('stop', 'AbortError')));
        calls.push({ song, appliedDb, signal, done });
        return done.promise;
      },
      settleMs: SETTLE_MS,
    },
  });
  const open = async (name: string) => {
    await store.open(new File([new Uint8Array(4)], name));
    await settle();
  };
  const analysed = async (name: string, gains: number[]) => {
    analyses.get(name)!.resolve(result(gains));
    await settle();
  };
  const answer = async (call: Call) => {
    call.done.resolve(summaryFor(call.appliedDb));
    await settle();
  };
  const song = () => store.getSnapshot().song!;
  return { store, calls, open, analysed, answer, song };
}

describe('whole-song loudness in the session store', () => {
  it('measures nothing while analysing, then the original at once and the suggestion once it has settled', async () => {
    const h = await harness();
    await h.open('A.wav');
    expect(h.calls).toHaveLength(0);
    await h.analysed('A.wav', oneBand(3, 4));
    expect(h.calls.map((c) => c.appliedDb)).toEqual([null]);
    await h.answer(h.calls[0]!);
    expect(h.song().loudness.original?.integratedLufs).toBe(-20);
    // The equalised measurement waits for the curve to settle.
    expect(h.calls).toHaveLength(1);
    await wait(SETTLE_MS * 2);
    expect(h.calls).toHaveLength(2);
    expect(h.calls[1]!.appliedDb).toEqual(oneBand(3, 4));
    await h.answer(h.calls[1]!);
    expect(equalisedLoudness(h.song())).toEqual({ summary: summaryFor(oneBand(3, 4)), current: true });
  });

  it('waits while the curve moves, marks the old figure as not current, and measures only where it stopped', async () => {
    const h = await harness();
    await h.open('A.wav');
    await h.analysed('A.wav', oneBand(3, 4));
    await h.answer(h.calls[0]!);
    await wait(SETTLE_MS * 2);
    await h.answer(h.calls[1]!);
    for (const db of [1, 2, 3, 4, 5]) {
      h.store.editBand(0, db);
      await wait(SETTLE_MS / 3);
    }
    expect(h.calls).toHaveLength(2);
    expect(equalisedLoudness(h.song())?.current).toBe(false);
    await wait(SETTLE_MS * 2);
    expect(h.calls).toHaveLength(3);
    const expected = oneBand(3, 4);
    expected[0] = 5;
    expect(h.calls[2]!.appliedDb).toEqual(expected);
    // The amount changes what is applied: measured again at the scaled curve.
    await h.answer(h.calls[2]!);
    h.store.setAmount(0.5);
    await wait(SETTLE_MS * 2);
    expect(h.calls[3]!.appliedDb).toEqual(expected.map((g) => g / 2));
  });

  it('answers a flat curve with the original measurement, without measuring', async () => {
    const h = await harness();
    await h.open('A.wav');
    await h.analysed('A.wav', oneBand(3, 4));
    await h.answer(h.calls[0]!);
    h.store.setCurve(new Array<number>(10).fill(0));
    await wait(SETTLE_MS * 2);
    expect(h.calls).toHaveLength(1);
    const e = equalisedLoudness(h.song())!;
    expect(e.current).toBe(true);
    expect(e.summary).toEqual(h.song().loudness.original);
    expect(h.song().loudness.equalised?.appliedDb as CommandDb).toEqual(new Array<number>(10).fill(0));
  });

  it('drops a measurement of a song replaced meanwhile and measures the new one; a silent song is not measured', async () => {
    const h = await harness();
    await h.open('A.wav');
    await h.analysed('A.wav', oneBand(3, 4));
    const ofA = h.calls[0]!;
    await h.open('B.wav');
    expect(ofA.signal.aborted).toBe(true);
    await settle();
    expect(h.calls).toHaveLength(1);
    await h.analysed('B.wav', oneBand(2, -3));
    expect(h.calls).toHaveLength(2);
    await h.answer(h.calls[1]!);
    expect(h.song().fileName).toBe('B.wav');
    expect(h.song().loudness.original?.integratedLufs).toBe(-20);
    await h.open('C silent.wav');
    await wait(SETTLE_MS * 2);
    expect(h.calls).toHaveLength(2);
    expect(h.song().loudness).toEqual({ original: null, equalised: null });
  });
});
