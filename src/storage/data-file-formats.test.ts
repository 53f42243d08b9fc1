/**
 * The data export, format 3: ratings, settings, presets and references in one file, and every earlier
 * format still imports: 1 (ratings and settings), and both kinds of 2 (one version of the app added presets
 * as format 2, another references). A format 3 file must carry both lists.
 */
import { describe, expect, it } from 'vitest';
import {
  FeedbackFileError,
  FILE_VERSION,
  parseFeedbackFile,
  serialiseFeedback,
  toFeedbackFile,
} from './feedback-file.ts';
import { parseImportFile } from './reference-file.ts';
import { DEFAULT_SETTINGS } from './schema.ts';
import { presetRecord, record, referenceRecord } from './test-records.ts';

const presets = [presetRecord(1), presetRecord(2)];
const references = [referenceRecord(1), referenceRecord(2)];
const full = () =>
  JSON.parse(
    serialiseFeedback(
      toFeedbackFile([record(1)], { ...DEFAULT_SETTINGS, personalise: false }, new Date(0), {
        presets,
        references,
      }),
    ),
  ) as Record<string, unknown>;
const reason = (data: unknown) => {
  try {
    parseFeedbackFile(JSON.stringify(data));
    return 'accepted';
  } catch (e) {
    expect(e).toBeInstanceOf(FeedbackFileError);
    return (e as Error).message;
  }
};

describe('the data export', () => {
  it('writes format 3 with ratings, settings, presets and references, and reads all of it back', () => {
    const data = full();
    expect(FILE_VERSION).toBe(3);
    expect(data.version).toBe(3);
    const back = parseFeedbackFile(JSON.stringify(data));
    expect(back.records).toEqual([record(1)]);
    expect(back.settings.personalise).toBe(false);
    expect(back.presets).toEqual(presets);
    expect(back.references).toEqual(references);
    const viaImport = parseImportFile(JSON.stringify(data));
    expect(viaImport.kind).toBe('data');
  });

  it('imports format 1, both kinds of format 2, and refuses a format 3 file without either list', () => {
    const v1 = full();
    delete v1.presets;
    delete v1.references;
    const one = parseFeedbackFile(JSON.stringify({ ...v1, version: 1 }));
    expect([one.records, one.presets, one.references]).toEqual([[record(1)], [], []]);

    const withPresets = parseFeedbackFile(JSON.stringify({ ...v1, version: 2, presets }));
    expect([withPresets.presets, withPresets.references]).toEqual([presets, []]);
    const withReferences = parseFeedbackFile(JSON.stringify({ ...v1, version: 2, references }));
    expect([withReferences.presets, withReferences.references]).toEqual([[], references]);

    expect(reason({ ...v1, version: 2 })).toMatch(/no list of presets or references/);
    expect(reason({ ...v1, version: 3, presets })).toMatch(/no list of references/);
    expect(reason({ ...v1, version: 3, references })).toMatch(/no list of presets/);
    expect(reason({ ...full(), version: 4 })).toMatch(/newer version/);
  });
});
