import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ReferenceStore } from '../storage/reference-store.ts';
import { referenceRecord } from '../storage/test-records.ts';
import { ReferenceLibrary, type LibraryPorts } from './reference-library.ts';

let n = 0;
const profile = referenceRecord(1).profile;

function ports(name: string, extra: Partial<LibraryPorts> = {}): LibraryPorts {
  return {
    openStore: () => ReferenceStore.open({ name }),
    measure: async (file) => {
      if (file.name.startsWith('silent')) throw new Error('it is silent: there is no balance to match');
      return profile;
    },
    contractVersion: '2.0.0',
    now: () => ++n,
    ...extra,
  };
}

describe('the reference library', () => {
  it('measures files, keeps their profiles on the device, renames and deletes them', async () => {
    const name = `library-${++n}`;
    const lib = new ReferenceLibrary(ports(name));
    const added = await lib.add([new File(['x'], 'Song A.flac'), new File([''], 'silent.wav')]);
    expect(added.map((r) => r.name)).toEqual(['Song A']);
    expect(lib.getSnapshot().message).toBe(
      'Added “Song A” as a reference. “silent.wav” could not be used as a reference: it is silent: there is no balance to match',
    );
    expect(lib.profiles([added[0]!.id, 'gone'])).toEqual([profile]);

    await lib.rename(added[0]!.id, '  My   favourite ');
    await lib.rename(added[0]!.id, '   ');
    expect(lib.getSnapshot().message).toBe('A reference needs a name.');
    // A new session (a reload) finds it as renamed.
    const again = new ReferenceLibrary(ports(name));
    await again.loaded;
    expect(again.getSnapshot().records.map((r) => r.name)).toEqual(['My favourite']);
    expect(again.getSnapshot().records[0]!.profile).toEqual(profile);

    await again.remove(added[0]!.id);
    const third = new ReferenceLibrary(ports(name));
    await third.loaded;
    expect(third.getSnapshot().records).toEqual([]);
  });

  it('keeps references for the session when the device cannot store them, and says so', async () => {
    const lib = new ReferenceLibrary(
      ports('unused', {
        openStore: () => Promise.reject(new Error('storage is unavailable in this browser mode')),
      }),
    );
    await lib.loaded;
    const [r] = await lib.add([new File(['x'], 'B.wav')]);
    expect(lib.getSnapshot().records).toEqual([r]);
    expect(lib.getSnapshot().problem).toMatch(/this session only: storage is unavailable/);
    expect(await lib.importRecords([referenceRecord(2)])).toBe(1);
    expect(lib.getSnapshot().records).toHaveLength(2);
  });
});
