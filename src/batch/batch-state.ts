/**
 * A batch: many files, each with its status and suggestion, analysed one after another and exported together.
 * Plain data and a pure reducer (the product's rules about a batch, tested in Node); the store
 * (batch-store.ts) owns the files and does the asynchronous work. No audio is ever held here: a file is decoded
 * when it is analysed or exported and let go right after, so a batch's memory does not grow with its length.
 */
import type { Suggestion } from '../feedback/feedback-session.ts';
import { restrictToRate, toCommand, type CommandDb } from '../shared/dsp/eq-command.ts';

/**
 * waiting → analysing → suggested, or silent / failed (it would not open, the analysis failed) / cancelled
 * (the batch was stopped before or while this file was analysed; it can be queued again).
 */
export type ItemStatus = 'waiting' | 'analysing' | 'suggested' | 'silent' | 'failed' | 'cancelled';

/** Where a file is in the batch's export. */
export type ExportStatus = 'waiting' | 'exporting' | 'exported' | 'skipped' | 'failed';

/** What decoding learned about a file (enough to restrict a curve to its rate and to show it). */
export interface ItemFacts {
  sampleRate: number;
  durationS: number;
  channelCount: number;
}

export interface BatchItem {
  readonly id: string;
  readonly fileName: string;
  readonly status: ItemStatus;
  /** Fraction of this file's analysis done, 0 to 1. */
  readonly progress: number;
  readonly facts: ItemFacts | null;
  /** The file's own suggestion (personalised when that is on), restricted to its rate. */
  readonly suggestion: Suggestion | null;
  /** A curve the user made for this file (on screen, at its amount): used instead of the suggestion. */
  readonly editedDb: CommandDb | null;
  /** Why it failed, or something to know about it. */
  readonly message: string | null;
  readonly exportStatus: ExportStatus | null;
  /** What the export did to this file (its level lowered…) or why it was skipped. */
  readonly exportNote: string | null;
}

/** Each file's own curve, or one curve for every file (the curve on screen, a preset). */
export type CurveChoice =
  { readonly kind: 'own' } | { readonly kind: 'one'; readonly label: string; readonly curveDb: CommandDb };

export interface BatchTask {
  readonly kind: 'analyse' | 'export';
  /** The file being worked on. */
  readonly currentId: string | null;
  /** Files this task has finished, and how many it has in all. */
  readonly done: number;
  readonly total: number;
  /** Fraction of the current file done. */
  readonly fraction: number;
}

export interface BatchState {
  readonly items: readonly BatchItem[];
  readonly choice: CurveChoice;
  readonly task: BatchTask | null;
  /** The file of the batch that is on screen (previous and next move from it). */
  readonly currentId: string | null;
  /** What the last task did, or why it stopped. */
  readonly message: string | null;
}

export type BatchAction =
  | { type: 'add'; items: { id: string; fileName: string }[] }
  | { type: 'remove'; id: string }
  | { type: 'clear' }
  | { type: 'requeue' }
  | { type: 'choose'; choice: CurveChoice }
  | { type: 'edited'; id: string; appliedDb: readonly number[] | null }
  | { type: 'current'; id: string | null }
  | { type: 'analysing'; id: string; total: number; done: number }
  | { type: 'progress'; id: string; fraction: number }
  | { type: 'decoded'; id: string; facts: ItemFacts; silent: boolean; warning: string | null }
  | { type: 'analysed'; id: string; suggestion: Suggestion }
  | { type: 'failed'; id: string; message: string }
  | { type: 'analysisDone' }
  | { type: 'analysisCancelled' }
  | { type: 'exportStarted'; ids: readonly string[] }
  | { type: 'exporting'; id: string; done: number }
  | { type: 'exportProgress'; id: string; fraction: number }
  | { type: 'exported'; id: string; note: string | null }
  | { type: 'exportSkipped'; id: string; note: string }
  | { type: 'exportFailed'; id: string; note: string }
  | { type: 'exportDone'; message: string };

