/**
 * The session's feedback: every record and setting, saved to the device when it can be and kept in memory
 * when it cannot (no IndexedDB, storage full, another tab blocking), so nothing the user did this session is
 * lost; unsaved records are retried and are part of every export. React reads it as an external store.
 */
import { toCommand, type CommandDb } from '../shared/dsp/eq-command.ts';
import { fitPersonalModel, personalise, type FeedbackSample } from '../shared/personalise/index.ts';
import { storageError, toStorageError, type StorageErrorKind } from '../storage/errors.ts';
import type { FeedbackStore } from '../storage/feedback-db.ts';
import {
  parseFeedbackFile,
  serialiseFeedback,
  toFeedbackFile,
  type FeedbackFile,
  type UserDataExtras,
} from '../storage/feedback-file.ts';
import { DEFAULT_SETTINGS, type FeedbackRecord, type Settings } from '../storage/schema.ts';

/** What importing a feedback file did, record by record. */
export interface ImportOutcome {
  /** New on this device. */
  added: number;
  /** Here already in another version (a changed rating or curve): the file's version replaced it. */
  updated: number;
  /** Here already, exactly as in the file. */
  unchanged: number;
}

/** Same record, field by field (key order does not matter: a record read from a file is rebuilt). */
function sameRecord(a: FeedbackRecord, b: FeedbackRecord): boolean {
  const canon = (r: FeedbackRecord) =>
    JSON.stringify(
      Object.keys(r)
        .sort()
        .map((k) => [k, r[k as keyof FeedbackRecord]]),
    );
  return canon(a) === canon(b);
}

/** A sentence for the user about an import: "Added 2 ratings; 1 was already here." */
export function importOutcomeText(o: ImportOutcome, fileName: string): string {
  const n = (k: number) => `${k} rating${k === 1 ? '' : 's'}`;
  const total = o.added + o.updated + o.unchanged;
  if (total === 0) return `“${fileName}” holds no ratings: nothing was imported.`;
  if (o.added === 0 && o.updated === 0)
    return `Nothing new in “${fileName}”: ${total === 1 ? 'its rating is' : `all ${total} of its ratings are`} already here.`;
  const parts: string[] = [];
  if (o.added) parts.push(`added ${n(o.added)}`);
  if (o.updated) parts.push(`updated ${n(o.updated)}`);
  const done = parts.join(' and ');
  const here = o.unchanged ? `; ${o.unchanged} ${o.unchanged === 1 ? 'was' : 'were'} already here` : '';
  return `From “${fileName}”: ${done[0]!.toUpperCase()}${done.slice(1)}${here}.`;
}

export type StoreLike = Pick<
  FeedbackStore,
  'list' | 'put' | 'delete' | 'clear' | 'getSettings' | 'setSettings'
>;

export interface FeedbackSnapshot {
  loaded: boolean;
  /** Saved and unsaved records, oldest first. */
  records: readonly FeedbackRecord[];
  /** Ids of records kept only in memory so far. */
  unsaved: readonly string[];
  settings: Settings;
  /** Why feedback is not being saved, for the user; null when all is well. */
  problem: { kind: StorageErrorKind; message: string } | null;
}

/** What the model said about one song (the part of an analysis result feedback needs). */
export interface ModelSuggestion {
  gainsDb: readonly number[];
  embedding: readonly number[];
  modelId: string;
}

export interface Suggestion {
  /** The model's suggestion as a command. */
  rawDb: CommandDb;
  /** What the app proposes: personalised when personalisation is on and has data, else rawDb. */
  shownDb: CommandDb;
  personalised: boolean;
  /** Records that shaped it: all of them, and how many of those were rated (the rest were exported unrated). */
  count: number;
  rated: number;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** What taught a suggestion, in words: "3 ratings", "2 exported curves", "3 ratings and 1 exported curve". */
export function learnedFromText({ count, rated }: Pick<Suggestion, 'count' | 'rated'>): string {
  const parts: string[] = [];
  if (rated > 0) parts.push(plural(rated, 'rating'));
  if (count > rated) parts.push(plural(count - rated, 'exported curve'));
  return parts.join(' and ');
}

/**
 * Tells the app's other open tabs that the saved feedback changed, and hears when they change it (a
 * BroadcastChannel in the app), so a rating made in one tab counts in the others without a reload.
 */
export interface ChangeChannel {
  postMessage(message: 'changed'): void;
  addEventListener(type: 'message', listener: () => void): void;
}

const byTime = (a: FeedbackRecord, b: FeedbackRecord) => a.time - b.time;

export class FeedbackSession {
  private snap: FeedbackSnapshot = {
    loaded: false,
    records: [],
    unsaved: [],
    settings: { ...DEFAULT_SETTINGS },
    problem: null,
  };
  private store: StoreLike | null = null;
  private listeners = new Set<() => void>();
  /** Resolves once the device's records are read (or found unavailable). */
  readonly loaded: Promise<void>;

