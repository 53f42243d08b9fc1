/**
 * The command line's small grammar, shared by every verb: positional arguments, `--name value` or
 * `--name=value` options (a value is taken as given, so `--gains -3,...` works too), boolean flags, and `--`
 * to end options. Anything else starting with `--` is a usage error.
 */
import { MAX_AMOUNT } from '../shared/dsp/eq-command.ts';
import { EXPORT_CEILING_DBTP } from '../audio/export/export-format.ts';
import type { DeliveryTarget } from '../shared/loudness/delivery.ts';
import { UsageError } from './usage-error.ts';

export interface ParsedArgs {
  positional: string[];
  values: Map<string, string>;
  flags: Set<string>;
}

export interface ArgSpec {
  /** Options that take a value, without the dashes. */
  values?: readonly string[];
  /** Options that stand alone, without the dashes. */
  flags?: readonly string[];
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const out: ParsedArgs = { positional: [], values: new Map(), flags: new Set() };
  const valueNames = new Set(spec.values ?? []);
  const flagNames = new Set(spec.flags ?? []);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (valueNames.has(name)) {
      const v = eq < 0 ? argv[++i] : a.slice(eq + 1);
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      if (out.values.has(name)) throw new UsageError(`--${name} is given twice`);
      out.values.set(name, v);
    } else if (flagNames.has(name) && eq < 0) {
      out.flags.add(name);
    } else {
      throw new UsageError(`unknown option ${eq < 0 ? a : a.slice(0, eq)}`);
    }
  }
  return out;
}

/** `--help` or `-h` anywhere before `--`: the verb prints its usage and exits 0. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** `--amount A`: 0 to MAX_AMOUNT, 1 = 100 %. */
export function parseAmount(value: string | undefined): number {
  if (value === undefined) return 1;
  const v = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(v) || v < 0 || v > MAX_AMOUNT)
    throw new UsageError(`--amount must be a number from 0 to ${MAX_AMOUNT} (1 = 100 %), got '${value}'`);
  return v;
}

/** A dB or LUFS value of an option, within [lo, hi]. */
function levelValue(option: string, text: string, lo: number, hi: number): number {
  const v = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(v) || v < lo || v > hi) {
    throw new UsageError(`--${option} must be a number from ${lo} to ${hi}, got '${text}'`);
  }
  return v;
}

/** Options every verb that writes audio takes for its level. */
export const LEVEL_OPTIONS = ['target-lufs', 'ceiling-dbtp'] as const;

/**
 * `--target-lufs L` (integrated loudness, with the true-peak limiter) and `--ceiling-dbtp C` (default −1):
 * the level of what is written. Without a target the level is kept and only lowered to stay under C.
 */
export function parseDelivery(values: ReadonlyMap<string, string>): DeliveryTarget {
  const ceiling = values.get('ceiling-dbtp');
  const ceilingDbtp =
    ceiling === undefined ? EXPORT_CEILING_DBTP : levelValue('ceiling-dbtp', ceiling, -20, 0);
  const target = values.get('target-lufs');
  return target === undefined
    ? { kind: 'keep', ceilingDbtp }
    : { kind: 'loudness', lufs: levelValue('target-lufs', target, -60, 0), ceilingDbtp };
}
