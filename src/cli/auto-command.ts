/**
 * `eq auto IN OUT [--amount A] [--target-lufs L] [--ceiling-dbtp C] [--force]`: analyse a file and apply its own suggestion in one step, the same
 * as `eq analyze` followed by `eq apply --gains` with the gains it printed. Target options (`--reference`,
 * `--style`) become further curve kinds in curve-source.ts and options here.
 */
import { LEVEL_OPTIONS, parseAmount, parseArgs, parseDelivery } from './args.ts';
import { curveFor } from './curve-source.ts';
import { equaliseFile } from './equalise-file.ts';
import { checkOutput } from './output-guard.ts';
import { UsageError } from './usage-error.ts';

export async function runAuto(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['amount', ...LEVEL_OPTIONS], flags: ['force'] });
  if (a.positional.length !== 2)
    throw new UsageError('usage: eq auto IN OUT [--amount A] [--target-lufs L] [--ceiling-dbtp C] [--force]');
  const [input, output] = a.positional as [string, string];
  const amount = parseAmount(a.values.get('amount'));
  const force = a.flags.has('force');
  const delivery = parseDelivery(a.values);
  checkOutput(output, [input], force);
  await equaliseFile({
    verb: 'auto',
    input,
    output,
    force,
    gainsFor: (audio) => curveFor({ kind: 'auto' }, undefined, input, audio, 'auto'),
    amount,
    delivery,
  });
  return 0;
}
