/**
 * `eq apply IN... --out-dir DIR (--auto | --gains … | --preset FILE)`: one file after another, each with its
 * own suggestion under --auto, written to DIR under its own name with the output's extension. A progress
 * line per file on stderr; a file that fails is reported and skipped, the rest are written; the exit code is
 * 1 when any failed. Outputs are checked like single ones (output-guard.ts), and two inputs that would land
 * on one output name (a.flac and a.mp3) do not overwrite each other: the later one fails.
 */
import { mkdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ApplyOptions } from './apply-command.ts';
import { curveFor } from './curve-source.ts';
import { equaliseFile } from './equalise-file.ts';
import { checkOutput, outputKey } from './output-guard.ts';
import { UsageError } from './usage-error.ts';

/** Where an input goes in the output directory: its name with the extension of what we write. */
export function batchOutputPath(outDir: string, input: string): string {
  return join(outDir, `${basename(input, extname(input))}.wav`);
}

export async function runBatch(opts: ApplyOptions, presetGainsDb: number[] | undefined): Promise<number> {
  const outDir = opts.outDir!;
  const existing = await stat(outDir).catch(() => null);
  if (existing && !existing.isDirectory()) throw new UsageError(`--out-dir ${outDir} is not a directory`);
  if (!existing) {
    await mkdir(outDir, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`--out-dir ${outDir}: cannot create it (${e.code ?? e.message})`);
    });
  }
  const total = opts.inputs.length;
  const claimed = new Map<string, string>();
  let failed = 0;
  for (const [i, input] of opts.inputs.entries()) {
    const output = batchOutputPath(outDir, input);
    const tag = `eq apply: [${i + 1}/${total}] ${input}`;
    try {
      const key = outputKey(output);
      const earlier = claimed.get(key);
      if (earlier !== undefined) throw new Error(`${earlier} in this batch is already written to ${output}`);
      checkOutput(output, opts.inputs, opts.force);
      claimed.set(key, input);
      process.stderr.write(`${tag} -> ${output}\n`);
      await equaliseFile({
        verb: 'apply',
        input,
        output,
        force: opts.force,
        gainsFor: (audio) => curveFor(opts.curve, presetGainsDb, input, audio, 'apply'),
        amount: opts.amount,
        delivery: opts.delivery,
      });
    } catch (e) {
      failed++;
      const message = (e as Error).message.split('\n')[0]!;
      const reason = message.startsWith(`${input}: `) ? message.slice(input.length + 2) : message;
      process.stderr.write(`${tag}: failed: ${reason}\n`);
    }
  }
  const written = total - failed;
  process.stderr.write(
    `eq apply: ${written} of ${total} file${total === 1 ? '' : 's'} written to ${outDir}` +
      (failed > 0 ? `; ${failed} failed` : '') +
      '\n',
  );
  return failed > 0 ? 1 : 0;
}
