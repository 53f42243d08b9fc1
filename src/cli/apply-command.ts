/**
 * `eq apply IN OUT (--gains g1,…,g10 | --preset FILE | --auto) [--amount A] [--target-lufs L]
 * [--ceiling-dbtp C] [--force]`: equalises a file with the shared kernel and writes the format OUT names
 * (.wav, .flac, .mp3) at the input's sample rate and channel count, through the app's export code
 * (output-stage.ts): the level kept and lowered only when its true peak would pass the ceiling (default
 * −1 dBTP), or brought to L LUFS with the true-peak limiter; what was done is said on stderr. With
 * `--out-dir DIR` it takes any number of inputs (apply-batch.ts). It never writes over an input, nor over an
 * existing file without --force.
 */
import { BAND_COUNT, MAX_BAND_GAIN_DB } from '../shared/dsp/index.ts';
import type { DeliveryTarget } from '../shared/loudness/delivery.ts';
import { LEVEL_OPTIONS, parseAmount, parseArgs, parseDelivery } from './args.ts';
import { runBatch } from './apply-batch.ts';
import { curveFor, loadPresetFile, type CurveChoice } from './curve-source.ts';
import { equaliseFile } from './equalise-file.ts';
import { checkOutput } from './output-guard.ts';
import { UsageError } from './usage-error.ts';

export interface ApplyOptions {
  inputs: string[];
  /** One input: where to write it. */
  output?: string;
  /** Several inputs (--out-dir): the directory they are written to. */
  outDir?: string;
  curve: CurveChoice;
  amount: number;
  force: boolean;
  /** The level of what is written (kept under the ceiling, or a loudness target). */
  delivery: DeliveryTarget;
}

const SHORT_USAGE =
  'usage: eq apply IN OUT (--gains g1,...,g10 | --preset FILE | --auto) [--amount A] [--target-lufs L] [--ceiling-dbtp C] [--force], or eq apply IN... --out-dir DIR ...';

export function parseGains(value: string): number[] {
  const parts = value.split(',');
  if (parts.length !== BAND_COUNT) {
    throw new UsageError(`--gains needs ${BAND_COUNT} comma-separated dB values, got ${parts.length}`);
  }
  return parts.map((p) => {
    const v = p.trim() === '' ? Number.NaN : Number(p);
    if (!Number.isFinite(v)) throw new UsageError(`--gains: '${p}' is not a number`);
    if (Math.abs(v) > MAX_BAND_GAIN_DB)
      throw new UsageError(`--gains: ${v} dB is outside ±${MAX_BAND_GAIN_DB} dB`);
    return v;
  });
}

export function parseApplyArgs(argv: string[]): ApplyOptions {
  const a = parseArgs(argv, {
    values: ['gains', 'amount', 'preset', 'out-dir', ...LEVEL_OPTIONS],
    flags: ['auto', 'force'],
  });
  const gains = a.values.get('gains');
  const preset = a.values.get('preset');
  const auto = a.flags.has('auto');
  const chosen = [gains !== undefined, preset !== undefined, auto].filter(Boolean).length;
  if (chosen === 0)
    throw new UsageError(
      `--gains is required: ${BAND_COUNT} comma-separated dB values (or --preset FILE, or --auto for each file's own suggestion)`,
    );
  if (chosen > 1) throw new UsageError('give one of --gains, --preset and --auto');
  const curve: CurveChoice =
    gains !== undefined
      ? { kind: 'gains', gainsDb: parseGains(gains) }
      : preset !== undefined
        ? { kind: 'preset', path: preset }
        : { kind: 'auto' };
  const amount = parseAmount(a.values.get('amount'));
  const force = a.flags.has('force');
  const delivery = parseDelivery(a.values);
  const outDir = a.values.get('out-dir');
  if (outDir !== undefined) {
    if (a.positional.length === 0) throw new UsageError('--out-dir needs at least one input file');
    return { inputs: a.positional, outDir, curve, amount, force, delivery };
  }
  if (a.positional.length !== 2) throw new UsageError(SHORT_USAGE);
  return { inputs: [a.positional[0]!], output: a.positional[1]!, curve, amount, force, delivery };
}

export async function runApply(argv: string[]): Promise<number> {
  const opts = parseApplyArgs(argv);
  // A preset is read (and its fit reported) once, before any audio, so a bad preset costs nothing.
  const preset = opts.curve.kind === 'preset' ? await loadPresetFile(opts.curve.path, 'apply') : undefined;
  if (opts.outDir !== undefined) return runBatch(opts, preset);
  const output = opts.output!;
  checkOutput(output, opts.inputs, opts.force);
  await equaliseFile({
    verb: 'apply',
    input: opts.inputs[0]!,
    output,
    force: opts.force,
    gainsFor: (audio) => curveFor(opts.curve, preset, opts.inputs[0]!, audio, 'apply'),
    amount: opts.amount,
    delivery: opts.delivery,
  });
  return 0;
}
