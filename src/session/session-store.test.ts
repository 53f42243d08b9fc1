/**
 * The store's rules across songs: ratings and exports stay with their own song, undo never crosses songs,
 * a file without a suggestion starts flat, an export outlives the song it was started for. Decoding, the
 * analysis and exports are controllable fakes; feedback is the real FeedbackSession over a memory store.
 */
import { describe, expect, it } from 'vitest';
import { FeedbackSession, type StoreLike } from '../feedback/feedback-session.ts';
import { isAbortError } from '../shared/cancel.ts';
import { FLAT_COMMAND } from '../shared/dsp/eq-command.ts';
import { DEFAULT_SETTINGS, type FeedbackRecord, type Settings } from '../storage/schema.ts';
import type { AnalysisResult } from '../workers/analysis-api.ts';
import { SessionStore, type ExportOutcome, type StudioPorts } from './session-store.ts';
import type { AudioFacts } from './song-session.ts';
import { deferred, facts, oneBand, result, settle, type Deferred } from './test-support.ts';

/** A file of the test: its suggestion lives in band `5 + index`, its edits in band `index`. */
interface Song {
  name: string;
  index: number;
  silent?: boolean;
  failing?: boolean;
}

const A: Song = { name: 'A.wav', index: 0 };
const B: Song = { name: 'B.wav', index: 1 };
const SILENT: Song = { name: 'C silent.wav', index: 2, silent: true };
const BROKEN: Song = { name: 'D.wav', index: 3, failing: true };
const ALL = [A, B, SILENT, BROKEN];
const suggestionOf = (s: Song) => oneBand(5 + s.index, 3);

function memoryStore(): StoreLike {
  const records = new Map<string, FeedbackRecord>();
  let settings: Settings = { ...DEFAULT_SETTINGS };
  return {
    list: async () => [...records.values()].sort((a, b) => a.time - b.time),
    put: async (...rs) => void rs.forEach((r) => records.set(r.id, structuredClone(r))),
    delete: async (id) => void records.delete(id),
    clear: async () => records.clear(),
    getSettings: async () => settings,
    setSettings: async (patch) => (settings = { ...settings, ...patch }),
  };
}

interface Harness {
  store: SessionStore<Song, 'wav'>;
  feedback: FeedbackSession;
  analyses: Map<string, Deferred<AnalysisResult>>;
  exports: Deferred<ExportOutcome>[];
  saved: string[];
  open(song: Song): Promise<void>;
  finishAnalysis(song: Song): Promise<void>;
  records(): FeedbackRecord[];
}

async function harness(decode?: StudioPorts<Song, 'wav'>['decode']): Promise<Harness> {
  const feedback = new FeedbackSession(async () => memoryStore());
  await feedback.loaded;
  const analyses = new Map<string, Deferred<AnalysisResult>>();
  const exports: Deferred<ExportOutcome>[] = [];
  const saved: string[] = [];
  let ids = 0;
  let time = 0;
  const ports: StudioPorts<Song, 'wav'> = {
    decode:
      decode ??
      (async (file) => {
        const song = ALL.find((s) => s.name === file.name)!;
        const f: AudioFacts = facts({ silent: song.silent ?? false });
        return { audio: song, facts: f };
      }),
    analyse: (song, signal) => {
      const d = deferred<AnalysisResult>();
      analyses.set(song.name, d);
      signal.addEventListener('abort', () => d.reject(new DOMException('stop', 'AbortError')));
      return d.promise;
    },
    render: (_song, fileName, _applied, _format, { signal }) => {
      const d = deferred<ExportOutcome>();
      exports.push(d);
      signal.addEventListener('abort', () => d.reject(new DOMException('stop', 'AbortError')));
      return d.promise.then((o) => ({ ...o, fileName: `${fileName} (EQ).wav` }));
    },
    save: (_blob, name) => saved.push(name),
    feedback,
    referenceProfiles: () => [],
    newId: () => `song-${++ids}`,
    now: () => ++time,
    clock: () => (time += 1000),
  };
  const store = new SessionStore(ports);
  return {
    store,
    feedback,
    analyses,
    exports,
    saved,
    async open(song) {
      await store.open(new File([new Uint8Array(4)], song.name));
      await settle();
    },
    async finishAnalysis(song) {
      const d = analyses.get(song.name)!;
      if (song.failing) d.reject(new Error('the model crashed'));
      else d.resolve(result(suggestionOf(song)));
      await settle();
    },
    records: () => [...feedback.getSnapshot().records],
  };
}

