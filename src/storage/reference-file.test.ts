import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FeedbackStore } from './feedback-db.ts';
import { FeedbackFileError, parseFeedbackFile, serialiseFeedback, toFeedbackFile } from './feedback-file.ts';
import {
  parseImportFile,
  parseReferencesFile,
  serialiseReferences,
  toReferencesFile,
} from './reference-file.ts';
import { ReferenceStore } from './reference-store.ts';
import { DEFAULT_SETTINGS } from './schema.ts';
import { record, referenceRecord } from './test-records.ts';

let n = 0;
const name = () => `reference-file-test-${++n}`;

const reason = (parse: () => unknown) => {
  try {
    parse();
  } catch (e) {
    expect(e).toBeInstanceOf(FeedbackFileError);
    return (e as Error).message;
  }
  return 'accepted';
};

describe('reference profiles in the user data export', () => {
  it('go out with the feedback and come back into another database unchanged', async () => {
    const dbName = name();
    const feedback = await FeedbackStore.open({ name: dbName });
    const refs = await ReferenceStore.open({ name: dbName });
    await feedback.put(record(1), record(2));
    await refs.put(referenceRecord(1), referenceRecord(2));
    const text = serialiseFeedback(
      toFeedbackFile(await feedback.list(), await feedback.getSettings(), new Date(), {
        references: await refs.list(),
      }),
    );

    const file = parseFeedbackFile(text);
    expect(file.version).toBe(3);
    const there = await ReferenceStore.open({ name: name() });
    await there.put(...file.references);
    expect(await there.list()).toEqual(await refs.list());
    // A second import merges by id.
    await there.put(...parseFeedbackFile(text).references);
    expect(await there.list()).toHaveLength(2);
    expect(file.records).toEqual([record(1), record(2)]);
    for (const s of [feedback, refs, there]) s.close();
  });

  it('a format 1 file (before references) still imports, with no references', () => {
    const v1 = JSON.parse(serialiseFeedback(toFeedbackFile([record(1)], DEFAULT_SETTINGS))) as Record<
      string,
      unknown
    >;
    delete v1.references;
    delete v1.presets;
    v1.version = 1;
    const file = parseFeedbackFile(JSON.stringify(v1));
    expect(file.records).toEqual([record(1)]);
    expect(file.references).toEqual([]);
  });

  it('keeps every bit of a profile', () => {
    const r = referenceRecord(3);
    r.profile.levelDb[0] = Math.PI;
    r.profile.spreadDb[1] = 1e-300;
    const back = parseFeedbackFile(
      serialiseFeedback(toFeedbackFile([], DEFAULT_SETTINGS, new Date(), { references: [r] })),
    );
    expect(back.references[0]).toEqual(r);
  });

  it('rejects a bad reference, saying which and why', () => {
    const good = JSON.parse(
      serialiseFeedback(
        toFeedbackFile([], DEFAULT_SETTINGS, new Date(), {
          references: [referenceRecord(1), referenceRecord(2)],
        }),
      ),
    ) as { references: { profile: Record<string, unknown> }[] };
    const withRef = (i: number, patch: Record<string, unknown>, profile: Record<string, unknown> = {}) =>
      JSON.stringify({
        ...good,
        references: good.references.map((r, j) =>
          j === i ? { ...r, ...patch, profile: { ...r.profile, ...profile } } : r,
        ),
      });
    const parse = (text: string) => () => parseFeedbackFile(text);
    expect(reason(parse(JSON.stringify({ ...good, references: 'none' })))).toMatch(/no list of references/);
    expect(reason(parse(withRef(1, { name: '' })))).toMatch(/Reference 2: the name/);
    expect(reason(parse(withRef(0, {}, { levelDb: [1, 2] })))).toMatch(
      /Reference 1: profile.levelDb must list 40/,
    );
    expect(reason(parse(withRef(0, {}, { spreadDb: new Array(40).fill(-1) })))).toMatch(
      /spreadDb has a value/,
    );
    const otherBands = good.references[0]!.profile.bandsHz as number[];
    expect(reason(parse(withRef(0, {}, { bandsHz: otherBands.map((f) => f * 1.01) })))).toMatch(
      /other bands than this version/,
    );
    expect(reason(parse(withRef(1, { id: 'ref-1' })))).toMatch(/Reference 2: the id ref-1 appears twice/);
    expect(reason(parse(withRef(0, {}, { frames: 0 })))).toMatch(/frames/);
    expect(reason(parse(JSON.stringify(good)))).toBe('accepted');
  });
});

describe('the reference profile file (eq profile --out)', () => {
  it('round-trips, and the import tells it from a full export', () => {
    const text = serialiseReferences(toReferencesFile([referenceRecord(1), referenceRecord(2)]));
    expect(parseReferencesFile(text).references).toEqual([referenceRecord(1), referenceRecord(2)]);
    const imported = parseImportFile(text);
    expect(imported.kind).toBe('references');
    expect(imported.file.references).toEqual([referenceRecord(1), referenceRecord(2)]);
    const data = parseImportFile(serialiseFeedback(toFeedbackFile([record(1)], DEFAULT_SETTINGS)));
    expect(data.kind).toBe('data');
  });

  it('rejects what it is not, saying why', () => {
    const good = JSON.parse(serialiseReferences(toReferencesFile([referenceRecord(1)]))) as Record<
      string,
      unknown
    >;
    expect(reason(() => parseImportFile('{"format":'))).toMatch(/not JSON/);
    expect(reason(() => parseImportFile('{"hello": 1}'))).toMatch(/not a Sonic AI EQ export or reference/);
    expect(reason(() => parseReferencesFile(JSON.stringify({ ...good, version: 2 })))).toMatch(
      /newer version/,
    );
    expect(reason(() => parseReferencesFile(JSON.stringify({ ...good, references: {} })))).toMatch(/no list/);
    expect(reason(() => parseReferencesFile(JSON.stringify({ ...good, format: 'x' })))).toMatch(
      /not a Sonic AI EQ/,
    );
  });
});
