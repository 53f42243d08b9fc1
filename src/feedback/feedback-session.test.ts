import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { storageError } from '../storage/errors.ts';
import { FeedbackStore } from '../storage/feedback-db.ts';
import { parseFeedbackFile } from '../storage/feedback-file.ts';
import { record } from '../storage/test-records.ts';
import { FeedbackSession, importOutcomeText, learnedFromText, type StoreLike } from './feedback-session.ts';

let n = 0;
const open = () => FeedbackStore.open({ name: `session-test-${++n}` });

/** A store that fails every write with the error `failWith()` returns (null: works). */
function flakyStore(store: StoreLike, failWith: () => Error | null): StoreLike {
  const guard =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A) => {
      const e = failWith();
      if (e) throw e;
      return f(...a);
    };
  return {
    list: () => store.list(),
    getSettings: () => store.getSettings(),
    put: guard((...r: Parameters<StoreLike['put']>) => store.put(...r)),
    delete: guard((id: string) => store.delete(id)),
    clear: guard(() => store.clear()),
    setSettings: guard((s: Parameters<StoreLike['setSettings']>[0]) => store.setSettings(s)),
  };
}

const quota = () => Object.assign(new Error('quota'), { name: 'QuotaExceededError' });

describe('the feedback session', () => {
  it('saves ratings to the device and reads them back in the next session; asks for persistence once', async () => {
    const store = await open();
    let asked = 0;
    const a = new FeedbackSession(
      async () => store,
      async () => (asked++, true),
    );
    await a.loaded;
    await a.save(record(1));
    await a.save(record(2));
    expect(asked).toBe(1);
    expect(a.getSnapshot().unsaved).toEqual([]);
    const b = new FeedbackSession(
      async () => store,
      async () => (asked++, true),
    );
    await b.loaded;
    expect(b.getSnapshot().records).toEqual([record(1), record(2)]);
    await b.save(record(3));
    expect(asked).toBe(1);
  });

  it('without IndexedDB, keeps the ratings in memory, says so, and still exports them', async () => {
    const s = new FeedbackSession(async () => {
      throw storageError('unavailable');
    });
    await s.loaded;
    expect(s.getSnapshot().problem?.kind).toBe('unavailable');
    await s.save(record(1));
    await s.save(record(2));
    expect(s.getSnapshot().records).toHaveLength(2);
    expect(s.getSnapshot().unsaved).toEqual(['r-1', 'r-2']);
    expect(parseFeedbackFile(s.exportText()).records).toEqual([record(1), record(2)]);
  });

  it('when storage is full, keeps the unsaved ratings and saves them on retry', async () => {
    const store = await open();
    let full = true;
    const s = new FeedbackSession(async () => flakyStore(store, () => (full ? quota() : null)));
    await s.loaded;
    await s.save(record(1));
    expect(s.getSnapshot().problem).toMatchObject({ kind: 'full' });
    expect(s.getSnapshot().problem?.message).toMatch(/full/);
    expect(s.getSnapshot().unsaved).toEqual(['r-1']);
    await s.retry();
    expect(s.getSnapshot().unsaved).toEqual(['r-1']);
    full = false;
    await s.retry();
    expect(s.getSnapshot().problem).toBeNull();
    expect(s.getSnapshot().unsaved).toEqual([]);
    expect(await store.list()).toEqual([record(1)]);
  });

  it('a database blocked by another tab: the session says so and saves once it opens', async () => {
    let release = () => {};
    const s = new FeedbackSession(async (onBlocked) => {
      onBlocked();
      await new Promise<void>((r) => (release = r));
      return open();
    });
    await Promise.resolve();
    expect(s.getSnapshot().problem?.kind).toBe('blocked');
    await s.save(record(4));
    expect(s.getSnapshot().unsaved).toEqual(['r-4']);
    release();
    await s.loaded;
    expect(s.getSnapshot().problem).toBeNull();
    expect(s.getSnapshot().unsaved).toEqual([]);
    expect(s.getSnapshot().records).toEqual([record(4)]);
  });

  it('personalises suggestions from the records since the last reset, and not when switched off', async () => {
    const s = new FeedbackSession(open);
    await s.loaded;
    const flat = new Array<number>(10).fill(0);
    const result = { gainsDb: [1, 2, 3, 4, 5, -5, -4, -3, -2, -1], embedding: [], modelId: 'm' };
    expect(s.suggest(result)).toMatchObject({ personalised: false, count: 0 });
    for (let i = 1; i <= 3; i++) {
      await s.save(
        record(i, {
          modelId: 'm',
          suggestedDb: flat,
          shownDb: flat,
          curveDb: [0, 3, 0, 0, 0, 0, 0, 0, 0, 0],
          time: 1000 * i,
        }),
      );
    }
    const p = s.suggest(result);
    expect(p).toMatchObject({ personalised: true, count: 3, rawDb: result.gainsDb });
    // record(i) rates r-1 down, r-2 not at all (an export), r-3 up.
    expect(p.rated).toBe(2);
    expect(learnedFromText(p)).toBe('2 ratings and 1 exported curve');
    expect(learnedFromText({ count: 2, rated: 0 })).toBe('2 exported curves');
    expect(learnedFromText({ count: 1, rated: 1 })).toBe('1 rating');
    expect(p.shownDb[1]! - p.rawDb[1]!).toBeGreaterThan(1.5);
    expect(s.suggest(result, 'r-3').count).toBe(2); // the song on screen does not teach itself
    await s.setPersonalise(false);
    expect(s.suggest(result)).toMatchObject({ personalised: false, shownDb: result.gainsDb });
    await s.setPersonalise(true);
    await s.resetPersonalisation(5000);
    expect(s.suggest(result)).toMatchObject({ personalised: false });
    expect(s.getSnapshot().records).toHaveLength(3); // the history stays
  });

  it('imports a file by merging, and deletes one or all', async () => {
    const s = new FeedbackSession(open);
    await s.loaded;
    await s.save(record(1));
    const text = s.exportText();
    const t = new FeedbackSession(open);
    await t.loaded;
    await t.save(record(2));
    expect(await t.importText(text)).toEqual({ added: 1, updated: 0, unchanged: 0 });
    // The same file again adds nothing, and says so.
    expect(await t.importText(text)).toEqual({ added: 0, updated: 0, unchanged: 1 });
    // A record changed on the other device replaces this one's version of it.
    const changed = JSON.parse(text) as { records: { rating: string }[] };
    changed.records[0]!.rating = 'up';
    expect(await t.importText(JSON.stringify(changed))).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(t.getSnapshot().records.find((r) => r.id === 'r-1')?.rating).toBe('up');
    expect(t.getSnapshot().records.map((r) => r.id)).toEqual(['r-1', 'r-2']);
    await expect(t.importText('nope')).rejects.toThrow(/not JSON/);
    await t.remove('r-1');
    expect(t.getSnapshot().records.map((r) => r.id)).toEqual(['r-2']);
    await t.removeAll();
    expect(t.getSnapshot().records).toEqual([]);
  });

  it('two tabs: a rating, a deletion and a setting made in one show in the other without a reload', async () => {
    const name = `session-tabs-${++n}`;
    let bFull = false;
    // Each tab has its own connection and its own channel object, as two browser tabs do.
    const tab = (failWith: () => Error | null) =>
      new FeedbackSession(
        async () => flakyStore(await FeedbackStore.open({ name }), failWith),
        undefined,
        new BroadcastChannel(`feedback-${name}`),
      );
    const a = tab(() => null);
    const b = tab(() => (bFull ? quota() : null));
    await Promise.all([a.loaded, b.loaded]);
    const ids = (s: FeedbackSession) => s.getSnapshot().records.map((r) => r.id);

    await a.save(record(1));
    await a.save(record(2));
    await expect.poll(() => ids(b)).toEqual(['r-1', 'r-2']);
    await b.remove('r-1');
    await expect.poll(() => ids(a)).toEqual(['r-2']);
    await a.setPersonalise(false);
    await expect.poll(() => b.getSnapshot().settings.personalise).toBe(false);
    // A rating B could not save yet is kept in B when A changes the device's records.
    bFull = true;
    await b.save(record(3));
    expect(b.getSnapshot().unsaved).toEqual(['r-3']);
    await a.removeAll();
    await expect.poll(() => ids(b)).toEqual(['r-3']);
    expect(ids(a)).toEqual([]);
  });
});

describe('the import message', () => {
  it('says what was added, updated or already there', () => {
    expect(importOutcomeText({ added: 0, updated: 0, unchanged: 1 }, 'f.json')).toBe(
      'Nothing new in “f.json”: its rating is already here.',
    );
    expect(importOutcomeText({ added: 0, updated: 0, unchanged: 3 }, 'f.json')).toBe(
      'Nothing new in “f.json”: all 3 of its ratings are already here.',
    );
    expect(importOutcomeText({ added: 3, updated: 0, unchanged: 0 }, 'f.json')).toBe(
      'From “f.json”: Added 3 ratings.',
    );
    expect(importOutcomeText({ added: 1, updated: 2, unchanged: 1 }, 'f.json')).toBe(
      'From “f.json”: Added 1 rating and updated 2 ratings; 1 was already here.',
    );
    expect(importOutcomeText({ added: 0, updated: 0, unchanged: 0 }, 'f.json')).toMatch(/no ratings/);
  });
});