export const emptyBatch = (): BatchState => ({
  items: [],
  choice: { kind: 'own' },
  task: null,
  currentId: null,
  message: null,
});

const newItem = (id: string, fileName: string): BatchItem => ({
  id,
  fileName,
  status: 'waiting',
  progress: 0,
  facts: null,
  suggestion: null,
  editedDb: null,
  message: null,
  exportStatus: null,
  exportNote: null,
});

function patchItem(s: BatchState, id: string, patch: Partial<BatchItem>): BatchState {
  const i = s.items.findIndex((it) => it.id === id);
  if (i < 0) return s;
  const items = [...s.items];
  items[i] = { ...items[i]!, ...patch };
  return { ...s, items };
}

const restricted = (s: Suggestion, rate: number): Suggestion => ({
  ...s,
  rawDb: restrictToRate(s.rawDb, rate),
  shownDb: restrictToRate(s.shownDb, rate),
});

export function reduceBatch(s: BatchState, a: BatchAction): BatchState {
  switch (a.type) {
    case 'add': {
      const known = new Set(s.items.map((i) => i.id));
      const fresh = a.items.filter((i) => !known.has(i.id)).map((i) => newItem(i.id, i.fileName));
      if (fresh.length === 0) return s;
      const task = s.task?.kind === 'analyse' ? { ...s.task, total: s.task.total + fresh.length } : s.task;
      return { ...s, items: [...s.items, ...fresh], task };
    }
    case 'remove': {
      // The file being worked on stays until its task lets it go (the store cancels it first).
      if (s.task?.currentId === a.id) return s;
      const items = s.items.filter((i) => i.id !== a.id);
      if (items.length === s.items.length) return s;
      return { ...s, items, currentId: s.currentId === a.id ? null : s.currentId };
    }
    case 'clear':
      return s.task ? s : emptyBatch();
    case 'requeue': {
      if (s.task?.kind === 'export') return s;
      const items = s.items.map((i) =>
        i.status === 'cancelled' ? { ...i, status: 'waiting' as const, progress: 0, message: null } : i,
      );
      return { ...s, items };
    }
    case 'choose':
      return s.task?.kind === 'export' ? s : { ...s, choice: a.choice };
    case 'edited':
      return patchItem(s, a.id, { editedDb: a.appliedDb ? toCommand(a.appliedDb) : null });
    case 'current':
      return a.id === null || s.items.some((i) => i.id === a.id) ? { ...s, currentId: a.id } : s;
    case 'analysing':
      return patchItem(
        {
          ...s,
          task: { kind: 'analyse', currentId: a.id, done: a.done, total: a.total, fraction: 0 },
          message: null,
        },
        a.id,
        { status: 'analysing', progress: 0, message: null },
      );
    case 'progress': {
      if (s.task?.currentId !== a.id) return s;
      return patchItem({ ...s, task: { ...s.task, fraction: a.fraction } }, a.id, { progress: a.fraction });
    }
    case 'decoded':
      return patchItem(s, a.id, {
        facts: a.facts,
        message: a.warning,
        ...(a.silent ? { status: 'silent' as const, progress: 1 } : {}),
      });
    case 'analysed': {
      const item = s.items.find((i) => i.id === a.id);
      if (!item?.facts || item.status !== 'analysing') return s;
      return patchItem(s, a.id, {
        status: 'suggested',
        progress: 1,
        suggestion: restricted(a.suggestion, item.facts.sampleRate),
      });
    }
    case 'failed':
      return patchItem(s, a.id, { status: 'failed', progress: 0, message: a.message });
    case 'analysisDone':
      return s.task?.kind === 'analyse' ? { ...s, task: null } : s;
    case 'analysisCancelled': {
      if (s.task?.kind !== 'analyse') return s;
      const items = s.items.map((i) =>
        i.status === 'waiting' || i.status === 'analysing'
          ? { ...i, status: 'cancelled' as const, progress: 0 }
          : i,
      );
      return { ...s, items, task: null, message: 'Batch analysis cancelled.' };
    }
    case 'exportStarted': {
      const ids = new Set(a.ids);
      const items = s.items.map((i) =>
        ids.has(i.id)
          ? { ...i, exportStatus: 'waiting' as const, exportNote: null }
          : { ...i, exportStatus: null, exportNote: null },
      );
      return {
        ...s,
        items,
        task: { kind: 'export', currentId: null, done: 0, total: a.ids.length, fraction: 0 },
        message: null,
      };
    }
    case 'exporting':
      if (s.task?.kind !== 'export') return s;
      return patchItem({ ...s, task: { ...s.task, currentId: a.id, done: a.done, fraction: 0 } }, a.id, {
        exportStatus: 'exporting',
      });
    case 'exportProgress':
      if (s.task?.kind !== 'export' || s.task.currentId !== a.id) return s;
      return { ...s, task: { ...s.task, fraction: a.fraction } };
    case 'exported':
      return patchItem(s, a.id, { exportStatus: 'exported', exportNote: a.note });
    case 'exportSkipped':
      return patchItem(s, a.id, { exportStatus: 'skipped', exportNote: a.note });
    case 'exportFailed':
      return patchItem(s, a.id, { exportStatus: 'failed', exportNote: a.note });
    case 'exportDone': {
      // Files the export never reached (it was cancelled or failed) go back to having no export status.
      const items = s.items.map((i) =>
        i.exportStatus === 'waiting' || i.exportStatus === 'exporting'
          ? { ...i, exportStatus: null, exportNote: null }
          : i,
      );
      return { ...s, items, task: null, message: a.message };
    }
  }
}

