/**
 * Exports equalised audio through the one export path (export-pipeline.ts) in the export worker: the song
 * streams through the EQ (the live preview's kernel and design), is brought to the delivery target (keep the
 * level under −1 dBTP by default, or a loudness with the true-peak limiter), and is encoded as WAV (16-bit
 * TPDF-dithered, 24-bit, 32-bit float), FLAC (16, 24-bit), MP3, or Opus/AAC where the browser encodes them,
 * with the source's tags, into a file on disk. Cancel with the signal; nothing is produced then.
 */
import type { DeliveryTarget } from '../../shared/loudness/delivery.ts';
import { copyChannels } from '../copy-channels.ts';
import { exportInWorker } from './encode-client.ts';
import { exportedFileFacts, type ExportedFileFacts, type ExportFormatId } from './export-format.ts';
import type { ExportTags } from './export-tags.ts';
import type { ExportJob } from './export-worker-api.ts';
import { exportFileName } from './file-name.ts';

export interface ExportOptions {
  /** Aborting rejects the export with an AbortError DOMException and stops its work. */
  signal?: AbortSignal;
  /** Called with the overall fraction done, from 0 to 1, a few times a second. */
  onProgress?: (fraction: number) => void;
  /** The level to deliver at: DELIVERY_PRESETS.keep (the default), .streaming, .broadcast or a custom target. */
  delivery?: DeliveryTarget;
  /** The file whose title, artist, album and cover go into the export (default: the song's own file). */
  source?: Blob;
  /** Tags to write instead of the source's. */
  tags?: ExportTags;
}

export interface ExportResult extends ExportedFileFacts {
  /** The file (on disk where the browser has an origin-private file system). */
  blob: Blob;
  /** The download name for a source file name: "Song.flac" → "Song (Sonic EQ, 24-bit).wav". */
  fileName(base: string): string;
}

async function run(
  source: ExportJob['source'],
  commandDb: number[],
  format: ExportFormatId,
  opts: ExportOptions,
): Promise<ExportResult> {
  const { signal, onProgress, delivery, source: tagSource, tags } = opts;
  const r = await exportInWorker(
    { source, commandDb: [...commandDb], format, delivery, tags, tagSource },
    { signal, onProgress },
  );
  return {
    blob: r.file,
    ...exportedFileFacts(r),
    fileName: (base) => exportFileName(base, format, r.extension),
  };
}

/** Exports a song from its file (read twice, a piece at a time: never held in memory). */
export function exportFile(
  file: Blob,
  commandDb: number[],
  format: ExportFormatId,
  opts: ExportOptions = {},
): Promise<ExportResult> {
  return run({ file }, commandDb, format, opts);
}

/** Exports a decoded buffer (its channels are copied and handed to the worker). */
export function exportAudio(
  buffer: AudioBuffer,
  commandDb: number[],
  format: ExportFormatId,
  opts: ExportOptions = {},
): Promise<ExportResult> {
  return run({ channels: copyChannels(buffer), sampleRate: buffer.sampleRate }, commandDb, format, opts);
}