  constructor(
    /** Opens the database; calls `onBlocked` if another tab holds an older version open. */
    private readonly openStore: (onBlocked: () => void) => Promise<StoreLike>,
    /** Asks the browser to keep the data (navigator.storage.persist); called once per device. */
    private readonly requestPersist: () => Promise<boolean> = async () => false,
    private readonly channel?: ChangeChannel,
  ) {
    this.loaded = this.load();
    channel?.addEventListener('message', () => void this.reread());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): FeedbackSnapshot => this.snap;

  private set(patch: Partial<FeedbackSnapshot>) {
    this.snap = { ...this.snap, ...patch };
    this.listeners.forEach((l) => l());
  }

  private blocked = () => this.fail(storageError('blocked'));

  private fail(e: unknown) {
    const err = toStorageError(e);
    this.set({ problem: { kind: err.kind, message: err.message } });
  }

  private async load(): Promise<void> {
    try {
      const store = await this.openStore(this.blocked);
      const [records, settings] = await Promise.all([store.list(), store.getSettings()]);
      this.store = store;
      // Anything rated while the database was opening (e.g. blocked by another tab) is kept and saved now.
      this.set({ loaded: true, records: this.withUnsaved(records), settings, problem: null });
      await this.flush();
    } catch (e) {
      this.set({ loaded: true });
      this.fail(e);
    }
  }

  /** The device's records, with this tab's unsaved versions in place of (or next to) them. */
  private withUnsaved(saved: readonly FeedbackRecord[]): FeedbackRecord[] {
    const unsaved = new Set(this.snap.unsaved);
    return [
      ...saved.filter((r) => !unsaved.has(r.id)),
      ...this.snap.records.filter((r) => unsaved.has(r.id)),
    ].sort(byTime);
  }

  /** Another tab changed the saved feedback: read it again (a record deleted there goes here too). */
  private async reread(): Promise<void> {
    if (!this.store) return;
    try {
      const [records, settings] = await Promise.all([this.store.list(), this.store.getSettings()]);
      this.set({ records: this.withUnsaved(records), settings });
    } catch (e) {
      this.fail(e);
    }
  }

  private announce() {
    this.channel?.postMessage('changed');
  }

  /** Adds or updates (same id) a record; kept in memory first, then saved. */
  async save(record: FeedbackRecord): Promise<void> {
    const records = [...this.snap.records.filter((r) => r.id !== record.id), record];
    this.set({ records, unsaved: [...new Set([...this.snap.unsaved, record.id])] });
    await this.flush();
    if (this.store && !this.snap.settings.persistAsked) {
      await this.updateSettings({ persistAsked: true });
      await this.requestPersist().catch(() => false);
    }
  }

  /** Tries again to save what is only in memory (reopening the database if it could not be opened). */
  async retry(): Promise<void> {
    if (!this.store) {
      try {
        this.store = await this.openStore(this.blocked);
      } catch (e) {
        this.fail(e);
        return;
      }
    }
    await this.flush();
    if (this.snap.unsaved.length === 0) await this.updateSettings({});
  }

