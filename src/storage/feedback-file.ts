/**
 * The user's data as a JSON file, to move it to another device: feedback records, settings and (from
 * format 2) saved presets or reference profiles, (from format 3) both. A versioned format, validated on
 * import with a message that says what is wrong and where; files of every earlier format still import.
 * Nothing here touches the DOM or the database.
 *
 * Format 1: records and settings.
 * Format 2: adds `presets` (PresetRecord, schema.ts) or `references` (ReferenceRecord, src/shared/targets):
 *   two versions of the app each called their addition format 2, so a format 2 file may carry either list.
 * Format 3: records, settings, `presets` and `references`, both lists always present.
 */
import { BAND_COUNT, MAX_BAND_GAIN_DB } from '../shared/dsp/bands.ts';
import { isCommandGain } from '../shared/dsp/eq-command.ts';
import { profileBandsHz } from '../shared/targets/bands.ts';
import { ReferenceRecordError, parseReferenceRecord } from '../shared/targets/reference-record.ts';
import type { ReferenceRecord } from '../shared/targets/reference-record.ts';
import {
  cleanPresetName,
  RATINGS,
  type FeedbackRecord,
  type PresetRecord,
  type Rating,
  type Settings,
} from './schema.ts';

export const FILE_FORMAT = 'sonic-ai-eq-feedback';
export const FILE_VERSION = 3;

export interface FeedbackFile {
  format: typeof FILE_FORMAT;
  version: number;
  exportedAt: string;
  settings: Pick<Settings, 'personalise' | 'resetAt'>;
  records: FeedbackRecord[];
  /** Saved presets (none in files of format 1, nor in format 2 files that carry references). */
  presets: PresetRecord[];
  /** Reference profiles (none in files of format 1, nor in format 2 files that carry presets). */
  references: ReferenceRecord[];
}

/** What else the file carries besides the feedback. */
export interface UserDataExtras {
  presets?: readonly PresetRecord[];
  references?: readonly ReferenceRecord[];
}

export class FeedbackFileError extends Error {
  override name = 'FeedbackFileError';
}

export function toFeedbackFile(
  records: readonly FeedbackRecord[],
  settings: Settings,
  now = new Date(),
  extras: UserDataExtras = {},
): FeedbackFile {
  return {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    exportedAt: now.toISOString(),
    settings: { personalise: settings.personalise, resetAt: settings.resetAt },
    records: records.map((r) => ({ ...r })),
    presets: (extras.presets ?? []).map((p) => ({ ...p, gainsDb: [...p.gainsDb] })),
    references: (extras.references ?? []).map((r) => ({ ...r })),
  };
}

export function serialiseFeedback(file: FeedbackFile): string {
  return JSON.stringify(file, null, 1);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and validates a feedback file; throws FeedbackFileError with a readable reason. */
export function parseFeedbackFile(text: string): FeedbackFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new FeedbackFileError('This file is not JSON, so it is not a feedback export of this app.');
  }
  if (!isObj(data) || data.format !== FILE_FORMAT) {
    throw new FeedbackFileError('This JSON file is not a Sonic AI EQ feedback export.');
  }
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) {
    throw new FeedbackFileError('The feedback file has no valid format version.');
  }
  if (data.version > FILE_VERSION) {
    throw new FeedbackFileError(
      `The feedback file was made by a newer version of the app (format ${data.version}); update the app to import it.`,
    );
  }
  if (!Array.isArray(data.records)) throw new FeedbackFileError('The feedback file has no list of records.');
  const settings = isObj(data.settings) ? data.settings : {};
  const records = data.records.map((r, i) => parseRecord(r, i));
  const ids = new Set<string>();
  records.forEach((r, i) => {
    if (ids.has(r.id)) throw new FeedbackFileError(`Record ${i + 1}: the id ${r.id} appears twice.`);
    ids.add(r.id);
  });
  // Format 3 has both lists; a format 2 file has the one its app knew (at least one of them).
  if (data.version === 2 && !Array.isArray(data.presets) && !Array.isArray(data.references)) {
    throw new FeedbackFileError('The file has no list of presets or references.');
  }
  let presets: PresetRecord[] = [];
  if (data.version >= 3 || (data.version === 2 && data.presets !== undefined)) {
    if (!Array.isArray(data.presets)) throw new FeedbackFileError('The file has no list of presets.');
    presets = data.presets.map((p, i) => parsePreset(p, i));
    const presetIds = new Set<string>();
    presets.forEach((p, i) => {
      if (presetIds.has(p.id)) throw new FeedbackFileError(`Preset ${i + 1}: the id ${p.id} appears twice.`);
      presetIds.add(p.id);
    });
  }
  let references: ReferenceRecord[] = [];
  if (data.version >= 3 || (data.version === 2 && data.references !== undefined)) {
    if (!Array.isArray(data.references)) throw new FeedbackFileError('The file has no list of references.');
    references = parseReferenceList(data.references, FeedbackFileError);
  }
  return {
    format: FILE_FORMAT,
    version: data.version,
    exportedAt: typeof data.exportedAt === 'string' ? data.exportedAt : '',
    settings: {
      personalise: typeof settings.personalise === 'boolean' ? settings.personalise : true,
      resetAt:
        typeof settings.resetAt === 'number' && Number.isFinite(settings.resetAt) ? settings.resetAt : null,
    },
    records,
    presets,
    references,
  };
}

