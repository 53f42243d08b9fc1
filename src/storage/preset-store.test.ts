import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { StorageError } from './errors.ts';
import { FeedbackStore, openFeedbackDb } from './feedback-db.ts';
import { PresetStore } from './preset-store.ts';
import { DB_VERSION, SETTINGS_KEY, cleanPresetName } from './schema.ts';
import { presetRecord, record } from './test-records.ts';

let dbCount = 0;
const freshName = () => `preset-test-${++dbCount}`;

describe('preset storage', () => {
  it('stores, lists (oldest first), replaces, renames and deletes presets', async () => {
    const store = await PresetStore.open({ name: freshName() });
    expect(await store.list()).toEqual([]);
    await store.put(presetRecord(2), presetRecord(1));
    await store.put(presetRecord(3));
    expect((await store.list()).map((p) => p.id)).toEqual(['preset-1', 'preset-2', 'preset-3']);
    await store.put(presetRecord(2, { gainsDb: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }));
    expect((await store.list())[1]!.gainsDb).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const renamed = await store.rename('preset-2', '  Warm \t  vinyl  ');
    expect(renamed?.name).toBe('Warm vinyl');
    expect((await store.list())[1]).toEqual({
      ...presetRecord(2, { gainsDb: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }),
      name: 'Warm vinyl',
    });
    expect(await store.rename('gone', 'x')).toBeUndefined();
    expect(await store.rename('preset-1', '   ')).toBeUndefined();
    expect((await store.list())[0]!.name).toBe('Preset 1');

    await store.delete('preset-1');
    expect((await store.list()).map((p) => p.id)).toEqual(['preset-2', 'preset-3']);
    store.close();
  });

  it('lives in the same database as the feedback, which it leaves alone', async () => {
    const name = freshName();
    const feedback = await FeedbackStore.open({ name });
    await feedback.put(record(1));
    const presets = await PresetStore.open({ name });
    await presets.put(presetRecord(1));
    await presets.delete('preset-1');
    expect(await feedback.list()).toEqual([record(1)]);
    feedback.close();
    presets.close();
  });

  it.each(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1))(
    'upgrades a version %i database: its feedback and settings stay, presets can be kept',
    async (version) => {
      const name = freshName();
      const old = await openFeedbackDb({ name, version });
      const saved = record(4);
      await old.put('feedback', saved);
      if (version >= 3)
        await old.put('settings', { personalise: false, resetAt: 5, persistAsked: true }, SETTINGS_KEY);
      old.close();

      const presets = await PresetStore.open({ name });
      expect(await presets.list()).toEqual([]);
      await presets.put(presetRecord(7));
      expect(await presets.list()).toEqual([presetRecord(7)]);
      presets.close();
      const feedback = await FeedbackStore.open({ name });
      const records = await feedback.list();
      expect(records).toHaveLength(1);
      // A version 1 record is upgraded (curveDb, shownDb derived); later ones are kept as they were.
      expect(records[0]).toMatchObject(version === 1 ? { id: saved.id, keptDb: saved.keptDb } : saved);
      if (version >= 3) expect((await feedback.getSettings()).personalise).toBe(false);
      feedback.close();
    },
  );

  it('tidies names', () => {
    expect(cleanPresetName('  a\n b  ')).toBe('a b');
    expect(cleanPresetName('x'.repeat(100))).toHaveLength(80);
    expect(cleanPresetName(' \t ')).toBe('');
  });

  it('says clearly when the database is closed', async () => {
    const store = await PresetStore.open({ name: freshName() });
    store.close();
    const e = await store.put(presetRecord(1)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StorageError);
    expect((e as StorageError).kind).toBe('unavailable');
  });
});