  private async flush(): Promise<void> {
    if (!this.store) {
      if (!this.snap.problem) this.fail(storageError('unavailable'));
      return;
    }
    const ids = new Set(this.snap.unsaved);
    const pending = this.snap.records.filter((r) => ids.has(r.id));
    if (pending.length === 0) return;
    try {
      await this.store.put(...pending);
      const saved = new Set(pending.map((r) => r.id));
      // A record changed again while saving stays unsaved only if it is no longer the saved version.
      const now = this.snap.records;
      const still = this.snap.unsaved.filter(
        (id) => !saved.has(id) || now.find((r) => r.id === id) !== pending.find((r) => r.id === id),
      );
      this.set({ unsaved: still, problem: null });
      this.announce();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Deletes a record: gone from the list once it is gone from the device (kept, with a message, if not). */
  async remove(id: string): Promise<void> {
    if (this.store && !this.snap.unsaved.includes(id)) {
      try {
        await this.store.delete(id);
        this.announce();
      } catch (e) {
        this.fail(e);
        return;
      }
    }
    this.set({
      records: this.snap.records.filter((r) => r.id !== id),
      unsaved: this.snap.unsaved.filter((u) => u !== id),
    });
  }

  async removeAll(): Promise<void> {
    if (this.store) {
      try {
        await this.store.clear();
        this.announce();
      } catch (e) {
        this.fail(e);
        return;
      }
    }
    this.set({ records: [], unsaved: [] });
  }

  async setPersonalise(on: boolean): Promise<void> {
    await this.updateSettings({ personalise: on });
  }

  /** Forget what was learned: records so far stay in the history but no longer shape suggestions. */
  async resetPersonalisation(now = Date.now()): Promise<void> {
    await this.updateSettings({ resetAt: now });
  }

  private async updateSettings(patch: Partial<Settings>): Promise<void> {
    const settings = { ...this.snap.settings, ...patch };
    this.set({ settings });
    if (!this.store) return;
    try {
      await this.store.setSettings(settings);
      this.announce();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Every record (saved or not), the settings and the user's other data, as the JSON text of a data file. */
  exportText(now = new Date(), extras: UserDataExtras = {}): string {
    return serialiseFeedback(toFeedbackFile(this.snap.records, this.snap.settings, now, extras));
  }

  /**
   * Merges a feedback file by record id; throws FeedbackFileError on a bad file. Says what it did: records
   * that were new here, records that replaced a different version of themselves, and records already here
   * exactly as in the file (re-importing one's own export adds nothing, and says so).
   */
  async importText(text: string): Promise<ImportOutcome> {
    return this.importRecords(parseFeedbackFile(text));
  }

  /** The same for the records of a parsed data file. */
  async importRecords(file: FeedbackFile): Promise<ImportOutcome> {
    const here = new Map(this.snap.records.map((r) => [r.id, r]));
    const outcome: ImportOutcome = { added: 0, updated: 0, unchanged: 0 };
    const changed = file.records.filter((r) => {
      const mine = here.get(r.id);
      if (!mine) outcome.added++;
      else if (sameRecord(mine, r)) outcome.unchanged++;
      else outcome.updated++;
      return !mine || !sameRecord(mine, r);
    });
    if (changed.length === 0) return outcome;
    const ids = new Set(changed.map((r) => r.id));
    const records = [...this.snap.records.filter((r) => !ids.has(r.id)), ...changed].sort(byTime);
    this.set({ records, unsaved: [...new Set([...this.snap.unsaved, ...ids])] });
    await this.flush();
    return outcome;
  }

  /** Records that teach the suggestion now (after any reset), except `excludeId` (the song on screen). */
  learningRecords(excludeId?: string): FeedbackRecord[] {
    const since = this.snap.settings.resetAt ?? -Infinity;
    return this.snap.records.filter((r) => r.time >= since && r.id !== excludeId);
  }

  /** The suggestion for a song: the model's, moved toward this user's habits when personalisation is on. */
  suggest(result: ModelSuggestion, excludeId?: string): Suggestion {
    const rawDb = toCommand(result.gainsDb);
    const unchanged: Suggestion = { rawDb, shownDb: rawDb, personalised: false, count: 0, rated: 0 };
    if (!this.snap.settings.personalise) return unchanged;
    const samples: FeedbackSample[] = this.learningRecords(excludeId);
    const model = fitPersonalModel(samples, { modelId: result.modelId });
    if (model.count === 0) return unchanged;
    const shownDb = toCommand(personalise(model, result.gainsDb, result.embedding, result.modelId));
    return { rawDb, shownDb, personalised: true, count: model.count, rated: model.rated };
  }
}
