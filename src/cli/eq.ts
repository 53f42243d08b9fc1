#!/usr/bin/env node
/**
 * The command-line tool on the shared engine: `npm run --silent eq -- VERB ...`.
 *   apply IN OUT --gains g1,...,g10 [--amount A]   equalise a file into a WAV
 *   analyze FILE... [--json]                        the model's suggestion for each file
 *     [--reference REF]... [--style NAME]            ... or the correction toward references or a style
 *   profile REF... --out FILE.json                  reference profiles, in the file the app imports
 *   styles [--json]                                 the style targets' names
 *   accuracy [--json]                               worst-case error of the EQ design (docs/ENGINE.md)
 * Every failure prints one line on stderr and exits non-zero.
 */
import { runAccuracy } from './accuracy-command.ts';
import { runAnalyze } from './analyze.ts';
import { runApply } from './apply-command.ts';
import { runProfile } from './profile-command.ts';
import { runStyles } from './styles-command.ts';
import { UsageError } from './usage-error.ts';

const USAGE =
  'usage: eq apply IN OUT --gains g1,...,g10 [--amount A] | eq analyze FILE... [--reference REF]... [--style NAME] [--json] | eq profile REF... --out FILE.json | eq styles [--json] | eq accuracy [--json]';

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  switch (verb) {
    case 'apply':
      return runApply(rest);
    case 'analyze':
      return runAnalyze(rest);
    case 'accuracy':
      return runAccuracy(rest);
    case 'profile':
      return runProfile(rest);
    case 'styles':
      return runStyles(rest);
    default:
      throw new UsageError(verb ? `unknown verb '${verb}'; ${USAGE}` : USAGE);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`eq: ${message.split('\n')[0]}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