const outcome = (): ExportOutcome => ({ blob: new Blob(['x']), fileName: 'ignored', notes: [] });
const present = (h: Harness) => [...h.store.getSnapshot().song!.history.present];

describe('the session store', () => {
  it('a rating on A, then an edit and an export on B, then a silent C edited and exported: each record stays with its song', async () => {
    const h = await harness();
    await h.open(A);
    await h.finishAnalysis(A);
    h.store.rate('up');
    await h.open(B);
    await h.finishAnalysis(B);
    h.store.editBand(1, -12);
    const exportB = h.store.export('wav');
    h.exports[0]!.resolve(outcome());
    await exportB;
    await h.open(SILENT);
    expect(present(h)).toEqual([...FLAT_COMMAND]);
    h.store.editBand(2, -12);
    const exportC = h.store.export('wav');
    h.exports[1]!.resolve(outcome());
    await exportC;
    await settle();

    const records = h.records();
    expect(records.map((r) => [r.fileName, r.rating])).toEqual([
      ['A.wav', 'up'],
      ['B.wav', 'none'],
    ]);
    expect(records[0]!.curveDb).toEqual(suggestionOf(A));
    expect(records[1]!.curveDb).toEqual(suggestionOf(B).map((g, b) => (b === 1 ? -12 : g)));
    expect(h.saved).toEqual(['B.wav (EQ).wav', 'C silent.wav (EQ).wav']);
  });

  it('rating A, then opening a silent B and exporting it, keeps only A’s record, with A’s curve', async () => {
    const h = await harness();
    await h.open(A);
    await h.finishAnalysis(A);
    h.store.rate('up');
    await h.open(SILENT);
    h.store.editBand(3, 4);
    const exporting = h.store.export('wav');
    h.exports[0]!.resolve(outcome());
    await exporting;
    await settle();
    expect(h.records()).toHaveLength(1);
    expect(h.records()[0]).toMatchObject({ fileName: 'A.wav', rating: 'up', curveDb: suggestionOf(A) });
    expect(h.store.getSnapshot().song!.suggestion).toBeNull();
  });

  it('undo never crosses songs, and a song opened after another starts flat', async () => {
    const h = await harness();
    await h.open(A);
    await h.finishAnalysis(A);
    h.store.editBand(0, 6);
    await h.open(B);
    expect(present(h)).toEqual([...FLAT_COMMAND]);
    h.store.undo();
    expect(present(h)).toEqual([...FLAT_COMMAND]);
    await h.finishAnalysis(B);
    h.store.undo();
    h.store.undo();
    expect(present(h)).toEqual([...FLAT_COMMAND]);
    h.store.redo();
    expect(present(h)).toEqual(suggestionOf(B));
  });

  it('an export keeps running visibly when another file opens, and its record goes to its own song', async () => {
    const h = await harness();
    await h.open(A);
    await h.finishAnalysis(A);
    h.store.editBand(0, -2);
    const exporting = h.store.export('wav');
    await h.open(B);
    expect(h.store.getSnapshot().exportJob).toMatchObject({ fileName: 'A.wav' });
    h.store.rate('down'); // B has no suggestion yet: nothing is kept
    await h.finishAnalysis(B);
    h.store.rate('down');
    h.exports[0]!.resolve(outcome());
    await exporting;
    await settle();
    expect(h.store.getSnapshot().exportJob).toBeNull();
    expect(h.store.getSnapshot().exportMessage).toBe(
      'Exported “A.wav (EQ).wav” (from “A.wav”, opened before).',
    );
    const byName = Object.fromEntries(h.records().map((r) => [r.fileName, r]));
    expect(byName['A.wav']).toMatchObject({
      rating: 'none',
      curveDb: suggestionOf(A).map((g, b) => (b ? g : -2)),
    });
    expect(byName['B.wav']).toMatchObject({ rating: 'down', curveDb: suggestionOf(B) });
  });

  it('an export can be cancelled; a rating made while it ran is kept by its record', async () => {
    const h = await harness();
    await h.open(A);
    await h.finishAnalysis(A);
    const first = h.store.export('wav');
    h.store.cancelExport();
    await first;
    expect(h.store.getSnapshot().exportMessage).toBe('Export cancelled.');
    expect(h.saved).toEqual([]);
    expect(h.records()).toEqual([]);
    const second = h.store.export('wav');
    h.store.rate('up');
    h.exports[1]!.resolve(outcome());
    await second;
    await settle();
    expect(h.records()).toMatchObject([{ fileName: 'A.wav', rating: 'up' }]);
  });

  it('a failed or cancelled analysis says so, keeps the curve and can run again; a late result is dropped', async () => {
    const h = await harness();
    await h.open(BROKEN);
    await h.finishAnalysis(BROKEN);
    expect(h.store.getSnapshot().song!.noSuggestion?.message).toBe('The analysis failed: the model crashed');
    await h.open(A);
    const stale = h.analyses.get('A.wav')!;
    h.store.editBand(0, 1);
    h.store.cancelAnalysis();
    await settle();
    expect(h.store.getSnapshot().song!.noSuggestion?.kind).toBe('cancelled');
    stale.resolve(result(suggestionOf(A)));
    await settle();
    expect(h.store.getSnapshot().song!.phase).toBe('failed');
    h.store.analyse();
    await h.finishAnalysis(A);
    expect(h.store.getSnapshot().song!.phase).toBe('suggested');
    expect(present(h)).toEqual(oneBand(0, 1)); // the edit made before wins
  });

  it('the newest file wins while loading; a file that fails to open leaves the song on screen', async () => {
    const slow = deferred<{ audio: Song; facts: AudioFacts }>();
    const { store } = await harness(async (file, signal) => {
      if (file.name === 'bad.wav') throw new Error('“bad.wav” could not be read as audio.');
      if (file.name === 'slow.wav') {
        signal.addEventListener('abort', () => slow.reject(new DOMException('x', 'AbortError')));
        return slow.promise;
      }
      return { audio: A, facts: facts() };
    });
    const first = store.open(new File(['x'], 'slow.wav'));
    const second = store.open(new File(['x'], 'A.wav'));
    await Promise.all([first, second]);
    expect(store.getSnapshot().song!.fileName).toBe('A.wav');
    expect(store.getSnapshot().notice).toBe('Opened “A.wav” instead of “slow.wav”, which was still loading.');
    store.editBand(0, 3);
    await store.open(new File(['x'], 'bad.wav'));
    expect(store.getSnapshot().error).toBe('“bad.wav” could not be read as audio.');
    expect(store.getSnapshot().song!.history.present[0]).toBe(3);
  });

  it('counts what personalised a suggestion: two exports and no rating are not "ratings"', async () => {
    const h = await harness();
    for (const song of [A, B]) {
      await h.open(song);
      await h.finishAnalysis(song);
      h.store.editBand(0, 4);
      const e = h.store.export('wav');
      h.exports[h.exports.length - 1]!.resolve(outcome());
      await e;
      await settle();
    }
    await h.open(BROKEN);
    h.analyses.get('D.wav')!.resolve(result(suggestionOf(BROKEN)));
    await settle();
    const s = h.store.getSnapshot().song!.suggestion!;
    expect(s).toMatchObject({ personalised: true, count: 2, rated: 0 });
  });
});

