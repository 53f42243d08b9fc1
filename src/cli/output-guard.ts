/**
 * Before any work: may we write this output? Never over an input (by path, symlink or hard link, whatever
 * --force says), never over an existing file without --force, never into a directory that is not there.
 * Checked before decoding so a mistake costs nothing; the write itself also refuses to replace a file that
 * appeared meanwhile unless --force (writeFile flag 'wx').
 */
import { realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { outputFormatFor } from './output-stage.ts';
import { UsageError } from './usage-error.ts';

export class OutputRefused extends UsageError {}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function sameFile(a: string, aStat: Stats | null, b: string): boolean {
  const bStat = statOrNull(b);
  if (aStat && bStat) return aStat.dev === bStat.dev && aStat.ino === bStat.ino;
  return resolve(a) === resolve(b);
}

/** Throws OutputRefused with a one-line reason when `output` must not be written. */
export function checkOutput(output: string, inputs: readonly string[], force: boolean): void {
  // An output type we cannot write is refused before anything else (the source's depth does not matter here).
  outputFormatFor(output, 'float32');
  const outStat = statOrNull(output);
  const input = inputs.find((i) => sameFile(output, outStat, i));
  if (input !== undefined)
    throw new OutputRefused(`refusing to overwrite the input ${input} with the output`);
  if (outStat?.isDirectory()) throw new OutputRefused(`${output} is a directory; give a file name to write`);
  if (outStat && !force) throw new OutputRefused(`${output} exists; add --force to overwrite it`);
  const dir = dirname(resolve(output));
  if (!statOrNull(dir)?.isDirectory()) throw new OutputRefused(`cannot write ${output}: no directory ${dir}`);
}

/** A path's identity for spotting two outputs of one batch that land on the same file. */
export function outputKey(path: string): string {
  try {
    return realpathSync(dirname(resolve(path))) + '/' + resolve(path).split('/').pop();
  } catch {
    return resolve(path);
  }
}
