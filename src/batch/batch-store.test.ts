/**
 * A batch's rules: files are analysed one at a time, in order, each with its own suggestion (restricted to its
 * rate); cancel stops the rest; an export goes through the files one at a time (the next file is decoded only
 * after the zip writer took the last), with each file's own curve or the one chosen for all, unique names,
 * and bad files reported and skipped. Decoding, analysis, rendering and the zip writer are fakes.
 */
import { describe, expect, it } from 'vitest';
import { equalisedFileName } from '../audio/export/file-name.ts';
import { FLAT_COMMAND, toCommand } from '../shared/dsp/eq-command.ts';
import type { ExportOutcome } from '../session/session-store.ts';
import {
  deferred,
  facts,
  oneBand,
  rawSuggestion,
  result,
  settle,
  type Deferred,
} from '../session/test-support.ts';
import type { AnalysisResult } from '../workers/analysis-api.ts';
import { overallProgress } from './batch-state.ts';
import { BatchStore, type BatchPorts, type ZipEntry } from './batch-store.ts';

/** A test file: its name says how it behaves; its suggestion is +3 dB in band `index`. */
interface Fake {
  name: string;
  index: number;
  rate?: number;
}
const file = (f: Fake) => new File([new Uint8Array([f.index])], f.name);
const suggestionOf = (f: Fake) => oneBand(f.index, 3);

interface Harness {
  store: BatchStore<Fake, 'wav'>;
  events: string[];
  analyses: Map<string, Deferred<AnalysisResult>>;
  zips: { name: string; entries: ZipEntry[] }[];
  /** Concurrent decodes seen at most. */
  maxLive: () => number;
  shown: string[];
}

function harness(opts: { pullZip?: boolean; failRender?: string; autoAnalyse?: boolean } = {}): Harness {
  const events: string[] = [];
  const analyses = new Map<string, Deferred<AnalysisResult>>();
  const zips: Harness['zips'] = [];
  const shown: string[] = [];
  let live = 0;
  let maxLive = 0;
  let ids = 0;
  const ports: BatchPorts<Fake, 'wav'> = {
    decode: async (f, signal) => {
      events.push(`decode ${f.name}`);
      await settle();
      signal.throwIfAborted();
      if (f.name.includes('broken')) throw new Error(`“${f.name}” could not be read as audio.`);
      const index = new Uint8Array(await f.arrayBuffer())[0]!;
      const rate = f.name.includes('22k') ? 22050 : 44100;
      const fake = { name: f.name, index, rate };
      const silent = f.name.includes('silent');
      // A silent file's audio is let go at once (nothing to analyse); the others' when analysed or rendered.
      if (!silent) live++;
      maxLive = Math.max(maxLive, live);
      return { audio: fake, facts: facts({ sampleRate: rate, silent }) };
    },
    analyse: (audio, signal, onProgress) => {
      events.push(`analyse ${audio.name}`);
      onProgress(0.5);
      const d = deferred<AnalysisResult>();
      analyses.set(audio.name, d);
      signal.addEventListener('abort', () => {
        d.reject(new DOMException('stop', 'AbortError'));
        if (analyses.get(audio.name) === d) analyses.delete(audio.name);
      });
      if (opts.autoAnalyse) {
        if (audio.name.includes('unlucky')) d.reject(new Error('the model failed'));
        else d.resolve(result(suggestionOf(audio)));
      }
      return d.promise.finally(() => live--);
    },
    suggest: (r) => rawSuggestion(r.gainsDb),
    render: async (audio, fileName, appliedDb, _format, { signal, onProgress }) => {
      events.push(`render ${fileName} ${appliedDb.join(',')}`);
      onProgress(0.5);
      await settle();
      live--;
      signal.throwIfAborted();
      if (fileName === opts.failRender) throw new Error('the encoder ran out of memory');
      const out: ExportOutcome = {
        blob: new Blob([`${audio.name}:${appliedDb.join(',')}`]),
        fileName: equalisedFileName(fileName, 'wav'),
        notes:
          audio.index === 1 ? ['The level was lowered by 1.0 dB so it never clips (peaks at −1 dBTP).'] : [],
      };
      return out;
    },
    saveZip: async (entries, name, signal) => {
      const zip = { name, entries: [] as ZipEntry[] };
      for await (const e of entries) {
        events.push(`zip ${e.name}`);
        zip.entries.push(e);
        await settle();
        signal.throwIfAborted();
      }
      zips.push(zip);
    },
    show: async (f) => {
      shown.push(f.name);
      return !f.name.includes('broken');
    },
    newId: () => `item-${++ids}`,
  };
  return { store: new BatchStore(ports), events, analyses, zips, maxLive: () => maxLive, shown };
}

