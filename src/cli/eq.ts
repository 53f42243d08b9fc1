#!/usr/bin/env node
/**
 * The command-line tool on the shared engine: `npm run --silent eq -- VERB ...` (usage.ts says it all).
 *   apply IN OUT --gains g1,...,g10 [--amount A]   equalise a file into a WAV (also --preset, --auto, --out-dir)
 *   auto IN OUT [--amount A]                        analyse and apply the file's own suggestion
 *   analyze FILE... [--json]                        the model's suggestion for each file
 *     [--reference REF]... [--style NAME]            ... or the correction toward references or a style
 *   profile REF... --out FILE.json                  reference profiles, in the file the app imports
 *   styles [--json]                                 the style targets' names
 *   preset FILE --format graphiceq|parametric|json  the suggestion as a preset for other equalizers
 *   accuracy [--json] [--presets]                   worst-case error of the EQ design (docs/ENGINE.md)
 * `eq --help` and `eq VERB --help` print usage and exit 0. Every failure prints one line on stderr and exits
 * non-zero.
 */
import { wantsHelp } from './args.ts';
import { OVERVIEW, VERB_USAGE } from './usage.ts';
import { UsageError } from './usage-error.ts';

const USAGE =
  'usage: eq apply IN OUT --gains g1,...,g10 [--amount A] | eq auto IN OUT | eq analyze FILE... [--reference REF]... [--style NAME] [--json] | eq profile REF... --out FILE.json | eq styles [--json] | eq preset FILE --format F | eq accuracy [--json]; eq --help for more';

type Verb = (argv: string[]) => number | Promise<number>;

/** Loaded on demand: help and refusals answer without loading the model runtime. */
const VERBS: Record<string, () => Promise<Verb>> = {
  apply: async () => (await import('./apply-command.ts')).runApply,
  auto: async () => (await import('./auto-command.ts')).runAuto,
  analyze: async () => (await import('./analyze.ts')).runAnalyze,
  preset: async () => (await import('./preset-command.ts')).runPreset,
  profile: async () => (await import('./profile-command.ts')).runProfile,
  styles: async () => (await import('./styles-command.ts')).runStyles,
  accuracy: async () => (await import('./accuracy-command.ts')).runAccuracy,
};

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === '--help' || verb === '-h' || verb === 'help') {
    const topic = verb === 'help' ? rest[0] : undefined;
    process.stdout.write(topic && VERB_USAGE[topic] ? VERB_USAGE[topic] : OVERVIEW);
    return 0;
  }
  const load = verb === undefined ? undefined : VERBS[verb];
  if (!load) throw new UsageError(verb ? `unknown verb '${verb}'; ${USAGE}` : USAGE);
  if (wantsHelp(rest)) {
    process.stdout.write(VERB_USAGE[verb!]!);
    return 0;
  }
  return (await load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`eq: ${message.split('\n')[0]}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
