/**
 * The user's saved presets: named curves, kept on the device (src/storage/preset-store.ts) and in memory, so
 * a device that cannot store them (private browsing, storage full) still has them for the session, with a
 * message saying so. Plain TypeScript: the store comes in as a port; React reads it as an external store.
 */
import { toCommand } from '../shared/dsp/eq-command.ts';
import { toStorageError } from '../storage/errors.ts';
import type { PresetStore } from '../storage/preset-store.ts';
import { cleanPresetName, type PresetRecord } from '../storage/schema.ts';

export type PresetStoreLike = Pick<PresetStore, 'list' | 'put' | 'rename' | 'delete'>;

export interface PresetSnapshot {
  loaded: boolean;
  /** Oldest first. */
  presets: readonly PresetRecord[];
  /** Why presets are not being kept on the device; null when all is well. */
  problem: string | null;
}

const byTime = (a: PresetRecord, b: PresetRecord) => a.createdAt - b.createdAt;

export class PresetLibrary {
  private snap: PresetSnapshot = { loaded: false, presets: [], problem: null };
  private store: PresetStoreLike | null = null;
  private readonly listeners = new Set<() => void>();
  /** Resolves once the device's presets are read (or found unavailable). */
  readonly loaded: Promise<void>;

  constructor(
    openStore: () => Promise<PresetStoreLike>,
    private readonly newId: () => string,
    private readonly now: () => number = Date.now,
  ) {
    this.loaded = (async () => {
      try {
        const store = await openStore();
        const saved = await store.list();
        this.store = store;
        // Presets saved while the database was opening stay, and are written now.
        const pending = this.snap.presets;
        this.set({ loaded: true, presets: [...saved, ...pending].sort(byTime) });
        if (pending.length) await this.write(() => store.put(...pending));
      } catch (e) {
        this.set({ loaded: true });
        this.fail(e);
      }
    })();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PresetSnapshot => this.snap;

  private set(patch: Partial<PresetSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    this.listeners.forEach((l) => l());
  }

  private fail(e: unknown): void {
    const err = toStorageError(e);
    const why =
      err.kind === 'full'
        ? 'the device’s storage for this app is full'
        : 'this browser does not let the app store them';
    this.set({
      problem: `Presets cannot be kept on this device (${why}): they last for this session. Export them with your data to keep them.`,
    });
  }

  private async write(op: () => Promise<unknown>): Promise<void> {
    if (!this.store) return;
    try {
      await op();
      if (this.snap.problem) this.set({ problem: null });
    } catch (e) {
      this.fail(e);
    }
  }

  /** Saves a curve (ten band gains, dB) under a name; throws a RangeError for an empty name. */
  async save(name: string, gainsDb: readonly number[]): Promise<PresetRecord> {
    const clean = cleanPresetName(name);
    if (!clean) throw new RangeError('A preset needs a name.');
    const preset: PresetRecord = {
      id: this.newId(),
      name: clean,
      gainsDb: [...toCommand(gainsDb)],
      createdAt: Math.max(this.now(), (this.snap.presets.at(-1)?.createdAt ?? 0) + 1),
    };
    this.set({ presets: [...this.snap.presets, preset] });
    const store = this.store;
    await this.write(() => store!.put(preset));
    return preset;
  }

  /** Renames a preset; an empty name is refused (returns false). */
  async rename(id: string, name: string): Promise<boolean> {
    const clean = cleanPresetName(name);
    if (!clean || !this.snap.presets.some((p) => p.id === id)) return false;
    this.set({ presets: this.snap.presets.map((p) => (p.id === id ? { ...p, name: clean } : p)) });
    const store = this.store;
    await this.write(() => store!.rename(id, clean));
    return true;
  }

  async remove(id: string): Promise<void> {
    this.set({ presets: this.snap.presets.filter((p) => p.id !== id) });
    const store = this.store;
    await this.write(() => store!.delete(id));
  }

  /** Merges presets from a data export (by id: the same preset imported twice is kept once). */
  async importPresets(presets: readonly PresetRecord[]): Promise<number> {
    if (presets.length === 0) return 0;
    const ids = new Set(presets.map((p) => p.id));
    this.set({ presets: [...this.snap.presets.filter((p) => !ids.has(p.id)), ...presets].sort(byTime) });
    const store = this.store;
    await this.write(() => store!.put(...presets));
    return presets.length;
  }
}
