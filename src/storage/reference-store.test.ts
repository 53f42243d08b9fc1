import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ReferenceRecordError } from '../shared/targets/reference-record.ts';
import { StorageError } from './errors.ts';
import { FeedbackStore, openFeedbackDb } from './feedback-db.ts';
import { ReferenceStore } from './reference-store.ts';
import { DB_VERSION, SETTINGS_KEY } from './schema.ts';
import { record, referenceRecord } from './test-records.ts';

let dbCount = 0;
const freshName = () => `reference-test-${++dbCount}`;

describe('reference profile storage', () => {
  it('stores, lists (oldest first), renames, deletes and clears references', async () => {
    const store = await ReferenceStore.open({ name: freshName() });
    expect(await store.list()).toEqual([]);
    await store.put(referenceRecord(2), referenceRecord(1));
    await store.put(referenceRecord(3));
    expect((await store.list()).map((r) => r.id)).toEqual(['ref-1', 'ref-2', 'ref-3']);
    expect(await store.get('ref-2')).toEqual(referenceRecord(2));

    const renamed = await store.rename('ref-2', '  My   favourite\tmaster ');
    expect(renamed?.name).toBe('My favourite master');
    expect(await store.get('ref-2')).toEqual({ ...referenceRecord(2), name: 'My favourite master' });
    expect(await store.rename('gone', 'x')).toBeUndefined();
    await expect(store.rename('ref-1', '   ')).rejects.toBeInstanceOf(ReferenceRecordError);
    expect((await store.get('ref-1'))?.name).toBe('Reference 1');

    await store.delete('ref-1');
    expect((await store.list()).map((r) => r.id)).toEqual(['ref-2', 'ref-3']);
    await store.clear();
    expect(await store.list()).toEqual([]);
    store.close();
  });

  it('lives in the same database as the feedback, which it leaves alone', async () => {
    const name = freshName();
    const feedback = await FeedbackStore.open({ name });
    await feedback.put(record(1));
    const refs = await ReferenceStore.open({ name });
    await refs.put(referenceRecord(1));
    await refs.clear();
    expect(await feedback.list()).toEqual([record(1)]);
    feedback.close();
    refs.close();
  });

  it.each(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1))(
    'upgrades a version %i database: its feedback and settings stay, references can be kept',
    async (version) => {
      const name = freshName();
      const old = await openFeedbackDb({ name, version });
      // What an app of that version could hold: a record (v1 had no curveDb/shownDb) and, from v3, settings.
      const saved = record(4);
      await old.put('feedback', saved);
      if (version >= 3)
        await old.put('settings', { personalise: false, resetAt: 5, persistAsked: true }, SETTINGS_KEY);
      old.close();

      const refs = await ReferenceStore.open({ name });
      expect(await refs.list()).toEqual([]);
      await refs.put(referenceRecord(1));
      expect(await refs.list()).toEqual([referenceRecord(1)]);
      refs.close();
      const feedback = await FeedbackStore.open({ name });
      const [upgraded] = await feedback.list();
      expect(upgraded).toMatchObject({ id: saved.id, suggestedDb: saved.suggestedDb, keptDb: saved.keptDb });
      if (version >= 3) expect((await feedback.getSettings()).resetAt).toBe(5);
      feedback.close();
    },
  );

  it('reports a closed database as a storage problem', async () => {
    const store = await ReferenceStore.open({ name: freshName() });
    store.close();
    const e = await store.put(referenceRecord(1)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StorageError);
  });
});
