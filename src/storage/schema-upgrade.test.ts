/**
 * One schema for everything the app keeps: version 5 holds feedback, settings, presets and references, and
 * opens from every earlier database a device can have, including both kinds of version 4 (one version of
 * the app added presets as v4, another references), keeping what each held.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { FeedbackStore, openFeedbackDb } from './feedback-db.ts';
import { PresetStore } from './preset-store.ts';
import { ReferenceStore } from './reference-store.ts';
import { DB_VERSION, SETTINGS_KEY } from './schema.ts';
import { presetRecord, record, referenceRecord } from './test-records.ts';

let n = 0;
const freshName = () => `schema-upgrade-${++n}`;

/** A version 4 database as the app that kept references in v4 made it (its own upgrade steps, replayed). */
async function referencesV4(name: string): Promise<void> {
  const db = await openDB(name, 4, {
    upgrade(db) {
      const feedback = db.createObjectStore('feedback', { keyPath: 'id' });
      feedback.createIndex('by-time', 'time');
      feedback.createIndex('by-model', 'modelId');
      db.createObjectStore('settings');
      db.createObjectStore('references', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
    },
  });
  await db.put('feedback', record(4));
  await db.put('settings', { personalise: false, resetAt: 5, persistAsked: true }, SETTINGS_KEY);
  await db.put('references', referenceRecord(3));
  db.close();
}

/** A database at `version` as this app's steps made it, holding what that version could hold. */
async function earlier(name: string, version: number): Promise<void> {
  const db = await openFeedbackDb({ name, version });
  await db.put('feedback', record(4));
  if (version >= 3)
    await db.put('settings', { personalise: false, resetAt: 5, persistAsked: true }, SETTINGS_KEY);
  if (version === 4) await db.put('presets', presetRecord(3));
  db.close();
}

const kinds: [string, (name: string) => Promise<void>][] = [
  ...[1, 2, 3].map((v): [string, (name: string) => Promise<void>] => [
    `version ${v}`,
    (name) => earlier(name, v),
  ]),
  ['version 4 with presets', (name) => earlier(name, 4)],
  ['version 4 with references', referencesV4],
];

describe('the schema', () => {
  it('is version 5 with every store', async () => {
    expect(DB_VERSION).toBe(5);
    const db = await openFeedbackDb({ name: freshName() });
    expect([...db.objectStoreNames].sort()).toEqual(['feedback', 'presets', 'references', 'settings']);
    db.close();
  });

  it.each(kinds)(
    'upgrades a %s database, keeping all it held; presets and references then both work',
    async (kind, make) => {
      const name = freshName();
      await make(name);
      const db = await openFeedbackDb({ name });
      expect(db.version).toBe(DB_VERSION);
      expect([...db.objectStoreNames].sort()).toEqual(['feedback', 'presets', 'references', 'settings']);
      db.close();

      const feedback = await FeedbackStore.open({ name });
      const records = await feedback.list();
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject(kind === 'version 1' ? { id: 'r-4' } : record(4));
      if (kind !== 'version 1' && kind !== 'version 2')
        expect((await feedback.getSettings()).resetAt).toBe(5);
      feedback.close();

      const presets = await PresetStore.open({ name });
      const refs = await ReferenceStore.open({ name });
      expect(await presets.list()).toEqual(kind === 'version 4 with presets' ? [presetRecord(3)] : []);
      expect(await refs.list()).toEqual(kind === 'version 4 with references' ? [referenceRecord(3)] : []);
      await presets.put(presetRecord(7));
      await refs.put(referenceRecord(8));
      expect((await presets.list()).map((p) => p.id)).toContain('preset-7');
      expect((await refs.list()).map((r) => r.id)).toContain('ref-8');
      presets.close();
      refs.close();
    },
  );
});
