/**
 * A stored reference: its balance profile (never the audio), named after the file and renamable. The same
 * record is kept in IndexedDB, written by `eq profile --out`, and carried in the user's data export; this
 * module validates one wherever it comes from, with a reason a person can act on.
 */
import type { BalanceProfile } from './profile.ts';

export interface ReferenceRecord {
  /** Unique across devices, so an import merges instead of duplicating. */
  id: string;
  /** What the user calls it; starts as the file's name without its extension. */
  name: string;
  /** The file it was measured from (name only, never a path). */
  fileName: string;
  /** When it was measured (ms since 1970). */
  createdAt: number;
  /** The model contract whose feature bands the profile is measured in. */
  contractVersion: string;
  profile: BalanceProfile;
}

export class ReferenceRecordError extends Error {
  override name = 'ReferenceRecordError';
}

/** The name a reference gets from its file: the base name without the extension. */
export function referenceNameFor(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).trim() || base;
}

/** A new record for a track just measured: a random id (Web Crypto, in browsers and Node), named after the file. */
export function createReferenceRecord(
  fileName: string,
  profile: BalanceProfile,
  contractVersion: string,
  now = Date.now(),
): ReferenceRecord {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return {
    id: (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID(),
    name: cleanReferenceName(referenceNameFor(base) || 'Reference'),
    fileName: base,
    createdAt: now,
    contractVersion,
    profile,
  };
}

/** Names are shown in lists: one line, not empty, not endless. */
export const MAX_NAME_LENGTH = 200;

export function cleanReferenceName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
  if (!clean) throw new ReferenceRecordError('A reference needs a name.');
  return clean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a record read from a file or an older database against the bands this version measures in;
 * `where` prefixes every reason ("Reference 2").
 */
export function parseReferenceRecord(v: unknown, bandsHz: readonly number[], where: string): ReferenceRecord {
  const fail = (what: string): never => {
    throw new ReferenceRecordError(`${where}: ${what}.`);
  };
  if (!isObj(v)) return fail('not an object');
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : fail(`${k} must be text`));
  const id = str('id');
  if (!id) fail('the id is empty');
  const name = str('name').replace(/\s+/g, ' ').trim();
  if (!name || name.length > MAX_NAME_LENGTH) fail(`the name must have 1 to ${MAX_NAME_LENGTH} characters`);
  const createdAt = v.createdAt;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt) || createdAt < 0 || createdAt > 8.64e15) {
    fail('createdAt must be a time in milliseconds');
  }
  const p = v.profile;
  if (!isObj(p)) return fail('it has no profile');
  const list = (k: string, min: number, max: number) => {
    const x = p[k];
    if (!Array.isArray(x) || x.length !== bandsHz.length)
      return fail(`profile.${k} must list ${bandsHz.length} values`);
    return x.map((g) =>
      typeof g === 'number' && Number.isFinite(g) && g >= min && g <= max
        ? g
        : fail(`profile.${k} has a value outside ${min} to ${max}`),
    );
  };
  const measuredIn = list('bandsHz', 1, 1e5);
  if (measuredIn.some((f, k) => Math.abs(f / bandsHz[k]! - 1) > 1e-6)) {
    fail(
      'its profile was measured in other bands than this version of the app uses; measure the track again',
    );
  }
  const count = (k: string) => {
    const x = p[k];
    return typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : fail(`profile.${k} must be a count`);
  };
  const frames = count('frames');
  const totalFrames = count('totalFrames');
  if (frames === 0 || frames > totalFrames) fail('profile.frames must be from 1 to totalFrames');
  const durationS = p.durationS;
  if (typeof durationS !== 'number' || !Number.isFinite(durationS) || durationS <= 0) {
    fail('profile.durationS must be a positive number of seconds');
  }
  return {
    id,
    name,
    fileName: str('fileName'),
    createdAt: createdAt as number,
    contractVersion: str('contractVersion'),
    profile: {
      bandsHz: [...bandsHz],
      levelDb: list('levelDb', -400, 100),
      spreadDb: list('spreadDb', 0, 200),
      frames,
      totalFrames,
      durationS: durationS as number,
    },
  };
}
