/**
 * The one owner of the song on screen. It opens files (the newest wins; a file that fails to open leaves the
 * song that was there), runs the song's analysis, applies the user's edits through the session reducer,
 * writes the song's feedback record when it is rated or exported, and runs exports. The platform work
 * (decoding, the analysis worker, rendering and encoding, saving a file) comes in as ports, so the rules can
 * be tested in Node. React reads it as an external store (src/app/use-studio.ts).
 *
 * Lifetimes: each song has its own AbortController, aborted when another song replaces it, so a late
 * result of an old song (its decode, its analysis) is dropped. An export belongs to no song: it keeps
 * running, visibly, when another file opens, and its record goes to the song it was started for.
 */
import type { FeedbackSession } from '../feedback/feedback-session.ts';
import { isAbortError } from '../shared/cancel.ts';
import type { BalanceProfile } from '../shared/targets/index.ts';
import type { LoudnessSummary } from '../shared/loudness/loudness-meter.ts';
import type { Rating } from '../storage/schema.ts';
import type { AnalysisResult } from '../workers/analysis-api.ts';
import {
  appliedCurve,
  keptRecord,
  loudnessToMeasure,
  openSession,
  reduceSession,
  type AudioFacts,
  type SessionAction,
  type SongSession,
} from './song-session.ts';
import { AUTOMATIC_TARGET, aimSuggestion, type Targeted, type TargetChoice } from './target-choice.ts';

/** What exporting produced, as far as the store needs to know. */
export interface ExportOutcome {
  blob: Blob;
  /** The download name for the song's file name. */
  fileName: string;
  /** Sentences for the user about what was done to the file (level lowered, layout changed…). */
  notes: string[];
}

export interface StudioPorts<Audio, Format> {
  /**
   * Decodes a file; rejects with an Error whose message is meant for the user. Reports the fraction done
   * (0 to 1) when it can tell.
   */
  decode(
    file: File,
    signal: AbortSignal,
    onProgress: (fraction: number) => void,
  ): Promise<{ audio: Audio; facts: AudioFacts }>;
  analyse(audio: Audio, signal: AbortSignal, onProgress: (fraction: number) => void): Promise<AnalysisResult>;
  render(
    audio: Audio,
    fileName: string,
    appliedDb: number[],
    format: Format,
    opts: { signal: AbortSignal; onProgress: (fraction: number) => void },
  ): Promise<ExportOutcome>;
  /** Hands a finished file to the user (a download). */
  save(blob: Blob, name: string): void;
  feedback: Pick<FeedbackSession, 'suggest' | 'save' | 'getSnapshot'>;
  /** The balance profiles of the stored references with these ids (those that still exist). */
  referenceProfiles(ids: readonly string[]): BalanceProfile[];
  newId(): string;
  /** Wall-clock ms (record times). */
  now(): number;
  /** Monotonic ms (edit coalescing). */
  clock(): number;
  /** Whole-song loudness off the main thread; a store without it measures nothing. */
  loudness?: LoudnessPort<Audio>;
}

export interface LoudnessPort<Audio> {
  /** Measures the song (appliedDb null) or the song through the EQ at the applied curve `appliedDb`. */
  measure(audio: Audio, appliedDb: number[] | null, signal: AbortSignal): Promise<LoudnessSummary>;
  /** How long the curve stays put before the equalised song is measured again (ms): the curve has settled. */
  settleMs: number;
}

export interface ExportJob<Format> {
  /** The song it was started for (it may no longer be on screen). */
  songId: string;
  fileName: string;
  format: Format;
  /** 0 to 1. */
  progress: number;
}

export interface StudioSnapshot<Audio, Format> {
  /** The song on screen and its decoded audio. */
  song: SongSession | null;
  audio: Audio | null;
  /** A file being opened (the song on screen stays until it is ready). */
  opening: SongSession | null;
  /** How much of it is decoded, 0 to 1 (0 until the decoder can tell). */
  openingProgress: number;
  /** Why the last file could not be opened. */
  error: string | null;
  /** Something to know about the song on screen (it replaced one still loading, it is cut short…). */
  notice: string | null;
  exportJob: ExportJob<Format> | null;
  /** What the last export did, or why it failed or stopped. */
  exportMessage: string | null;
  /** What suggestions aim at: "Automatic" unless the user chose a style or references (kept across songs). */
  target: TargetChoice;
}

