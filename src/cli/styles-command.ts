/**
 * `eq styles [--json]`: the style targets `analyze --style` takes, one name per line (with `--json`, one
 * object per line: name, label, description and how many corpus tracks the style was learned from).
 */
import { STYLES } from '../shared/targets/index.ts';
import { UsageError } from './usage-error.ts';

export function runStyles(argv: string[]): number {
  const json = argv.includes('--json');
  const extra = argv.filter((a) => a !== '--json');
  if (extra.length) throw new UsageError(`unknown argument ${extra[0]}; usage: eq styles [--json]`);
  for (const s of STYLES.styles) {
    process.stdout.write(
      json
        ? `${JSON.stringify({ name: s.name, label: s.label, description: s.description, tracks: s.tracks })}\n`
        : `${s.name}\n`,
    );
  }
  return 0;
}
