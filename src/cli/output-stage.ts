/**
 * The output stage of every verb that writes audio: peak-safe level, encoding, writing. One call
 * (writeOutput), so output formats and level options plug in here and nowhere else.
 */
import { rm, writeFile } from 'node:fs/promises';
import { fromDb, toDb, truePeak } from '../shared/loudness/true-peak.ts';
import { encodeWav, type WavOutputFormat } from '../shared/wav/wav-encode.ts';
import type { WavSampleFormat } from '../shared/wav/wav-decode.ts';
import type { DecodedAudio } from './decode-audio.ts';
import { writeFlag } from './output-guard.ts';

/** The export ceiling, as for the app's export: leaves room for lossy re-encoding. */
export const OUTPUT_CEILING_DBTP = -1;

/** Keeps the input's resolution where it can; 8-bit and 32-bit integer sources are written as 24-bit. */
function outputFormatFor(source: WavSampleFormat): WavOutputFormat {
  if (source === 'pcm16') return 'pcm16';
  if (source === 'float32' || source === 'float64') return 'float32';
  return 'pcm24';
}

export interface OutputRequest {
  /** For messages: "apply", "auto". */
  verb: string;
  path: string;
  /** Replace an existing file (never an input: checkOutput ran before). */
  force: boolean;
}

/**
 * Lowers the level if the true peak would pass the ceiling (said on stderr), encodes and writes. Returns the
 * gain applied (dB, 0 or negative). A write that fails half way leaves no partial file behind.
 */
export async function writeOutput(
  equalised: Float32Array[],
  source: DecodedAudio,
  out: OutputRequest,
): Promise<number> {
  const peakDb = toDb(truePeak(equalised));
  let trimDb = 0;
  if (peakDb > OUTPUT_CEILING_DBTP) {
    trimDb = OUTPUT_CEILING_DBTP - peakDb;
    const g = fromDb(trimDb);
    for (const ch of equalised) for (let i = 0; i < ch.length; i++) ch[i]! *= g;
    process.stderr.write(
      `eq ${out.verb}: output lowered by ${(-trimDb).toFixed(2)} dB to keep its true peak at ${OUTPUT_CEILING_DBTP} dBTP\n`,
    );
  }
  const format = outputFormatFor(source.format);
  await writeFile(out.path, encodeWav(equalised, source.sampleRate, format), {
    flag: writeFlag(out.force),
  }).catch(async (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') await rm(out.path, { force: true }).catch(() => undefined);
    throw new Error(
      e.code === 'EEXIST'
        ? `${out.path} exists; add --force to overwrite it`
        : `${out.path}: cannot write (${e.code ?? e.message})`,
    );
  });
  return trimDb;
}