/** Resolves the analysis of `name` once it has started. */
async function finish(h: Harness, name: string, gains?: number[]): Promise<void> {
  for (let i = 0; i < 50 && !h.analyses.has(name); i++) await settle();
  const d = h.analyses.get(name);
  if (!d) throw new Error(`${name} was never analysed`);
  const index = Number(name.match(/^(\d+)/)?.[1] ?? 0);
  d.resolve(result(gains ?? oneBand(index, 3)));
  h.analyses.delete(name);
  await settle();
  await settle();
}

const A: Fake = { name: '0 A.wav', index: 0 };
const B: Fake = { name: '1 B.wav', index: 1 };
const C: Fake = { name: '2 C 22k.wav', index: 2 };
const SILENT: Fake = { name: '3 silent.wav', index: 3 };
const BROKEN: Fake = { name: '4 broken.wav', index: 4 };
const E: Fake = { name: '9 E 22k.wav', index: 9 };

describe('a batch analysis', () => {
  it('analyses the files one after another, in order, each with its own suggestion for its rate', async () => {
    const h = harness();
    const progress: number[] = [];
    h.store.subscribe(() => {
      const p = overallProgress(h.store.getSnapshot());
      if (p !== null) progress.push(p);
    });
    h.store.add([A, B, C, SILENT, BROKEN, E].map(file));
    const status = () => h.store.getSnapshot().items.map((i) => i.status);
    await settle();
    await settle();
    expect(status()).toEqual(['analysing', 'waiting', 'waiting', 'waiting', 'waiting', 'waiting']);
    await finish(h, A.name);
    await finish(h, B.name);
    expect(status()).toEqual(['suggested', 'suggested', 'analysing', 'waiting', 'waiting', 'waiting']);
    await finish(h, C.name);
    await finish(h, E.name);
    expect(status()).toEqual(['suggested', 'suggested', 'suggested', 'silent', 'failed', 'suggested']);
    const s = h.store.getSnapshot();
    expect(s.task).toBeNull();
    expect([...s.items[0]!.suggestion!.shownDb]).toEqual(oneBand(0, 3));
    expect([...s.items[2]!.suggestion!.shownDb]).toEqual(oneBand(2, 3));
    // 16 kHz cannot be carried at 22.05 kHz: the suggestion is 0 dB there, as for a single song.
    expect(s.items[5]!.suggestion!.shownDb[9]).toBe(0);
    expect(s.items[4]!.message).toMatch(/could not be read as audio/);
    expect(s.items[3]!.facts?.sampleRate).toBe(44100);
    // One file at a time: never two decoded at once; each analysed right after its decode.
    expect(h.maxLive()).toBe(1);
    expect(h.events.filter((e) => e.startsWith('analyse'))).toEqual(
      [A, B, C, E].map((f) => `analyse ${f.name}`),
    );
    expect(progress.length).toBeGreaterThan(6);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThanOrEqual(progress[i - 1]!);
  });

  it('cancel stops the file being analysed and the rest; they can be analysed again', async () => {
    const h = harness();
    h.store.add([A, B, C].map(file));
    await finish(h, A.name);
    await settle();
    h.store.cancel();
    await settle();
    const s = h.store.getSnapshot();
    expect(s.items.map((i) => i.status)).toEqual(['suggested', 'cancelled', 'cancelled']);
    expect(s.task).toBeNull();
    expect(s.message).toBe('Batch analysis cancelled.');
    h.store.analyseAgain();
    await finish(h, B.name);
    await finish(h, C.name);
    expect(h.store.getSnapshot().items.map((i) => i.status)).toEqual(['suggested', 'suggested', 'suggested']);
  });

  it('files added while it runs join the queue', async () => {
    const h = harness();
    h.store.add([A].map(file));
    await settle();
    h.store.add([B].map(file));
    expect(h.store.getSnapshot().task?.total).toBe(2);
    await finish(h, A.name);
    await finish(h, B.name);
    expect(h.store.getSnapshot().items.map((i) => i.status)).toEqual(['suggested', 'suggested']);
  });

  it('an analysis that fails marks its file and goes on with the next', async () => {
    const h = harness({ autoAnalyse: true });
    h.store.add([{ name: '0 unlucky.wav', index: 0 }, B].map(file));
    for (let i = 0; i < 20; i++) await settle();
    const [bad, good] = h.store.getSnapshot().items;
    expect(bad!.status).toBe('failed');
    expect(bad!.message).toBe('the model failed');
    expect(good!.status).toBe('suggested');
  });
});

