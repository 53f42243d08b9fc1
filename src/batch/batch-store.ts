/**
 * The one owner of a batch: it keeps the files (File objects: references to the user's files, not their
 * audio), analyses them one after another in the background, and exports them all into one zip. Platform
 * work comes in as ports, as for the song session (src/session/session-store.ts), so these rules are tested
 * in Node; React reads it as an external store (src/app/batch/use-batch.ts).
 *
 * Memory: one file's audio at a time. A file is decoded for its analysis and dropped once it has its
 * suggestion; an export decodes it again, renders and encodes it, and hands the encoded file to the zip
 * writer, which streams it out before the next file is decoded. So a batch of any length holds at most one
 * song's audio, one rendered copy and one encoded file.
 */
import type { Suggestion } from '../feedback/feedback-session.ts';
import { abortError, isAbortError } from '../shared/cancel.ts';
import type { AudioFacts } from '../session/song-session.ts';
import type { ExportOutcome } from '../session/session-store.ts';
import type { AnalysisResult } from '../workers/analysis-api.ts';
import {
  curveAtRate,
  emptyBatch,
  neighbours,
  nextToAnalyse,
  plannedCurve,
  reduceBatch,
  uniqueName,
  type BatchAction,
  type BatchItem,
  type BatchState,
  type CurveChoice,
} from './batch-state.ts';

/** One file of the zip: its name inside the archive and its bytes (a Blob, not copied into the page). */
export interface ZipEntry {
  name: string;
  blob: Blob;
  lastModified: Date;
}

export interface BatchPorts<Audio, Format> {
  /** Decodes a file; rejects with an Error whose message is meant for the user. */
  decode(file: File, signal: AbortSignal): Promise<{ audio: Audio; facts: AudioFacts }>;
  /**
   * What an export needs of a file, where that is less than a decode (its layout, when the export reads the
   * file itself); default: decode.
   */
  openForExport?(file: File, signal: AbortSignal): Promise<{ audio: Audio; facts: AudioFacts }>;
  analyse(audio: Audio, signal: AbortSignal, onProgress: (fraction: number) => void): Promise<AnalysisResult>;
  /** The suggestion the app shows for a result (personalised when that is on). */
  suggest(result: AnalysisResult, id: string): Suggestion;
  /** The single export's path: render through the EQ, keep the peak safe, encode, name the file. */
  render(
    audio: Audio,
    fileName: string,
    appliedDb: number[],
    format: Format,
    opts: { signal: AbortSignal; onProgress: (fraction: number) => void },
  ): Promise<ExportOutcome>;
  /**
   * Writes a zip of `entries` (pulled one at a time, as the writer is ready for them) and hands it to the
   * user as `name`. Rejects if the entries do (a cancel) or the writing fails.
   */
  saveZip(entries: AsyncIterable<ZipEntry>, name: string, signal: AbortSignal): Promise<void>;
  /** Shows a file of the batch on screen (the song session); resolves with whether it is there now. */
  show(file: File): Promise<boolean>;
  newId(): string;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** What an export did, counted as it goes. */
interface Tally {
  written: number;
  skipped: number;
  failed: number;
}

export class BatchStore<Audio, Format> {
  private state: BatchState = emptyBatch();
  private readonly files = new Map<string, File>();
  private readonly listeners = new Set<() => void>();
  /** The running task (analysis or export), cancelled by cancel(). */
  private running: AbortController | null = null;

  constructor(private readonly ports: BatchPorts<Audio, Format>) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): BatchState => this.state;

  private dispatch(action: BatchAction): void {
    const next = reduceBatch(this.state, action);
    if (next === this.state) return;
    this.state = next;
    this.listeners.forEach((l) => l());
  }

  /** Adds files to the batch (they are analysed in turn); returns their ids. */
  add(files: readonly File[]): string[] {
    const items = files.map((file) => ({ id: this.ports.newId(), fileName: file.name, file }));
    for (const i of items) this.files.set(i.id, i.file);
    this.dispatch({ type: 'add', items: items.map(({ id, fileName }) => ({ id, fileName })) });
    this.startAnalysis();
    return items.map((i) => i.id);
  }

  /** Removes a file from the list; the file being worked on is skipped first. */
  remove(id: string): void {
    if (this.state.task?.currentId === id) return;
    this.dispatch({ type: 'remove', id });
    if (!this.state.items.some((i) => i.id === id)) this.files.delete(id);
  }

  /** Empties the batch (not while a task runs: cancel it first). */
  clear(): void {
    if (this.state.task) return;
    this.dispatch({ type: 'clear' });
    this.files.clear();
  }

  choose(choice: CurveChoice): void {
    this.dispatch({ type: 'choose', choice });
  }

  /** The user made a curve for a file (on screen): the batch exports it with that curve. */
  setEdited(id: string, appliedDb: readonly number[] | null): void {
    this.dispatch({ type: 'edited', id, appliedDb });
  }

  /** Which file of the batch is on screen (null: a file from elsewhere). */
  setCurrent(id: string | null): void {
    this.dispatch({ type: 'current', id });
  }

  /** Shows a file of the batch on screen (the one already there stays as it is, edits and all). */
  async show(id: string): Promise<void> {
    const file = this.files.get(id);
    if (!file || id === this.state.currentId) return;
    if (await this.ports.show(file)) this.setCurrent(id);
  }

  /** Shows the file before or after the one on screen. */
  async step(direction: -1 | 1): Promise<void> {
    const { previous, next } = neighbours(this.state);
    const target = direction < 0 ? previous : next;
    if (target) await this.show(target.id);
  }

