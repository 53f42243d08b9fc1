/**
 * `eq profile REF... --out FILE.json`: measures each reference track's balance profile, as the app does
 * when a reference is added, and writes them in the file format the app imports (src/storage/reference-file.ts).
 * Nothing is written unless every reference could be measured; an input is never overwritten.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ReferenceRecord } from '../shared/targets/index.ts';
import { serialiseReferences, toReferencesFile } from '../storage/reference-file.ts';
import { measureReference } from './reference-profiles.ts';
import { UsageError } from './usage-error.ts';

const USAGE = 'usage: eq profile REF... --out FILE.json';

export function parseProfileArgs(argv: readonly string[]): { references: string[]; out: string } {
  const references: string[] = [];
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--out' || a.startsWith('--out=')) {
      const v = a === '--out' ? argv[++i] : a.slice(6);
      if (v === undefined || v === '') throw new UsageError('--out needs a file name');
      out = v;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}; ${USAGE}`);
    else references.push(a);
  }
  if (references.length === 0) throw new UsageError(USAGE);
  if (out === null) throw new UsageError(`--out is required; ${USAGE}`);
  if (references.some((r) => resolve(r) === resolve(out))) {
    throw new UsageError(`--out ${out} is one of the references; it would be overwritten`);
  }
  return { references, out };
}

export async function runProfile(argv: string[]): Promise<number> {
  const { references, out } = parseProfileArgs(argv);
  const records: ReferenceRecord[] = [];
  for (const path of references) records.push(await measureReference(path));
  await writeFile(out, serialiseReferences(toReferencesFile(records))).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`${out}: cannot write (${e.code ?? e.message})`);
  });
  process.stdout.write(
    `${records.length} reference profile${records.length === 1 ? '' : 's'} written to ${out}\n`,
  );
  return 0;
}
