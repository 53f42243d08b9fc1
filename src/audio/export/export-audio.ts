/**
 * Exports equalised audio: the song streams through the EQ (the live preview's kernel and design) into
 * WAV (16-bit TPDF-dithered, 24-bit, 32-bit float) or MP3, lowered if it would pass −1 dBTP, in the export
 * worker (export-pipeline.ts). Cancel with the signal; nothing is produced then.
 */
import { copyChannels } from '../copy-channels.ts';
import { exportInWorker } from './encode-client.ts';
import type { ExportJob } from './export-worker-api.ts';
import { exportFileName } from './file-name.ts';
import type { ExportFormat } from './export-format.ts';

export interface ExportOptions {
  /** Aborting rejects the export with an AbortError DOMException and stops its work. */
  signal?: AbortSignal;
  /** Called with the overall fraction done, from 0 to 1, a few times a second. */
  onProgress?: (fraction: number) => void;
}

export interface ExportResult {
  /** The file (on disk where the browser has an origin-private file system). */
  blob: Blob;
  /** Level change applied to keep the file at or below −1 dBTP: negative when lowered, 0 otherwise. */
  gainDb: number;
  /** The file's true peak after that change, dBTP (before lossy encoding, for MP3). */
  truePeakDb: number;
  /** The file's rate and channels: the source's, except an MP3 of a source MP3 cannot carry (mp3-layout.ts). */
  sampleRate: number;
  channelCount: number;
  /** The download name for a source file name: "Song.flac" → "Song (Sonic EQ, 24-bit).wav". */
  fileName(base: string): string;
}

async function run(
  source: ExportJob['source'],
  commandDb: number[],
  format: ExportFormat,
  opts: ExportOptions,
): Promise<ExportResult> {
  const r = await exportInWorker({ source, commandDb: [...commandDb], format }, opts);
  return {
    blob: r.file,
    gainDb: r.gainDb,
    truePeakDb: r.truePeakDb,
    sampleRate: r.sampleRate,
    channelCount: r.channelCount,
    fileName: (base) => exportFileName(base, format, r.extension),
  };
}

/** Exports a song from its file (read twice, a piece at a time: never held in memory). */
export function exportFile(
  file: Blob,
  commandDb: number[],
  format: ExportFormat,
  opts: ExportOptions = {},
): Promise<ExportResult> {
  return run({ file }, commandDb, format, opts);
}

/** Exports a decoded buffer (its channels are copied and handed to the worker). */
export function exportAudio(
  buffer: AudioBuffer,
  commandDb: number[],
  format: ExportFormat,
  opts: ExportOptions = {},
): Promise<ExportResult> {
  return run({ channels: copyChannels(buffer), sampleRate: buffer.sampleRate }, commandDb, format, opts);
}
