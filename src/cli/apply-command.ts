/**
 * `eq apply IN OUT --gains g1,…,g10 [--amount A]`: equalises a file with the shared kernel and writes a WAV
 * at the input's sample rate and channel count, lowered when needed so its true peak stays at or below
 * OUTPUT_CEILING_DBTP (said on stderr).
 */
import { writeFile } from 'node:fs/promises';
import { applyEq, BAND_COUNT, MAX_BAND_GAIN_DB, scaleCommand } from '../shared/dsp/index.ts';
import { fromDb, toDb, truePeak } from '../shared/loudness/true-peak.ts';
import { encodeWav, type WavOutputFormat } from '../shared/wav/wav-encode.ts';
import type { WavSampleFormat } from '../shared/wav/wav-decode.ts';
import { decodeAudioFile } from './decode-audio.ts';
import { UsageError } from './usage-error.ts';

/** The export ceiling, as for the app's export: leaves room for lossy re-encoding. */
export const OUTPUT_CEILING_DBTP = -1;

export interface ApplyOptions {
  input: string;
  output: string;
  gainsDb: number[];
  amount: number;
}

export function parseApplyArgs(argv: string[]): ApplyOptions {
  const positional: string[] = [];
  let gains: string | undefined;
  let amount = '1';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--gains' || a === '--amount') {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      if (a === '--gains') gains = v;
      else amount = v;
    } else if (a.startsWith('--gains=')) gains = a.slice(8);
    else if (a.startsWith('--amount=')) amount = a.slice(9);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional.length !== 2) throw new UsageError('usage: eq apply IN OUT --gains g1,...,g10 [--amount A]');
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
  return { input: positional[0]!, output: positional[1]!, gainsDb, amount: amountValue };
}

/** Keeps the input's resolution where it can; 8-bit and 32-bit integer sources are written as 24-bit. */
function outputFormatFor(source: WavSampleFormat): WavOutputFormat {
  if (source === 'pcm16') return 'pcm16';
  if (source === 'float32' || source === 'float64') return 'float32';
  return 'pcm24';
}

export async function runApply(argv: string[]): Promise<number> {
  const opts = parseApplyArgs(argv);
  const audio = await decodeAudioFile(opts.input);
  if (audio.truncated) {
    process.stderr.write(`eq apply: ${opts.input} is truncated; equalising the part that is there\n`);
  }
  const command = scaleCommand(opts.gainsDb, opts.amount);
  const out = applyEq(audio.channels, audio.sampleRate, command);
  const peakDb = toDb(truePeak(out));
  if (peakDb > OUTPUT_CEILING_DBTP) {
    const trimDb = OUTPUT_CEILING_DBTP - peakDb;
    const g = fromDb(trimDb);
    for (const ch of out) for (let i = 0; i < ch.length; i++) ch[i]! *= g;
    process.stderr.write(
      `eq apply: output lowered by ${(-trimDb).toFixed(2)} dB to keep its true peak at ${OUTPUT_CEILING_DBTP} dBTP\n`,
    );
  }
  const format = outputFormatFor(audio.format);
  await writeFile(opts.output, encodeWav(out, audio.sampleRate, format)).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`${opts.output}: cannot write (${e.code ?? e.message})`);
  });
  return 0;
}
