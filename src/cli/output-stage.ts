/**
 * The output stage of every verb that writes audio: the level (kept under the ceiling, or brought to a
 * loudness target with the true-peak limiter) and the file format the output's extension names, through the
 * same code as the app's export worker (src/audio/export/encode-export.ts: the shared level stage, the WAV
 * writer, LAME and libFLAC through mediabunny), with the input's tags. One call (writeOutput), so formats and
 * level options live here and nowhere else. An MP3 is decoded again with ffmpeg and its true peak checked, as
 * the app does with WebCodecs. Node only.
 */
import { rm, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { encodeExport } from '../audio/export/encode-export.ts';
import type { ExportFormatId } from '../audio/export/export-format.ts';
import type { DeliveryTarget } from '../shared/loudness/delivery.ts';
import type { WavSampleFormat } from '../shared/wav/wav-decode.ts';
import { ffmpegDecodedTruePeakDb } from './ffmpeg-decode.ts';
import { UsageError } from './usage-error.ts';

/** The formats the command line writes, by extension. Opus and AAC need a browser's WebCodecs encoder. */
export function outputFormatFor(path: string, source: WavSampleFormat): ExportFormatId {
  const ext = extname(path).toLowerCase();
  const hiRes = source !== 'pcm16' && source !== 'pcm8';
  switch (ext) {
    case '.wav':
      // Keeps the input's resolution where it can; 8-bit and 32-bit integer sources are written as 24-bit.
      if (source === 'pcm16' || source === 'pcm8') return 'wav16';
      return source === 'float32' || source === 'float64' ? 'wav32f' : 'wav24';
    case '.flac':
      return hiRes ? 'flac24' : 'flac16';
    case '.mp3':
      return 'mp3';
    case '.opus':
    case '.ogg':
    case '.m4a':
    case '.aac':
      throw new UsageError(
        `${path}: ${ext} is encoded only in the app (the browser's encoder); write .wav, .flac or .mp3`,
      );
    default:
      throw new UsageError(`${path}: unknown output type '${ext || '(none)'}'; write .wav, .flac or .mp3`);
  }
}

export interface OutputRequest {
  /** For messages: "apply", "auto". */
  verb: string;
  /** The input file: its tags are copied. */
  inputPath: string;
  path: string;
  /** Replace an existing file (never an input: checkOutput ran before). */
  force: boolean;
  delivery: DeliveryTarget;
}

/**
 * Levels, encodes and writes; says on stderr what was done to the level. A write that fails half way leaves
 * no partial file behind, and an existing file is replaced only with `force`.
 */
export async function writeOutput(
  equalised: Float32Array[],
  source: { sampleRate: number; format: WavSampleFormat },
  out: OutputRequest,
): Promise<void> {
  const format = outputFormatFor(out.path, source.format);
  // mediabunny reads only the tag bytes of the input; loaded here, not at start-up.
  const [{ FilePathSource }, { readTagsFrom }] = await Promise.all([
    import('mediabunny'),
    import('../audio/export/export-tags.ts'),
  ]);
  const tags = await readTagsFrom(new FilePathSource(out.inputPath));
  const result = await encodeExport(
    { channels: equalised, sampleRate: source.sampleRate, format, delivery: out.delivery, tags },
    undefined,
    { decodedTruePeakDb: ffmpegDecodedTruePeakDb },
  );
  const { level } = result;
  if (level.gainDb !== 0 || level.limiterMaxReductionDb > 0) {
    const a = level.after;
    process.stderr.write(
      `eq ${out.verb}: ${level.description} (gain ${level.gainDb.toFixed(3)} dB; ${a.integratedLufs.toFixed(1)} LUFS, ` +
        `true peak ${result.truePeakDb.toFixed(2)} dBTP, loudness range ${a.loudnessRangeLu.toFixed(1)} LU)\n`,
    );
  }
  await writeFile(out.path, result.bytes, { flag: out.force ? 'w' : 'wx' }).catch(
    async (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') await rm(out.path, { force: true }).catch(() => undefined);
      throw new Error(
        e.code === 'EEXIST'
          ? `${out.path} exists; add --force to overwrite it`
          : `${out.path}: cannot write (${e.code ?? e.message})`,
      );
    },
  );
}
