/**
 * `eq apply IN OUT --gains g1,…,g10 [--amount A] [--target-lufs L] [--ceiling-dbtp C]`: equalises a file with
 * the shared kernel and writes the format OUT names (.wav, .flac, .mp3) at the input's sample rate and
 * channel count, through the app's export code (write-output.ts): the level kept and lowered only when its
 * true peak would pass the ceiling (default −1 dBTP), or brought to L LUFS with the true-peak limiter.
 * What was done is said on stderr.
 */
import { applyEqInPlace, BAND_COUNT, MAX_BAND_GAIN_DB, scaleCommand } from '../shared/dsp/index.ts';
import type { DeliveryTarget } from '../shared/loudness/delivery.ts';
import { decodeAudioFile } from './decode-audio.ts';
import { UsageError } from './usage-error.ts';
import { outputFormatFor, writeOutput } from './write-output.ts';

/** The export ceiling, as for the app's export: leaves room for lossy re-encoding. */
export const OUTPUT_CEILING_DBTP = -1;

export interface ApplyOptions {
  input: string;
  output: string;
  gainsDb: number[];
  amount: number;
  /** Integrated loudness to deliver at (LUFS); absent: keep the level. */
  targetLufs?: number;
  ceilingDbtp: number;
}

/** Parses a dB or LUFS value of a flag within [lo, hi]. */
function levelFlag(flag: string, text: string, lo: number, hi: number): number {
  const v = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(v) || v < lo || v > hi) {
    throw new UsageError(`${flag} must be a number from ${lo} to ${hi}, got '${text}'`);
  }
  return v;
}

export function parseApplyArgs(argv: string[]): ApplyOptions {
  const positional: string[] = [];
  let gains: string | undefined;
  let amount = '1';
  let targetLufs: string | undefined;
  let ceilingDbtp = String(OUTPUT_CEILING_DBTP);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--gains' || a === '--amount' || a === '--target-lufs' || a === '--ceiling-dbtp') {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      if (a === '--gains') gains = v;
      else if (a === '--amount') amount = v;
      else if (a === '--target-lufs') targetLufs = v;
      else ceilingDbtp = v;
    } else if (a.startsWith('--gains=')) gains = a.slice(8);
    else if (a.startsWith('--amount=')) amount = a.slice(9);
    else if (a.startsWith('--target-lufs=')) targetLufs = a.slice(14);
    else if (a.startsWith('--ceiling-dbtp=')) ceilingDbtp = a.slice(15);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional.length !== 2) {
    throw new UsageError(
      'usage: eq apply IN OUT --gains g1,...,g10 [--amount A] [--target-lufs L] [--ceiling-dbtp C]',
    );
  }
  if (gains === undefined)
    throw new UsageError(`--gains is required: ${BAND_COUNT} comma-separated dB values`);
  const parts = gains.split(',');
  if (parts.length !== BAND_COUNT) {
    throw new UsageError(`--gains needs ${BAND_COUNT} comma-separated dB values, got ${parts.length}`);
  }
  const gainsDb = parts.map((p) => {
    const v = p.trim() === '' ? Number.NaN : Number(p);
    if (!Number.isFinite(v)) throw new UsageError(`--gains: '${p}' is not a number`);
    if (Math.abs(v) > MAX_BAND_GAIN_DB)
      throw new UsageError(`--gains: ${v} dB is outside ±${MAX_BAND_GAIN_DB} dB`);
    return v;
  });
  const amountValue = Number(amount);
  if (!Number.isFinite(amountValue) || amountValue < 0 || amountValue > 1.5) {
    throw new UsageError(`--amount must be a number from 0 to 1.5 (1 = 100 %), got '${amount}'`);
  }
  return {
    input: positional[0]!,
    output: positional[1]!,
    gainsDb,
    amount: amountValue,
    ...(targetLufs !== undefined && { targetLufs: levelFlag('--target-lufs', targetLufs, -60, 0) }),
    ceilingDbtp: levelFlag('--ceiling-dbtp', ceilingDbtp, -20, 0),
  };
}

export async function runApply(argv: string[]): Promise<number> {
  const opts = parseApplyArgs(argv);
  const audio = await decodeAudioFile(opts.input);
  // Refused before any work: an output type we cannot write.
  const format = outputFormatFor(opts.output, audio.format);
  if (audio.truncated) {
    process.stderr.write(`eq apply: ${opts.input} is truncated; equalising the part that is there\n`);
  }
  const command = scaleCommand(opts.gainsDb, opts.amount);
  const out = applyEqInPlace(audio.channels, audio.sampleRate, command);
  const delivery: DeliveryTarget =
    opts.targetLufs === undefined
      ? { kind: 'keep', ceilingDbtp: opts.ceilingDbtp }
      : { kind: 'loudness', lufs: opts.targetLufs, ceilingDbtp: opts.ceilingDbtp };
  const result = await writeOutput({
    channels: out,
    sampleRate: audio.sampleRate,
    inputPath: opts.input,
    outputPath: opts.output,
    format,
    delivery,
  });
  const { level } = result;
  if (level.gainDb !== 0 || level.limiterMaxReductionDb > 0) {
    const a = level.after;
    process.stderr.write(
      `eq apply: ${level.description} (gain ${level.gainDb.toFixed(3)} dB; ${a.integratedLufs.toFixed(1)} LUFS, ` +
        `true peak ${result.truePeakDb.toFixed(2)} dBTP, loudness range ${a.loudnessRangeLu.toFixed(1)} LU)\n`,
    );
  }
  return 0;
}