/** Validates a list of reference records (ids unique), reporting problems as `ErrorType`. */
export function parseReferenceList(
  list: unknown[],
  ErrorType: new (message: string) => Error,
): ReferenceRecord[] {
  const bandsHz = profileBandsHz();
  const ids = new Set<string>();
  return list.map((v, i) => {
    let r: ReferenceRecord;
    try {
      r = parseReferenceRecord(v, bandsHz, `Reference ${i + 1}`);
    } catch (e) {
      if (e instanceof ReferenceRecordError) throw new ErrorType(e.message);
      throw e;
    }
    if (ids.has(r.id)) throw new ErrorType(`Reference ${i + 1}: the id ${r.id} appears twice.`);
    ids.add(r.id);
    return r;
  });
}

function parsePreset(v: unknown, i: number): PresetRecord {
  const fail = (what: string): never => {
    throw new FeedbackFileError(`Preset ${i + 1}: ${what}.`);
  };
  if (!isObj(v)) return fail('not an object');
  if (typeof v.id !== 'string' || v.id === '') fail('the id must be text');
  const name = typeof v.name === 'string' ? cleanPresetName(v.name) : '';
  if (!name) fail('it has no name');
  const gains = v.gainsDb;
  if (!Array.isArray(gains) || gains.length !== BAND_COUNT)
    fail(`gainsDb must list ${BAND_COUNT} band gains`);
  if (!(gains as unknown[]).every(isCommandGain)) fail(`gainsDb has a gain outside ±${MAX_BAND_GAIN_DB} dB`);
  const createdAt = v.createdAt;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt) || createdAt < 0 || createdAt > 8.64e15) {
    fail('createdAt must be a time');
  }
  return { id: v.id as string, name, gainsDb: [...(gains as number[])], createdAt: createdAt as number };
}

function parseRecord(v: unknown, i: number): FeedbackRecord {
  const fail = (what: string): never => {
    throw new FeedbackFileError(`Record ${i + 1}: ${what}.`);
  };
  if (!isObj(v)) return fail('not an object');
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : fail(`${k} must be text`));
  const num = (k: string, min: number, max: number) => {
    const x = v[k];
    return typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max
      ? x
      : fail(`${k} must be a number from ${min} to ${max}`);
  };
  const curve = (k: string) => {
    const x = v[k];
    if (!Array.isArray(x) || x.length !== BAND_COUNT) return fail(`${k} must list ${BAND_COUNT} band gains`);
    return x.map((g) => (isCommandGain(g) ? g : fail(`${k} has a gain outside ±${MAX_BAND_GAIN_DB} dB`)));
  };
  const id = str('id');
  if (!id) fail('the id is empty');
  const rating = v.rating;
  if (!RATINGS.includes(rating as Rating)) fail('rating must be "up", "down" or "none"');
  const embedding = v.embedding;
  if (!Array.isArray(embedding) || !embedding.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    fail('embedding must be a list of numbers');
  }
  return {
    id,
    time: num('time', 0, 8.64e15),
    fileName: str('fileName'),
    durationS: num('durationS', 0, 1e7),
    modelId: str('modelId'),
    contractVersion: str('contractVersion'),
    suggestedDb: curve('suggestedDb'),
    shownDb: curve('shownDb'),
    curveDb: curve('curveDb'),
    keptDb: curve('keptDb'),
    amount: num('amount', 0, 1.5),
    rating: rating as Rating,
    embedding: [...(embedding as number[])],
  };
}
