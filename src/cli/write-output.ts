/**
 * The output stage of `eq apply`: the level (keep it under the ceiling, or a loudness target with the
 * true-peak limiter) and the file format the OUT extension names, through the same code as the app's export
 * worker (src/audio/export/encode-export.ts: the shared level stage, the WAV writer, LAME and libFLAC through
 * mediabunny), with the input's tags. An MP3 is decoded again with ffmpeg and its true peak checked, as the
 * app does with WebCodecs. Node only.
 */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { encodeExport } from '../audio/export/encode-export.ts';
import type { EncodeResult, ExportFormatId } from '../audio/export/export-format.ts';
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
  channels: Float32Array[];
  sampleRate: number;
  /** Where the audio came from: its tags are copied. */
  inputPath: string;
  outputPath: string;
  format: ExportFormatId;
  delivery: DeliveryTarget;
}

/** Levels, encodes and writes the output file; returns what was done. */
export async function writeOutput(req: OutputRequest): Promise<EncodeResult> {
  // mediabunny reads only the tag bytes of the input; loaded here, not at start-up.
  const [{ FilePathSource }, { readTagsFrom }] = await Promise.all([
    import('mediabunny'),
    import('../audio/export/export-tags.ts'),
  ]);
  const tags = await readTagsFrom(new FilePathSource(req.inputPath));
  const result = await encodeExport(
    { channels: req.channels, sampleRate: req.sampleRate, format: req.format, delivery: req.delivery, tags },
    undefined,
    { decodedTruePeakDb: ffmpegDecodedTruePeakDb },
  );
  await writeFile(req.outputPath, result.bytes).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`${req.outputPath}: cannot write (${e.code ?? e.message})`);
  });
  return result;
}