interface Live<Audio> {
  audio: Audio;
  scope: AbortController;
  analysis: AbortController | null;
}

export class SessionStore<Audio, Format> {
  private snap: StudioSnapshot<Audio, Format> = {
    song: null,
    audio: null,
    opening: null,
    openingProgress: 0,
    error: null,
    notice: null,
    exportJob: null,
    exportMessage: null,
    target: AUTOMATIC_TARGET,
  };
  private listeners = new Set<() => void>();
  private live: Live<Audio> | null = null;
  private openingScope: AbortController | null = null;
  private exporting: AbortController | null = null;
  /** A whole-song loudness measurement is under way (one at a time), or waits for the curve to settle. */
  private measuring = false;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  /** Songs whose measurement failed: not tried again (the meters say nothing rather than loop). */
  private loudnessFailed = new Set<string>();

  constructor(private readonly ports: StudioPorts<Audio, Format>) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): StudioSnapshot<Audio, Format> => this.snap;

  private set(patch: Partial<StudioSnapshot<Audio, Format>>): void {
    const before = this.snap.song;
    this.snap = { ...this.snap, ...patch };
    this.listeners.forEach((l) => l());
    if (this.snap.song !== before) this.scheduleLoudness();
  }

  /**
   * Starts the song's next whole-song loudness measurement (loudnessToMeasure): the original at once, the
   * equalised song once the curve has stayed put for `settleMs` (every edit restarts the wait). One runs at
   * a time; when it ends, the next one the song needs by then is scheduled.
   */
  private scheduleLoudness(): void {
    const port = this.ports.loudness;
    if (!port || this.measuring) return;
    if (this.settleTimer !== null) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    const song = this.snap.song;
    if (!song || this.loudnessFailed.has(song.id) || !loudnessToMeasure(song)) return;
    const start = () => {
      this.settleTimer = null;
      const now = this.snap.song;
      const live = this.live;
      const want = now && loudnessToMeasure(now);
      if (!now || !live || !want) return;
      const { appliedDb } = want;
      // At a flat curve the EQ passes the song unchanged: the original's measurement is the answer.
      if (appliedDb && appliedDb.every((g) => g === 0) && now.loudness.original) {
        this.dispatch(now.id, { type: 'loudness', appliedDb, summary: now.loudness.original });
        return;
      }
      this.measuring = true;
      const signal = live.scope.signal;
      port
        .measure(live.audio, appliedDb ? [...appliedDb] : null, signal)
        .then(
          (summary) => {
            if (!signal.aborted) this.dispatch(now.id, { type: 'loudness', appliedDb, summary });
          },
          (e: unknown) => {
            if (signal.aborted || isAbortError(e)) return;
            this.loudnessFailed.add(now.id);
            console.warn('loudness measurement failed', e);
          },
        )
        .finally(() => {
          this.measuring = false;
          this.scheduleLoudness();
        });
    };
    if (!song.loudness.original) start();
    else this.settleTimer = setTimeout(start, port.settleMs);
  }

  /** Applies an action to the song on screen, if it is still `id` (late results of an old song are dropped). */
  private dispatch(id: string, action: SessionAction): void {
    const song = this.snap.song;
    if (!song || song.id !== id) return;
    const next = reduceSession(song, action);
    if (next !== song) this.set({ song: next });
  }

  /** Opens a file: it replaces the song on screen once decoded; a file opened meanwhile wins. */
  async open(file: File): Promise<void> {
    const replacing = this.snap.opening;
    this.openingScope?.abort();
    const scope = new AbortController();
    this.openingScope = scope;
    const opening = openSession(this.ports.newId(), file.name);
    const replaced = replacing ? `“${file.name}” instead of “${replacing.fileName}”` : null;
    this.set({
      opening,
      openingProgress: 0,
      error: null,
      notice: replaced ? `Opening ${replaced}, which was still loading.` : null,
    });
    const progress = (fraction: number) => {
      if (this.openingScope === scope && !scope.signal.aborted) this.set({ openingProgress: fraction });
    };
    try {
      const { audio, facts } = await this.ports.decode(file, scope.signal, progress);
      if (scope.signal.aborted) return;
      this.live?.scope.abort();
      this.live = { audio, scope, analysis: null };
      const song = reduceSession(opening, { type: 'decoded', facts });
      const notice = facts.warning ?? (replaced ? `Opened ${replaced}, which was still loading.` : null);
      this.set({ song, audio, opening: null, notice });
      this.analyse();
    } catch (e) {
      if (scope.signal.aborted) return;
      const message = isAbortError(e) ? null : (e as Error).message;
      this.set({ opening: null, error: message, notice: null });
    } finally {
      if (this.openingScope === scope) this.openingScope = null;
    }
  }

  /** Stops opening the file being opened; the song on screen stays. */
  cancelOpen(): void {
    if (!this.openingScope) return;
    this.openingScope.abort();
    this.openingScope = null;
    this.set({ opening: null, notice: 'Opening cancelled.' });
  }

  dismissError(): void {
    this.set({ error: null });
  }

  /** A file could not even be fetched to be opened (the demo song offline before it was cached). */
  reportError(message: string): void {
    this.set({ error: message });
  }

  /** Analyses the song on screen (again, after a cancel or a failure). */
  analyse(): void {
    const song = this.snap.song;
    const live = this.live;
    if (!song || !live || !song.facts || song.facts.silent || song.phase === 'analysing') return;
    const id = song.id;
    const run = new AbortController();
    live.analysis = run;
    const signal = AbortSignal.any([live.scope.signal, run.signal]);
    this.dispatch(id, { type: 'analysing' });
    this.ports
      .analyse(live.audio, signal, (fraction) => {
        if (!signal.aborted) this.dispatch(id, { type: 'progress', fraction });
      })
      .then(
        (result) => {
          if (signal.aborted) return;
          const { suggestion, view } = this.aim(result, id);
          this.dispatch(id, { type: 'analysed', result, suggestion, targeted: view, at: this.ports.clock() });
        },
        (e: unknown) => {
          if (live.scope.signal.aborted) return;
          this.dispatch(
            id,
            isAbortError(e)
              ? { type: 'cancel' }
              : { type: 'failed', message: String((e as Error).message ?? e) },
          );
        },
      )
      .finally(() => {
        if (live.analysis === run) live.analysis = null;
      });
  }

  /** Cancels the running analysis; the song stays, flat or as edited, and can be analysed again. */
  cancelAnalysis(): void {
    this.live?.analysis?.abort();
  }

  private act(action: SessionAction): void {
    const song = this.snap.song;
    if (song) this.dispatch(song.id, action);
  }

  /** Moves one band to an applied (heard) value; `key` groups a drag into one undo step. */
  editBand(band: number, appliedDb: number, key: string | null = `band-${band}`): void {
    this.act({ type: 'editBand', band, appliedDb, key, at: this.ports.clock() });
  }

  /** Sets the whole curve (at 100 %): Flat, a preset. */
  setCurve(gainsDb: readonly number[]): void {
    this.act({ type: 'edit', gains: gainsDb, key: null, at: this.ports.clock() });
  }

  undo(): void {
    this.act({ type: 'undo', at: this.ports.clock() });
  }

  redo(): void {
    this.act({ type: 'redo', at: this.ports.clock() });
  }

  resetToSuggestion(): void {
    this.act({ type: 'resetToSuggestion', at: this.ports.clock() });
  }

  setAmount(amount: number): void {
    this.act({ type: 'amount', amount });
  }

  /**
   * The song's suggestion: the model's, personalised (when on and there are records) from what the device
   * holds now, then aimed at the chosen target.
   */
  private aim(result: AnalysisResult, songId: string): Targeted {
    const personal = this.ports.feedback.suggest(result, songId);
    const { target } = this.snap;
    const { balanceDb, typicalLowDb, typicalHighDb, confidence } = result;
    return aimSuggestion(
      personal,
      result.profile,
      target,
      this.ports.referenceProfiles(target.referenceIds),
      {
        balanceDb,
        typicalLowDb,
        typicalHighDb,
        confidence,
      },
    );
  }

  /**
   * Personalisation was switched or reset, or a stored reference changed: the suggestion for the same song,
   * recomputed. The curve follows it only where the user had not moved away from the suggestion.
   */
  refreshSuggestion(): void {
    const song = this.snap.song;
    if (!song?.result) return;
    const { suggestion, view } = this.aim(song.result, song.id);
    this.dispatch(song.id, { type: 'suggestionChanged', suggestion, targeted: view, at: this.ports.clock() });
  }

  /** Aims suggestions at another target (this song's now, and every later song's). */
  setTarget(target: TargetChoice): void {
    this.set({ target: { base: target.base, referenceIds: [...new Set(target.referenceIds)] } });
    this.refreshSuggestion();
  }

  /** Rates the song's suggestion and keeps the curve as it is now in the song's record. */
  rate(rating: 'up' | 'down'): void {
    const song = this.snap.song;
    if (!song) return;
    this.dispatch(song.id, { type: 'rate', rating });
    const record = keptRecord(this.snap.song!, rating, this.ports.now());
    if (record) void this.ports.feedback.save(record);
  }

  /**
   * Exports the song on screen at its applied curve. One export at a time; it goes on when another file is
   * opened, and what it keeps goes to its own song's record.
   */
  async export(format: Format): Promise<void> {
    const song = this.snap.song;
    const audio = this.snap.audio;
    if (!song || !audio || this.exporting) return;
    const job = new AbortController();
    this.exporting = job;
    this.set({
      exportJob: { songId: song.id, fileName: song.fileName, format, progress: 0 },
      exportMessage: null,
    });
    const progress = (p: number) => {
      const current = this.snap.exportJob;
      if (this.exporting === job && current) this.set({ exportJob: { ...current, progress: p } });
    };
    try {
      const out = await this.ports.render(audio, song.fileName, [...appliedCurve(song)], format, {
        signal: job.signal,
        onProgress: progress,
      });
      this.ports.save(out.blob, out.fileName);
      const elsewhere = this.snap.song?.id !== song.id;
      this.keepExported(song);
      this.set({
        exportMessage: [
          `Exported “${out.fileName}”${elsewhere ? ` (from “${song.fileName}”, opened before)` : ''}.`,
          ...out.notes,
        ].join(' '),
      });
    } catch (e) {
      this.set({
        exportMessage: isAbortError(e) ? 'Export cancelled.' : `Export failed: ${(e as Error).message}`,
      });
    } finally {
      if (this.exporting === job) this.exporting = null;
      this.set({ exportJob: null });
    }
  }

  cancelExport(): void {
    this.exporting?.abort();
  }

  /**
   * The exported song's record: the curve exported, and the rating its record holds now (a rating made
   * while the export ran counts; an export never changes a rating).
   */
  private keepExported(atStart: SongSession): void {
    const onScreen = this.snap.song?.id === atStart.id ? this.snap.song : null;
    const stored = this.ports.feedback.getSnapshot().records.find((r) => r.id === atStart.id);
    const rating: Rating = onScreen?.rating ?? stored?.rating ?? atStart.rating;
    const record = keptRecord(atStart, rating, this.ports.now());
    if (!record) return;
    void this.ports.feedback.save(record);
    this.dispatch(atStart.id, { type: 'exported' });
  }

  /** Stops everything (the page is going away). */
  dispose(): void {
    this.openingScope?.abort();
    this.live?.scope.abort();
    this.exporting?.abort();
    if (this.settleTimer !== null) clearTimeout(this.settleTimer);
    this.listeners.clear();
  }
}
