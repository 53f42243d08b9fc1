#!/usr/bin/env node
/**
 * The command-line tool on the shared engine: `npm run --silent eq -- VERB ...` (usage.ts says it all).
 *   apply IN OUT --gains g1,...,g10 [--amount A]   equalise a file into a WAV (also --preset, --auto, --out-dir)
 *   auto IN OUT [--amount A]                        analyse and apply the file's own suggestion
 *   analyze FILE... [--json]                        the model's suggestion for each file
 *   preset FILE --format graphiceq|parametric|json  the suggestion as a preset for other equalizers
 *   accuracy [--json] [--presets]                   worst-case error of the EQ design (docs/ENGINE.md)
 * `eq --help` and `eq VERB --help` print usage and exit 0. Every failure prints one line on stderr and exits
 * non-zero.
 */
import { runAccuracy } from './accuracy-command.ts';
import { runAnalyze } from './analyze.ts';
import { runApply } from './apply-command.ts';
import { wantsHelp } from './args.ts';
import { runAuto } from './auto-command.ts';
import { runPreset } from './preset-command.ts';
import { OVERVIEW, VERB_USAGE } from './usage.ts';
import { UsageError } from './usage-error.ts';

const USAGE =
  'usage: eq apply IN OUT --gains g1,...,g10 [--amount A] | eq auto IN OUT | eq analyze FILE... [--json] | eq preset FILE --format F | eq accuracy [--json]; eq --help for more';

const VERBS: Record<string, (argv: string[]) => number | Promise<number>> = {
  apply: runApply,
  auto: runAuto,
  analyze: runAnalyze,
  preset: runPreset,
  accuracy: runAccuracy,
};

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === '--help' || verb === '-h' || verb === 'help') {
    const topic = verb === 'help' ? rest[0] : undefined;
    process.stdout.write(topic && VERB_USAGE[topic] ? VERB_USAGE[topic] : OVERVIEW);
    return 0;
  }
  const run = verb === undefined ? undefined : VERBS[verb];
  if (!run) throw new UsageError(verb ? `unknown verb '${verb}'; ${USAGE}` : USAGE);
  if (wantsHelp(rest)) {
    process.stdout.write(VERB_USAGE[verb!]!);
    return 0;
  }
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`eq: ${message.split('\n')[0]}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
