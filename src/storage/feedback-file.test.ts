import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FeedbackStore } from './feedback-db.ts';
import { FeedbackFileError, parseFeedbackFile, serialiseFeedback, toFeedbackFile } from './feedback-file.ts';
import { DEFAULT_SETTINGS } from './schema.ts';
import { presetRecord, record } from './test-records.ts';

let n = 0;
const name = () => `feedback-file-test-${++n}`;

describe('feedback export and import', () => {
  it('a round trip through a file into another database equals the original', async () => {
    const here = await FeedbackStore.open({ name: name() });
    await here.put(...[1, 2, 3, 4, 5].map((i) => record(i)));
    await here.setSettings({ personalise: false, resetAt: 1_750_000_123_456 });
    const text = serialiseFeedback(toFeedbackFile(await here.list(), await here.getSettings()));

    const there = await FeedbackStore.open({ name: name() });
    const file = parseFeedbackFile(text);
    await there.put(...file.records);
    await there.setSettings(file.settings);
    expect(await there.list()).toEqual(await here.list());
    expect(await there.getSettings()).toEqual(await here.getSettings());
    // Importing the same file again merges by id: nothing is duplicated.
    await there.put(...parseFeedbackFile(text).records);
    expect(await there.list()).toHaveLength(5);
    here.close();
    there.close();
  });

  it('keeps every bit of every number', () => {
    const r = record(1, {
      embedding: [Math.PI, 1e-300, -2.5e-8, 5e-324, 1 / 3, 123456789.12345679],
      durationS: 0.1 + 0.2,
    });
    const back = parseFeedbackFile(serialiseFeedback(toFeedbackFile([r], DEFAULT_SETTINGS))).records[0]!;
    expect(back).toEqual(r);
  });

  it('rejects what is not a valid feedback file, saying why', () => {
    const good = JSON.parse(serialiseFeedback(toFeedbackFile([record(1), record(2)], DEFAULT_SETTINGS))) as {
      records: Record<string, unknown>[];
      version: number;
    };
    const withRecord = (i: number, patch: Record<string, unknown>) =>
      JSON.stringify({ ...good, records: good.records.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
    const reason = (text: string) => {
      try {
        parseFeedbackFile(text);
      } catch (e) {
        expect(e).toBeInstanceOf(FeedbackFileError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(reason('{"format":')).toMatch(/not JSON/);
    expect(reason('{"hello": 1}')).toMatch(/not a Sonic AI EQ feedback export/);
    expect(reason(JSON.stringify({ ...good, version: 4 }))).toMatch(/newer version/);
    expect(reason(JSON.stringify({ ...good, version: 'one' }))).toMatch(/format version/);
    expect(reason(JSON.stringify({ ...good, records: 'none' }))).toMatch(/no list of records/);
    expect(reason(withRecord(1, { amount: 3 }))).toMatch(/Record 2: amount must be a number from 0 to 1.5/);
    expect(reason(withRecord(0, { keptDb: [1, 2, 3] }))).toMatch(/Record 1: keptDb must list 10 band gains/);
    expect(reason(withRecord(0, { curveDb: [20, 0, 0, 0, 0, 0, 0, 0, 0, 0] }))).toMatch(/outside ±12 dB/);
    expect(reason(withRecord(0, { rating: 'meh' }))).toMatch(/rating must be/);
    expect(reason(withRecord(0, { embedding: [1, 'x'] }))).toMatch(/embedding/);
    expect(reason(withRecord(0, { fileName: 7 }))).toMatch(/fileName must be text/);
    expect(reason(withRecord(1, { id: 'r-1' }))).toMatch(/Record 2: the id r-1 appears twice/);
    expect(reason(JSON.stringify(good))).toBe('accepted');
  });

  it('carries the saved presets (format 2) and still imports a format 1 file, which has none', async () => {
    const presets = [
      presetRecord(1),
      presetRecord(2, { name: 'Bright', gainsDb: [0, 0, 0, 0, 0, 0, 1.5, 3, 4.5, 6] }),
    ];
    const text = serialiseFeedback(toFeedbackFile([record(1)], DEFAULT_SETTINGS, new Date(0), { presets }));
    const back = parseFeedbackFile(text);
    expect(back.version).toBe(3);
    expect(back.presets).toEqual(presets);
    expect(back.records).toEqual([record(1)]);

    // A file from the app before presets existed.
    const v1 = JSON.parse(text) as Record<string, unknown>;
    delete v1.presets;
    v1.version = 1;
    const old = parseFeedbackFile(JSON.stringify(v1));
    expect(old.presets).toEqual([]);
    expect(old.records).toEqual([record(1)]);
  });

  it('rejects a preset it cannot keep, saying which and why', () => {
    const base = JSON.parse(
      serialiseFeedback(
        toFeedbackFile([], DEFAULT_SETTINGS, new Date(0), { presets: [presetRecord(1), presetRecord(2)] }),
      ),
    ) as { presets: Record<string, unknown>[] };
    const withPreset = (i: number, patch: Record<string, unknown>) =>
      JSON.stringify({ ...base, presets: base.presets.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
    const reason = (text: string) => {
      try {
        parseFeedbackFile(text);
        return 'accepted';
      } catch (e) {
        expect(e).toBeInstanceOf(FeedbackFileError);
        return (e as Error).message;
      }
    };
    expect(reason(JSON.stringify({ ...base, presets: undefined }))).toMatch(/no list of presets/);
    expect(reason(withPreset(0, { name: '   ' }))).toMatch(/Preset 1: it has no name/);
    expect(reason(withPreset(1, { gainsDb: [1, 2] }))).toMatch(/Preset 2: gainsDb must list 10 band gains/);
    expect(reason(withPreset(1, { gainsDb: new Array(10).fill(13) }))).toMatch(/outside ±12 dB/);
    expect(reason(withPreset(1, { id: 'preset-1' }))).toMatch(/Preset 2: the id preset-1 appears twice/);
    expect(reason(withPreset(0, { createdAt: 'yesterday' }))).toMatch(/createdAt/);
    expect(reason(withPreset(0, { name: '  Tidy   me ' }))).toBe('accepted');
    expect(parseFeedbackFile(withPreset(0, { name: '  Tidy   me ' })).presets[0]!.name).toBe('Tidy me');
  });
});
