/**
 * Reference tracks kept between sessions: their balance profiles (never the audio) in the `references` store
 * of the app's database (schema and upgrades: feedback-db.ts). Failures become StorageErrors the UI can explain.
 */
import type { IDBPDatabase } from 'idb';
import type { ReferenceRecord } from '../shared/targets/reference-record.ts';
import { cleanReferenceName } from '../shared/targets/reference-record.ts';
import { toStorageError } from './errors.ts';
import type { OpenOptions } from './feedback-db.ts';
import { openFeedbackDb, settle } from './feedback-db.ts';
import type { FeedbackDbSchema } from './schema.ts';

export class ReferenceStore {
  private constructor(private readonly db: IDBPDatabase<FeedbackDbSchema>) {}

  static async open(opts: Omit<OpenOptions, 'version'> = {}): Promise<ReferenceStore> {
    return new ReferenceStore(await openFeedbackDb(opts));
  }

  /** Every stored reference, oldest first. */
  async list(): Promise<ReferenceRecord[]> {
    return this.run(() => this.db.getAllFromIndex('references', 'by-created'));
  }

  async get(id: string): Promise<ReferenceRecord | undefined> {
    return this.run(() => this.db.get('references', id));
  }

  /** Adds or replaces (same id) references in one transaction: all are saved, or none. */
  async put(...records: ReferenceRecord[]): Promise<void> {
    await this.run(async () => {
      const tx = this.db.transaction('references', 'readwrite');
      await settle(tx, Promise.all([...records.map((r) => tx.store.put(r)), tx.done]));
    });
  }

  /** Gives a reference a new name (spaces tidied); resolves with the record as stored, or undefined if it is gone. */
  async rename(id: string, name: string): Promise<ReferenceRecord | undefined> {
    const clean = cleanReferenceName(name);
    return this.run(async () => {
      const tx = this.db.transaction('references', 'readwrite');
      const r = await tx.store.get(id);
      if (!r) {
        await tx.done;
        return undefined;
      }
      const renamed = { ...r, name: clean };
      await settle(tx, Promise.all([tx.store.put(renamed), tx.done]));
      return renamed;
    });
  }

  /** Resolves once the deletion is committed. */
  async delete(id: string): Promise<void> {
    await this.run(async () => {
      const tx = this.db.transaction('references', 'readwrite');
      await settle(tx, Promise.all([tx.store.delete(id), tx.done]));
    });
  }

  async clear(): Promise<void> {
    await this.run(async () => {
      const tx = this.db.transaction('references', 'readwrite');
      await settle(tx, Promise.all([tx.store.clear(), tx.done]));
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