/**
 * Every ordering, sampled: random walks over opening four kinds of file, their analyses finishing or
 * failing, edits, undo, ratings, exports started, finished and cancelled. After every step: each record
 * belongs to a song that was suggested, carries that song's name and only that song's bands, and the rating
 * it was last given; the song on screen only ever holds its own bands.
 */
describe('the session store, over random orderings', () => {
  const ownBands = (song: Song) => new Set([song.index, 5 + song.index]);
  const onlyOwnBands = (curve: readonly number[], song: Song) =>
    curve.every((g, b) => g === 0 || ownBands(song).has(b));

  it('keeps every record and every curve with its own song', async () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    for (let walk = 0; walk < 150; walk++) {
      const h = await harness();
      const songById = new Map<string, Song>();
      const ratings = new Map<string, 'up' | 'down'>();
      const pendingExports: Promise<void>[] = [];
      /** Per export started: the song it was started for, if that song had a suggestion. */
      const exportFor: (string | null)[] = [];
      const exported = new Set<string>();
      for (let step = 0; step < 14; step++) {
        const snap = h.store.getSnapshot();
        const song = snap.song;
        const kind = pick([
          'open',
          'open',
          'finish',
          'edit',
          'undo',
          'rate',
          'export',
          'finishExport',
          'cancelExport',
        ]);
        if (kind === 'open' || !song) {
          const next = pick(ALL);
          await h.open(next);
          songById.set(h.store.getSnapshot().song!.id, next);
        } else if (kind === 'finish') {
          const running = h.analyses.get(songById.get(song.id)!.name);
          if (running && song.phase === 'analysing') await h.finishAnalysis(songById.get(song.id)!);
        } else if (kind === 'edit') {
          h.store.editBand(songById.get(song.id)!.index, Math.round(rnd() * 240 - 120) / 10);
        } else if (kind === 'undo') {
          h.store.undo();
        } else if (kind === 'rate') {
          const r = pick(['up', 'down'] as const);
          h.store.rate(r);
          if (song.result) ratings.set(song.id, r);
        } else if (kind === 'export') {
          if (!snap.exportJob) {
            pendingExports.push(h.store.export('wav'));
            exportFor.push(song.result ? song.id : null);
          }
        } else if (kind === 'finishExport') {
          if (snap.exportJob) {
            h.exports[h.exports.length - 1]!.resolve(outcome());
            const id = exportFor[exportFor.length - 1];
            if (id) exported.add(id);
          }
        } else {
          h.store.cancelExport();
        }
        await settle();

        const now = h.store.getSnapshot().song!;
        const owner = songById.get(now.id)!;
        expect(onlyOwnBands(now.history.present, owner)).toBe(true);
        for (const curve of [...now.history.past, ...now.history.future]) {
          expect(onlyOwnBands(curve, owner)).toBe(true);
        }
        if (now.phase !== 'suggested') expect(now.history.present[5 + owner.index]).toBe(0);
        expect(new Set(h.records().map((r) => r.id))).toEqual(new Set([...ratings.keys(), ...exported]));
        for (const r of h.records()) {
          const recordSong = songById.get(r.id)!;
          expect(r.fileName).toBe(recordSong.name);
          expect(recordSong.silent || recordSong.failing).toBeFalsy();
          expect(onlyOwnBands(r.curveDb, recordSong)).toBe(true);
          expect(r.suggestedDb).toEqual(suggestionOf(recordSong));
          expect(r.rating).toBe(ratings.get(r.id) ?? 'none');
        }
      }
      h.store.cancelExport();
      await Promise.all(pendingExports).catch((e: unknown) => {
        if (!isAbortError(e)) throw e;
      });
    }
  });
});

describe('opening a file', () => {
  it('shows how far the decoding is, and a cancel keeps the song on screen', async () => {
    let report: ((f: number) => void) | undefined;
    const pending = deferred<{ audio: Song; facts: AudioFacts }>();
    const h = await harness(async (file, signal, onProgress) => {
      if (file.name === A.name) return { audio: A, facts: facts() };
      report = onProgress;
      signal.addEventListener('abort', () => pending.reject(new DOMException('stop', 'AbortError')));
      return pending.promise;
    });
    await h.open(A);
    const opening = h.store.open(new File([new Uint8Array(4)], B.name));
    await settle();
    expect(h.store.getSnapshot().opening?.fileName).toBe(B.name);
    report!(0.25);
    expect(h.store.getSnapshot().openingProgress).toBe(0.25);
    h.store.cancelOpen();
    await opening;
    const snap = h.store.getSnapshot();
    expect(snap.opening).toBeNull();
    expect(snap.notice).toBe('Opening cancelled.');
    expect(snap.song?.fileName).toBe(A.name);
    // A report that arrives after the cancel changes nothing.
    report!(0.5);
    expect(h.store.getSnapshot().openingProgress).toBe(0.25);
  });
});
