/**
 * The one module that owns the feedback database (IndexedDB through idb). Each schema version has one
 * upgrade step; opening runs the steps from the device's version to the one asked for, in the same
 * versionchange transaction, so a failed step leaves the old database untouched.
 */
import { toCommand } from '../shared/dsp/eq-command.ts';
import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { storageError, storageOp, toStorageError } from './errors.ts';
import {
  DB_NAME,
  DB_VERSION,
  DEFAULT_SETTINGS,
  SETTINGS_KEY,
  type FeedbackDbSchema,
  type FeedbackRecord,
  type FeedbackRecordV1,
  type Settings,
} from './schema.ts';

type Db = IDBPDatabase<FeedbackDbSchema>;
type UpgradeTx = IDBPTransaction<FeedbackDbSchema, StoreNames<FeedbackDbSchema>[], 'versionchange'>;

/** v1 → v2: the curve at amount 100 % is recovered from the kept curve; v1 never personalised. */
export function upgradeRecordV1(r: FeedbackRecordV1): FeedbackRecord {
  const curveDb = r.amount > 0 ? [...toCommand(r.keptDb.map((g) => g / r.amount))] : [...r.suggestedDb];
  return { ...r, shownDb: [...r.suggestedDb], curveDb };
}

/** Creates a store of records keyed by `id` and indexed by creation time, unless the database has it. */
function ensureStore(db: Db, name: 'presets' | 'references'): void {
  if (db.objectStoreNames.contains(name)) return;
  db.createObjectStore(name, { keyPath: 'id' }).createIndex('by-created', 'createdAt');
}

/** Upgrade step for each version: index v upgrades a database at version v − 1 to v. */
const STEPS: Record<number, (db: Db, tx: UpgradeTx) => Promise<void>> = {
  1: async (db) => {
    db.createObjectStore('feedback', { keyPath: 'id' });
  },
  2: async (_db, tx) => {
    const store = tx.objectStore('feedback');
    store.createIndex('by-time', 'time');
    let cursor = await store.openCursor();
    while (cursor) {
      await cursor.update(upgradeRecordV1(cursor.value as unknown as FeedbackRecordV1));
      cursor = await cursor.continue();
    }
  },
  3: async (db, tx) => {
    db.createObjectStore('settings');
    tx.objectStore('feedback').createIndex('by-model', 'modelId');
  },
  4: async (db) => {
    ensureStore(db, 'presets');
  },
  5: async (db) => {
    // A v4 database holds presets or references, depending on the version of the app that made it.
    ensureStore(db, 'presets');
    ensureStore(db, 'references');
  },
};

export interface OpenOptions {
  name?: string;
  /** Schema version to open (tests open earlier versions to check upgrades); the latest by default. */
  version?: number;
  /** Another tab holds an older version open: the open waits until it closes. */
  onBlocked?: () => void;
}

/** Opens (creating or upgrading) the database. Rejects with a StorageError when IndexedDB is unusable. */
export async function openFeedbackDb(opts: OpenOptions = {}): Promise<Db> {
  const version = opts.version ?? DB_VERSION;
  if (!Number.isInteger(version) || version < 1 || version > DB_VERSION) {
    throw new RangeError(`schema version ${version} does not exist`);
  }
  // Private modes and locked-down browsers may have no IndexedDB at all (read through globalThis so this
  // module also type-checks in the Node realm of its tests).
  if (!(globalThis as { indexedDB?: unknown }).indexedDB) throw storageError('unavailable');
  try {
    const db = await openDB<FeedbackDbSchema>(opts.name ?? DB_NAME, version, {
      upgrade(db, oldVersion, _newVersion, tx) {
        void (async () => {
          for (let v = oldVersion + 1; v <= version; v++) await STEPS[v]!(db, tx);
        })().catch(() => {
          // A failed step aborts the upgrade: the database stays at its old version, data intact.
          try {
            tx.abort();
          } catch {
            // already finished
          }
        });
      },
      blocked: () => opts.onBlocked?.(),
      // A newer version of the app opened in another tab: let it upgrade.
      blocking: () => db.close(),
    });
    return db;
  } catch (e) {
    throw toStorageError(e);
  }
}

/**
 * Waits for a write; on failure throws the transaction's own error when it has one. A full disk aborts the
 * transaction with QuotaExceededError while its requests fail with a mere AbortError, which would hide why.
 */
export async function settle(tx: object, done: Promise<unknown>): Promise<void> {
  try {
    await done;
  } catch (e) {
    throw (tx as { error?: unknown }).error ?? e;
  }
}

/** Feedback records and settings, with failures turned into StorageErrors the UI can explain. */
export class FeedbackStore {
  private constructor(private readonly db: Db) {}

  static async open(opts: OpenOptions = {}): Promise<FeedbackStore> {
    return new FeedbackStore(await openFeedbackDb(opts));
  }

  /** All records, oldest first. */
  async list(): Promise<FeedbackRecord[]> {
    return this.run(() => this.db.getAllFromIndex('feedback', 'by-time'));
  }

  /** Adds or replaces (same id) records in one transaction: all are saved, or none. */
  async put(...records: FeedbackRecord[]): Promise<void> {
    await this.run(async () => {
      const tx = this.db.transaction('feedback', 'readwrite');
      await settle(tx, Promise.all([...records.map((r) => tx.store.put(r)), tx.done]));
    });
  }

  /** Resolves once the deletion is committed (a page closed right after cannot bring the record back). */
  async delete(id: string): Promise<void> {
    await this.run(async () => {
      const tx = this.db.transaction('feedback', 'readwrite');
      await settle(tx, Promise.all([tx.store.delete(id), tx.done]));
    });
  }

  async clear(): Promise<void> {
    await this.run(async () => {
      const tx = this.db.transaction('feedback', 'readwrite');
      await settle(tx, Promise.all([tx.store.clear(), tx.done]));
    });
  }

  async getSettings(): Promise<Settings> {
    const s = await this.run(() => this.db.get('settings', SETTINGS_KEY));
    return { ...DEFAULT_SETTINGS, ...s };
  }

  async setSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.run(async () => {
      const tx = this.db.transaction('settings', 'readwrite');
      const next = { ...DEFAULT_SETTINGS, ...(await tx.store.get(SETTINGS_KEY)), ...patch };
      await settle(tx, Promise.all([tx.store.put(next, SETTINGS_KEY), tx.done]));
      return next;
    });
  }

  close(): void {
    this.db.close();
  }

  private run<T>(op: () => Promise<T>): Promise<T> {
    return storageOp(op);
  }
}
