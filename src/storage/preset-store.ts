/**
 * The user's saved presets (named curves) in the `presets` store of the app's database (schema and upgrades:
 * feedback-db.ts). Failures become StorageErrors the UI can explain.
 */
import type { IDBPDatabase } from 'idb';
import { toStorageError } from './errors.ts';
import { openFeedbackDb, settle, type OpenOptions } from './feedback-db.ts';
import { cleanPresetName, type FeedbackDbSchema, type PresetRecord } from './schema.ts';

export class PresetStore {
  private constructor(private readonly db: IDBPDatabase<FeedbackDbSchema>) {}

  static async open(opts: Omit<OpenOptions, 'version'> = {}): Promise<PresetStore> {
    return new PresetStore(await openFeedbackDb(opts));
  }

  /** Every preset, oldest first. */
  async list(): Promise<PresetRecord[]> {
    return this.run(() => this.db.getAllFromIndex('presets', 'by-created'));
  }

  /** Adds or replaces (same id) presets in one transaction: all are saved, or none. */
  async put(...presets: PresetRecord[]): Promise<void> {
    await this.run(async () => {
      const tx = this.db.transaction('presets', 'readwrite');
      await settle(tx, Promise.all([...presets.map((p) => tx.store.put(p)), tx.done]));
    });
  }

  /** Gives a preset a new name; resolves with it as stored, or undefined if it is gone (or the name is empty). */
  async rename(id: string, name: string): Promise<PresetRecord | undefined> {
    const clean = cleanPresetName(name);
    if (!clean) return undefined;
    return this.run(async () => {
      const tx = this.db.transaction('presets', 'readwrite');
      const p = await tx.store.get(id);
      if (!p) {
        await tx.done;
        return undefined;
      }
      const renamed = { ...p, name: clean };
      await settle(tx, Promise.all([tx.store.put(renamed), tx.done]));
      return renamed;
    });
  }

  /** Resolves once the deletion is committed. */
  async delete(id: string): Promise<void> {
    await this.run(async () => {
      const tx = this.db.transaction('presets', 'readwrite');
      await settle(tx, Promise.all([tx.store.delete(id), tx.done]));
    });
  }

  close(): void {
    this.db.close();
  }

  private async run<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      throw toStorageError(e);
    }
  }
}
