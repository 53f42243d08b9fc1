import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { FeedbackStore, openFeedbackDb, upgradeRecordV1 } from './feedback-db.ts';
import { StorageError, toStorageError } from './errors.ts';
import { DB_VERSION, DEFAULT_SETTINGS, type FeedbackRecord, type FeedbackRecordV1 } from './schema.ts';
import { curve, record } from './test-records.ts';

let dbCount = 0;
const freshName = () => `feedback-test-${++dbCount}`;

function v1Record(i: number): FeedbackRecordV1 {
  return {
    id: `v1-${i}`,
    time: 1_700_000_000_000 + i * 1000,
    fileName: `Song ${i}.flac`,
    durationS: 180 + i,
    modelId: 'eq-model-2025',
    contractVersion: '1.0.0',
    suggestedDb: curve(i),
    keptDb: curve(i + 1).map((g) => g * 0.5),
    amount: i === 2 ? 0 : 0.5,
    rating: (['up', 'down', 'none'] as const)[i % 3]!,
    embedding: Array.from({ length: 32 }, (_, j) => (i * 32 + j) / 7),
  };
}

describe('feedback storage', () => {
  it('stores, lists (oldest first), replaces, deletes and clears records; settings have defaults', async () => {
    const store = await FeedbackStore.open({ name: freshName() });
    expect(await store.list()).toEqual([]);
    expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
    await store.put(record(2), record(1));
    await store.put(record(3));
    expect((await store.list()).map((r) => r.id)).toEqual(['r-1', 'r-2', 'r-3']);
    await store.put(record(1, { rating: 'down', time: 1_760_000_000_000 }));
    const listed = await store.list();
    expect(listed.map((r) => r.id)).toEqual(['r-2', 'r-3', 'r-1']);
    expect(listed[2]).toEqual(record(1, { rating: 'down', time: 1_760_000_000_000 }));
    await store.delete('r-2');
    expect((await store.list()).map((r) => r.id)).toEqual(['r-3', 'r-1']);
    expect(await store.setSettings({ personalise: false })).toEqual({
      ...DEFAULT_SETTINGS,
      personalise: false,
    });
    await store.setSettings({ resetAt: 123 });
    expect(await store.getSettings()).toEqual({ personalise: false, resetAt: 123, persistAsked: false });
    await store.clear();
    expect(await store.list()).toEqual([]);
    expect((await store.getSettings()).resetAt).toBe(123);
    store.close();
  });

  it('upgrades a version 1 database, keeping every record and deriving the new fields', async () => {
    const name = freshName();
    const v1 = await openFeedbackDb({ name, version: 1 });
    expect([...v1.objectStoreNames]).toEqual(['feedback']);
    const old = [0, 1, 2, 3].map(v1Record);
    for (const r of old) await v1.put('feedback', r as unknown as FeedbackRecord);
    v1.close();

    const store = await FeedbackStore.open({ name });
    const upgraded = await store.list();
    expect(upgraded).toHaveLength(4);
    upgraded.forEach((r, i) => {
      const o = old[i]!;
      expect(r).toMatchObject(o); // every v1 field kept as it was
      expect(r.shownDb).toEqual(o.suggestedDb); // v1 never personalised
      expect(r.curveDb).toEqual(o.amount > 0 ? curve(i + 1) : o.suggestedDb); // kept ÷ amount
    });
    expect(upgradeRecordV1(old[1]!).curveDb).toEqual(curve(2));
    expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
    await store.setSettings({ personalise: false });
    expect((await store.getSettings()).personalise).toBe(false);
    store.close();
  });

  it('upgrades a version 2 database, keeping every record unchanged and adding settings', async () => {
    const name = freshName();
    const v2 = await openFeedbackDb({ name, version: 2 });
    expect([...v2.objectStoreNames]).toEqual(['feedback']);
    expect([...v2.transaction('feedback').store.indexNames]).toEqual(['by-time']);
    const saved = [5, 6, 7].map((i) => record(i));
    for (const r of saved) await v2.put('feedback', r);
    v2.close();
    const db = await openFeedbackDb({ name });
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['feedback', 'presets', 'references', 'settings']);
    expect(await db.getAllFromIndex('feedback', 'by-model', 'eq-model-2026')).toEqual(saved);
    db.close();
    const store = await FeedbackStore.open({ name });
    expect(await store.list()).toEqual(saved);
    expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
    store.close();
  });

  it('from every earlier version, the upgraded database has the same structure as a new one', async () => {
    const structure = async (name: string) => {
      const db = await openFeedbackDb({ name });
      const shape = [...db.objectStoreNames].map((store) => {
        const os = db.transaction(store).objectStore(store);
        return {
          store,
          keyPath: os.keyPath,
          indexes: [...os.indexNames].map((i) => [i, os.index(i).keyPath]),
        };
      });
      db.close();
      return shape;
    };
    const fresh = await structure(freshName());
    for (let v = 1; v < DB_VERSION; v++) {
      const name = freshName();
      (await openFeedbackDb({ name, version: v })).close();
      expect(await structure(name), `from version ${v}`).toEqual(fresh);
    }
  });

  it('opening the latest version again changes nothing', async () => {
    const name = freshName();
    const a = await FeedbackStore.open({ name });
    await a.put(record(1));
    a.close();
    const b = await FeedbackStore.open({ name });
    expect(await b.list()).toEqual([record(1)]);
    b.close();
  });

  it('reports a tab holding an older version open, and proceeds once it closes', async () => {
    const name = freshName();
    const old = await openDB(name, 1, {
      upgrade: (db) => void db.createObjectStore('feedback', { keyPath: 'id' }),
    });
    let blocked = 0;
    const opening = FeedbackStore.open({ name, onBlocked: () => blocked++ });
    await new Promise((r) => setTimeout(r, 50));
    expect(blocked).toBe(1);
    old.close();
    const store = await opening;
    expect(await store.list()).toEqual([]);
    store.close();
  });

  it('an older app version in another tab gives way to a newer one', async () => {
    const name = freshName();
    const older = await FeedbackStore.open({ name, version: 2 });
    const newer = await FeedbackStore.open({ name });
    expect(await newer.list()).toEqual([]);
    newer.close();
    older.close();
  });

  it('says clearly when IndexedDB is missing, full or closed', async () => {
    const g = globalThis as { indexedDB?: unknown };
    const saved = g.indexedDB;
    g.indexedDB = undefined;
    try {
      const e = await FeedbackStore.open({ name: freshName() }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(StorageError);
      expect((e as StorageError).kind).toBe('unavailable');
      expect((e as StorageError).message).toMatch(/private browsing/);
    } finally {
      g.indexedDB = saved;
    }
    const full = toStorageError(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    expect(full.kind).toBe('full');
    expect(full.message).toMatch(/full/);
    const store = await FeedbackStore.open({ name: freshName() });
    store.close();
    const closed = await store.put(record(1)).catch((x: unknown) => x);
    expect(closed).toBeInstanceOf(StorageError);
    expect((closed as StorageError).kind).toBe('unavailable');
    await expect(openFeedbackDb({ name: freshName(), version: DB_VERSION + 1 })).rejects.toThrow(
      /does not exist/,
    );
  });
});