describe('a batch export', () => {
  async function analysed(h: Harness, fakes: Fake[]) {
    h.store.add(fakes.map(file));
    for (const f of fakes)
      if (!f.name.includes('silent') && !f.name.includes('broken')) await finish(h, f.name);
    expect(h.store.getSnapshot().task).toBeNull();
  }

  it('writes each file with its own curve, one at a time, and skips the ones it cannot equalise', async () => {
    const h = harness();
    await analysed(h, [A, B, SILENT, BROKEN, E]);
    h.events.length = 0;
    await h.store.exportAll('wav', 'Batch.zip');
    const s = h.store.getSnapshot();
    expect(s.message).toBe('Exported 3 files to “Batch.zip”. 2 files skipped.');
    expect(h.zips).toHaveLength(1);
    expect(h.zips[0]!.entries.map((e) => e.name)).toEqual([
      '0 A (Sonic EQ).wav',
      '1 B (Sonic EQ).wav',
      '9 E 22k (Sonic EQ).wav',
    ]);
    expect(await h.zips[0]!.entries[2]!.blob.text()).toBe(
      `${E.name}:${[0, 0, 0, 0, 0, 0, 0, 0, 0, 0].join(',')}`,
    );
    expect(await h.zips[0]!.entries[1]!.blob.text()).toBe(`${B.name}:${oneBand(1, 3).join(',')}`);
    // The next file is decoded only once the zip writer has taken the previous one.
    expect(h.events.filter((e) => !e.startsWith('render'))).toEqual([
      `decode ${A.name}`,
      'zip 0 A (Sonic EQ).wav',
      `decode ${B.name}`,
      'zip 1 B (Sonic EQ).wav',
      `decode ${E.name}`,
      'zip 9 E 22k (Sonic EQ).wav',
    ]);
    expect(s.items.map((i) => i.exportStatus)).toEqual([
      'exported',
      'exported',
      'skipped',
      'skipped',
      'exported',
    ]);
    expect(s.items[1]!.exportNote).toMatch(/lowered by 1.0 dB/);
    expect(s.items[2]!.exportNote).toMatch(/silent/);
    expect(s.items[3]!.exportNote).toMatch(/could not be read/);
  });

  it('one curve for all: every file gets it, restricted to its rate; an edited file keeps its own otherwise', async () => {
    const h = harness();
    await analysed(h, [A, E]);
    const one = toCommand([6, 0, 0, 0, 0, 0, 0, 0, 2, 4]);
    h.store.choose({ kind: 'one', label: 'the curve on screen', curveDb: one });
    await h.store.exportAll('wav', 'One.zip');
    const texts = await Promise.all(h.zips[0]!.entries.map((e) => e.blob.text()));
    expect(texts).toEqual([`${A.name}:6,0,0,0,0,0,0,0,2,4`, `${E.name}:6,0,0,0,0,0,0,0,2,0`]);

    h.store.choose({ kind: 'own' });
    h.store.setEdited(h.store.getSnapshot().items[0]!.id, [1.04, 0, 0, 0, 0, 0, 0, 0, 0, -2]);
    await h.store.exportAll('wav', 'Own.zip');
    expect(await h.zips[1]!.entries[0]!.blob.text()).toBe(`${A.name}:1,0,0,0,0,0,0,0,0,-2`);
  });

  it('files never analysed are exported with one curve for all, and skipped without one', async () => {
    const h = harness();
    h.store.add([A, B].map(file));
    await settle();
    h.store.cancel();
    await settle();
    await h.store.exportAll('wav', 'Own.zip');
    expect(h.store.getSnapshot().message).toBe('Exported 0 files to “Own.zip”. 2 files skipped.');
    expect(h.store.getSnapshot().items[0]!.exportNote).toBe('not analysed yet');
    h.store.choose({ kind: 'one', label: 'Flat', curveDb: FLAT_COMMAND });
    await h.store.exportAll('wav', 'Flat.zip');
    expect(h.zips[1]!.entries).toHaveLength(2);
  });

  it('gives files that would have the same name distinct names in the zip', async () => {
    const h = harness();
    const twins = [
      { name: '0 Song.wav', index: 0 },
      { name: '0 Song.flac', index: 0 },
      { name: '0 Song.mp3', index: 0 },
    ];
    h.store.choose({ kind: 'one', label: 'Flat', curveDb: FLAT_COMMAND });
    h.store.add(twins.map(file));
    h.store.cancel();
    await settle();
    await h.store.exportAll('wav', 'Twins.zip');
    expect(h.zips[0]!.entries.map((e) => e.name)).toEqual([
      '0 Song (Sonic EQ).wav',
      '0 Song (Sonic EQ) 2.wav',
      '0 Song (Sonic EQ) 3.wav',
    ]);
  });

  it('a file that fails to export is reported and skipped; the others are written', async () => {
    const h = harness({ failRender: B.name });
    await analysed(h, [A, B, E]);
    await h.store.exportAll('wav', 'Some.zip');
    const s = h.store.getSnapshot();
    expect(s.message).toBe('Exported 2 files to “Some.zip”. 1 file failed.');
    expect(s.items[1]!.exportStatus).toBe('failed');
    expect(s.items[1]!.exportNote).toBe('the encoder ran out of memory');
    expect(h.zips[0]!.entries).toHaveLength(2);
  });

  it('cancel stops the export: no zip, the files not reached have no export status', async () => {
    const h = harness();
    await analysed(h, [A, B, E]);
    const unsubscribe = h.store.subscribe(() => {
      const s = h.store.getSnapshot();
      if (s.task?.kind === 'export' && s.task.currentId === s.items[1]!.id) h.store.cancel();
    });
    await h.store.exportAll('wav', 'Cancelled.zip');
    unsubscribe();
    const s = h.store.getSnapshot();
    expect(s.message).toBe('Batch export cancelled.');
    expect(h.zips).toEqual([]);
    expect(s.items.map((i) => i.exportStatus)).toEqual(['exported', null, null]);
    expect(s.task).toBeNull();
  });

  it('one task at a time: no export while the analysis runs, and files added during an export wait for it', async () => {
    const h = harness();
    h.store.add([A].map(file));
    await settle();
    await h.store.exportAll('wav', 'Early.zip');
    expect(h.zips).toEqual([]);
    await finish(h, A.name);
    const exporting = h.store.exportAll('wav', 'Later.zip');
    h.store.add([B].map(file));
    expect(h.store.getSnapshot().items[1]!.status).toBe('waiting');
    expect(h.analyses.has(B.name)).toBe(false);
    await exporting;
    await finish(h, B.name);
    expect(h.store.getSnapshot().items[1]!.status).toBe('suggested');
  });
});

