import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { storageError } from '../storage/errors.ts';
import { PresetStore } from '../storage/preset-store.ts';
import { presetRecord } from '../storage/test-records.ts';
import { PresetLibrary } from './preset-library.ts';

let n = 0;
const fresh = () => `preset-library-${++n}`;
const ids = () => {
  let i = 0;
  return () => `id-${++i}`;
};

describe('the preset library', () => {
  it('saves curves as commands under tidy names, renames and deletes them, and keeps them on the device', async () => {
    const name = fresh();
    let t = 1000;
    const lib = new PresetLibrary(
      () => PresetStore.open({ name }),
      ids(),
      () => t++,
    );
    await lib.loaded;
    const warm = await lib.save('  Warm  ', [3.04, 2, 1, 0, 0, 0, 0, -1, -2, -13]);
    expect(warm).toEqual({
      id: 'id-1',
      name: 'Warm',
      gainsDb: [3, 2, 1, 0, 0, 0, 0, -1, -2, -12],
      createdAt: 1000,
    });
    await lib.save('Bright', [0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
    await expect(lib.save('   ', new Array(10).fill(0))).rejects.toThrow(/needs a name/);
    expect(await lib.rename('id-2', 'Brighter')).toBe(true);
    expect(await lib.rename('id-2', ' ')).toBe(false);
    await lib.remove('id-1');
    expect(lib.getSnapshot().presets.map((p) => p.name)).toEqual(['Brighter']);

    // What the device holds is what the library showed.
    const again = new PresetLibrary(() => PresetStore.open({ name }), ids());
    await again.loaded;
    expect(again.getSnapshot().presets).toEqual(lib.getSnapshot().presets);
    expect(again.getSnapshot().problem).toBeNull();
  });

  it('imports presets from a data file, merging by id', async () => {
    const name = fresh();
    const lib = new PresetLibrary(() => PresetStore.open({ name }), ids());
    await lib.loaded;
    expect(await lib.importPresets([presetRecord(2), presetRecord(1)])).toBe(2);
    expect(await lib.importPresets([presetRecord(1, { name: 'Renamed elsewhere' })])).toBe(1);
    expect(lib.getSnapshot().presets.map((p) => [p.id, p.name])).toEqual([
      ['preset-1', 'Renamed elsewhere'],
      ['preset-2', 'Preset 2'],
    ]);
    const store = await PresetStore.open({ name });
    expect((await store.list()).map((p) => p.name)).toEqual(['Renamed elsewhere', 'Preset 2']);
    store.close();
  });

  it('keeps presets for the session when the device cannot store them, and says so', async () => {
    const lib = new PresetLibrary(async () => {
      throw storageError('unavailable');
    }, ids());
    await lib.loaded;
    expect(lib.getSnapshot().problem).toMatch(/last for this session/);
    await lib.save('Only here', new Array(10).fill(1));
    expect(lib.getSnapshot().presets.map((p) => p.name)).toEqual(['Only here']);

    const full = new PresetLibrary(
      async () => ({
        list: async () => [],
        put: async () => {
          throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
        },
        rename: async () => undefined,
        delete: async () => undefined,
      }),
      ids(),
    );
    await full.loaded;
    await full.save('Big', new Array(10).fill(0));
    expect(full.getSnapshot().problem).toMatch(/full/);
    expect(full.getSnapshot().presets).toHaveLength(1);
  });
});
