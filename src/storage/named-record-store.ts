/**
 * A store of the user's named records in the app's database (schema and upgrades: feedback-db.ts): presets
 * and references alike are listed oldest first, saved several at once (all or none), renamed, deleted and
 * cleared the same way, so that is written once here. Failures become StorageErrors the UI can explain.
 */
import type { IDBPDatabase, StoreValue } from 'idb';
import { storageOp } from './errors.ts';
import { settle } from './feedback-db.ts';
import type { FeedbackDbSchema } from './schema.ts';

/** The stores that hold named records (each has a `by-created` index). */
export type NamedStoreName = 'presets' | 'references';

export class NamedRecordStore<S extends NamedStoreName> {
  protected constructor(
    private readonly db: IDBPDatabase<FeedbackDbSchema>,
    private readonly store: S,
    /** The name as it will be stored; '' refuses the rename. May throw a reason meant for the user. */
    private readonly cleanName: (name: string) => string,
  ) {}

  /** Every record, oldest first. */
  async list(): Promise<StoreValue<FeedbackDbSchema, S>[]> {
    return this.run(() => this.db.getAllFromIndex(this.store, 'by-created'));
  }

  async get(id: string): Promise<StoreValue<FeedbackDbSchema, S> | undefined> {
    return this.run(() => this.db.get(this.store, id));
  }

  /** Adds or replaces (same id) records in one transaction: all are saved, or none. */
  async put(...records: StoreValue<FeedbackDbSchema, S>[]): Promise<void> {
    await this.run(async () => {
      const tx = this.db.transaction(this.store, 'readwrite');
      await settle(tx, Promise.all([...records.map((r) => tx.store.put(r)), tx.done]));
    });
  }

  /** Gives a record a new name (spaces tidied); resolves with it as stored, or undefined if it is gone. */
  async rename(id: string, name: string): Promise<StoreValue<FeedbackDbSchema, S> | undefined> {
    const clean = this.cleanName(name);
    if (!clean) return undefined;
    return this.run(async () => {
      const tx = this.db.transaction(this.store, 'readwrite');
      const record = await tx.store.get(id);
      if (!record) {
        await tx.done;
        return undefined;
      }
      const renamed = { ...record, name: clean };
      await settle(tx, Promise.all([tx.store.put(renamed), tx.done]));
      return renamed;
    });
  }

  /** Resolves once the deletion is committed. */
  async delete(id: string): Promise<void> {
    await this.run(async () => {
      const tx = this.db.transaction(this.store, 'readwrite');
      await settle(tx, Promise.all([tx.store.delete(id), tx.done]));
    });
  }

  async clear(): Promise<void> {
    await this.run(async () => {
      const tx = this.db.transaction(this.store, 'readwrite');
      await settle(tx, Promise.all([tx.store.clear(), tx.done]));
    });
  }

  close(): void {
    this.db.close();
  }

  private run<T>(op: () => Promise<T>): Promise<T> {
    return storageOp(op);
  }
}