  /** Stops the running task: the analysis (files not yet analysed are marked cancelled) or the export. */
  cancel(): void {
    this.running?.abort();
  }

  /** Queues the cancelled files again and analyses them. */
  analyseAgain(): void {
    this.dispatch({ type: 'requeue' });
    this.startAnalysis();
  }

  /** Analyses waiting files one after another until none is left (no-op if a task is running). */
  private startAnalysis(): void {
    if (this.running || !nextToAnalyse(this.state)) return;
    const run = new AbortController();
    this.running = run;
    void this.analyseAll(run).finally(() => {
      if (this.running === run) this.running = null;
      // Files added while an export ran wait for it; start them now.
      if (!run.signal.aborted) this.startAnalysis();
    });
  }

  private async analyseAll(run: AbortController): Promise<void> {
    let done = 0;
    let item = nextToAnalyse(this.state);
    while (item && !run.signal.aborted) {
      const id = item.id;
      // Files added meanwhile count too: the overall progress is over everything queued so far.
      const total = done + this.state.items.filter((i) => i.status === 'waiting').length;
      this.dispatch({ type: 'analysing', id, done, total });
      await this.analyseOne(id, run.signal);
      done++;
      item = nextToAnalyse(this.state);
    }
    this.dispatch(run.signal.aborted ? { type: 'analysisCancelled' } : { type: 'analysisDone' });
  }

  private async analyseOne(id: string, signal: AbortSignal): Promise<void> {
    const file = this.files.get(id);
    if (!file) return;
    try {
      // The decoded audio lives only in this call: dropped as soon as the file has its suggestion.
      const { audio, facts } = await this.ports.decode(file, signal);
      signal.throwIfAborted();
      const { sampleRate, durationS, channelCount, silent, warning } = facts;
      this.dispatch({
        type: 'decoded',
        id,
        facts: { sampleRate, durationS, channelCount },
        silent,
        warning,
      });
      if (silent) return;
      const result = await this.ports.analyse(audio, signal, (fraction) => {
        if (!signal.aborted) this.dispatch({ type: 'progress', id, fraction });
      });
      signal.throwIfAborted();
      this.dispatch({ type: 'analysed', id, suggestion: this.ports.suggest(result, id) });
    } catch (e) {
      if (signal.aborted || isAbortError(e)) return;
      this.dispatch({ type: 'failed', id, message: (e as Error).message });
    }
  }

  /**
   * Exports every file into one zip, in `format`, each with its planned curve (its own, or the one chosen
   * for all), through the single export's path (same naming and peak safety). One file at a time; the zip
   * writer pulls the next file when it has written the last. Not while the analysis runs.
   */
  async exportAll(format: Format, zipName: string): Promise<void> {
    if (this.running || this.state.items.length === 0) return;
    const run = new AbortController();
    this.running = run;
    const items = [...this.state.items];
    this.dispatch({ type: 'exportStarted', ids: items.map((i) => i.id) });
    const tally: Tally = { written: 0, skipped: 0, failed: 0 };
    try {
      await this.ports.saveZip(this.zipEntries(items, format, run.signal, tally), zipName, run.signal);
      const parts = [`Exported ${plural(tally.written, 'file')} to “${zipName}”.`];
      if (tally.skipped) parts.push(`${plural(tally.skipped, 'file')} skipped.`);
      if (tally.failed) parts.push(`${plural(tally.failed, 'file')} failed.`);
      this.dispatch({ type: 'exportDone', message: parts.join(' ') });
    } catch (e) {
      const cancelled = run.signal.aborted || isAbortError(e);
      this.dispatch({
        type: 'exportDone',
        message: cancelled ? 'Batch export cancelled.' : `Batch export failed: ${(e as Error).message}`,
      });
    } finally {
      if (this.running === run) this.running = null;
      this.startAnalysis();
    }
  }

  /** The zip's entries, made one at a time as the writer asks for them: decode, render, encode, hand over. */
  private async *zipEntries(
    items: readonly BatchItem[],
    format: Format,
    signal: AbortSignal,
    tally: Tally,
  ): AsyncGenerator<ZipEntry> {
    const taken = new Set<string>();
    for (const [index, item] of items.entries()) {
      if (signal.aborted) throw abortError('The batch export');
      const file = this.files.get(item.id);
      const plan = plannedCurve(this.state, item);
      if (!file || 'skip' in plan) {
        tally.skipped++;
        const note = 'skip' in plan ? plan.skip : 'removed from the batch';
        this.dispatch({ type: 'exportSkipped', id: item.id, note });
        continue;
      }
      this.dispatch({ type: 'exporting', id: item.id, done: index });
      let out: ExportOutcome;
      try {
        const { audio, facts } = await (this.ports.openForExport ?? this.ports.decode)(file, signal);
        const curve = curveAtRate(plan.curveDb, facts.sampleRate);
        out = await this.ports.render(audio, file.name, [...curve], format, {
          signal,
          onProgress: (fraction) => {
            if (!signal.aborted) this.dispatch({ type: 'exportProgress', id: item.id, fraction });
          },
        });
      } catch (e) {
        if (signal.aborted || isAbortError(e)) throw abortError('The batch export');
        tally.failed++;
        this.dispatch({ type: 'exportFailed', id: item.id, note: (e as Error).message });
        continue;
      }
      tally.written++;
      this.dispatch({ type: 'exported', id: item.id, note: out.notes.join(' ') || null });
      yield { name: uniqueName(out.fileName, taken), blob: out.blob, lastModified: new Date() };
    }
  }

  /** Stops everything (the page is going away). */
  dispose(): void {
    this.running?.abort();
    this.listeners.clear();
  }
}
