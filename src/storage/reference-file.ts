/**
 * Reference profiles as a file of their own: what `eq profile REF... --out FILE.json` writes and the app
 * imports next to its full data export (feedback-file.ts). `parseImportFile` tells the two apart, so one
 * import button takes either.
 */
import type { ReferenceRecord } from '../shared/targets/reference-record.ts';
import type { FeedbackFile } from './feedback-file.ts';
import { FILE_FORMAT, FeedbackFileError, parseFeedbackFile, parseReferenceList } from './feedback-file.ts';

export const REFERENCES_FORMAT = 'sonic-ai-eq-references';
export const REFERENCES_VERSION = 1;

export interface ReferencesFile {
  format: typeof REFERENCES_FORMAT;
  version: number;
  exportedAt: string;
  references: ReferenceRecord[];
}

export function toReferencesFile(references: readonly ReferenceRecord[], now = new Date()): ReferencesFile {
  return {
    format: REFERENCES_FORMAT,
    version: REFERENCES_VERSION,
    exportedAt: now.toISOString(),
    references: references.map((r) => ({ ...r })),
  };
}

export function serialiseReferences(file: ReferencesFile): string {
  return `${JSON.stringify(file, null, 1)}\n`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new FeedbackFileError('This file is not JSON, so it is not an export of this app.');
  }
}

/** Parses and validates a references file; throws FeedbackFileError with a readable reason. */
export function parseReferencesFile(text: string): ReferencesFile {
  const data = parseJson(text);
  if (!isObj(data) || data.format !== REFERENCES_FORMAT) {
    throw new FeedbackFileError('This JSON file is not a Sonic AI EQ reference profile file.');
  }
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) {
    throw new FeedbackFileError('The reference file has no valid format version.');
  }
  if (data.version > REFERENCES_VERSION) {
    throw new FeedbackFileError(
      `The reference file was made by a newer version of the app (format ${data.version}); update the app to import it.`,
    );
  }
  if (!Array.isArray(data.references))
    throw new FeedbackFileError('The reference file has no list of references.');
  return {
    format: REFERENCES_FORMAT,
    version: data.version,
    exportedAt: typeof data.exportedAt === 'string' ? data.exportedAt : '',
    references: parseReferenceList(data.references, FeedbackFileError),
  };
}

export type ImportFile = { kind: 'data'; file: FeedbackFile } | { kind: 'references'; file: ReferencesFile };

/** Either file the app exports or `eq profile` writes; throws FeedbackFileError saying why not. */
export function parseImportFile(text: string): ImportFile {
  const data = parseJson(text);
  const format = isObj(data) ? data.format : undefined;
  if (format === REFERENCES_FORMAT) return { kind: 'references', file: parseReferencesFile(text) };
  if (format === FILE_FORMAT) return { kind: 'data', file: parseFeedbackFile(text) };
  throw new FeedbackFileError('This JSON file is not a Sonic AI EQ export or reference profile file.');
}