/** The next file to analyse, if any. */
export const nextToAnalyse = (s: BatchState): BatchItem | undefined =>
  s.items.find((i) => i.status === 'waiting');

/**
 * The curve a file is exported with, before its rate is known (commands at amount 100 %): the one curve when
 * the user chose one for all, else the curve they made for this file, else its suggestion. Null, with the
 * reason, for a file that is skipped: it would not open or is silent (there is nothing to equalise), or it
 * has no curve of its own yet.
 */
export function plannedCurve(s: BatchState, item: BatchItem): { curveDb: CommandDb } | { skip: string } {
  if (item.status === 'failed' && item.facts === null) return { skip: item.message ?? 'it would not open' };
  if (item.status === 'silent') return { skip: 'silent: there is nothing to equalise' };
  if (s.choice.kind === 'one') return { curveDb: s.choice.curveDb };
  const own = item.editedDb ?? item.suggestion?.shownDb ?? null;
  if (own) return { curveDb: own };
  return { skip: item.status === 'failed' ? 'no suggestion (the analysis failed)' : 'not analysed yet' };
}

/** The curve for the file's own sample rate: bands it cannot carry stay at 0 dB, as in a single export. */
export const curveAtRate = (curveDb: CommandDb, sampleRate: number): CommandDb =>
  restrictToRate(curveDb, sampleRate);

/** The running task's overall fraction, 0 to 1 (null when nothing runs). */
export function overallProgress(s: BatchState): number | null {
  const t = s.task;
  if (!t) return null;
  return t.total === 0 ? 1 : Math.min(1, (t.done + t.fraction) / t.total);
}

/** The files before and after the one on screen, for previous/next. */
export function neighbours(s: BatchState): { previous: BatchItem | null; next: BatchItem | null } {
  const i = s.items.findIndex((it) => it.id === s.currentId);
  if (i < 0) return { previous: null, next: null };
  return { previous: s.items[i - 1] ?? null, next: s.items[i + 1] ?? null };
}

/** Zip entry names are unique: "Song (Sonic EQ).wav", then "Song (Sonic EQ) 2.wav"… */
export function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} ${n}${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