describe('moving through a batch', () => {
  it('shows a file, then the previous and the next; a file that will not open is not made current', async () => {
    const h = harness();
    const [a, b, broken] = h.store.add([A, B, BROKEN].map(file));
    h.store.cancel();
    await h.store.show(a!);
    expect(h.store.getSnapshot().currentId).toBe(a);
    await h.store.step(-1);
    expect(h.store.getSnapshot().currentId).toBe(a);
    await h.store.step(1);
    expect(h.store.getSnapshot().currentId).toBe(b);
    await h.store.step(1);
    expect(h.shown).toEqual([A.name, B.name, BROKEN.name]);
    expect(h.store.getSnapshot().currentId).toBe(b);
    h.store.setCurrent(null);
    await h.store.step(1);
    expect(h.shown).toHaveLength(3);
    expect(broken).toBeDefined();
  });

  it('removes files (not the one being worked on) and clears the list when idle', async () => {
    const h = harness();
    const [a, b] = h.store.add([A, B].map(file));
    await settle();
    await settle();
    h.store.remove(a!);
    expect(h.store.getSnapshot().items).toHaveLength(2);
    h.store.remove(b!);
    expect(h.store.getSnapshot().items.map((i) => i.fileName)).toEqual([A.name]);
    h.store.clear();
    expect(h.store.getSnapshot().items).toHaveLength(1);
    await finish(h, A.name);
    h.store.clear();
    expect(h.store.getSnapshot().items).toEqual([]);
  });
});
