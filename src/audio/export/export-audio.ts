/**
 * Exports equalised audio: the EQ worklet renders the buffer offline at its sample rate and channel count,
 * then the export worker brings it to the delivery target (keep the level under −1 dBTP by default, or a
 * loudness with the true-peak limiter), and encodes WAV (16-bit TPDF-dithered, 24-bit, 32-bit float), FLAC
 * (16, 24-bit), MP3, or Opus/AAC where the browser encodes them, with the source's tags. Cancel with the
 * signal; nothing is produced then.
 */
import { copyChannels } from '../copy-channels.ts';
import { encodeInWorker } from './encode-client.ts';
import { equalisedFileName } from './file-name.ts';
import type { DeliveryTarget, LevelReport } from '../../shared/loudness/delivery.ts';
import { EXPORT_FORMAT_INFO, type ExportFormatId } from './export-format.ts';
import type { ExportTags } from './export-tags.ts';
import { renderThroughEq } from './render-offline.ts';

export interface ExportOptions {
  /** Aborting rejects the export with an AbortError DOMException and stops its work. */
  signal?: AbortSignal;
  /** Called with the overall fraction done, from 0 to 1, a few times a second. */
  onProgress?: (fraction: number) => void;
  /** The level to deliver at: DELIVERY_PRESETS.keep (the default), .streaming, .broadcast or a custom target. */
  delivery?: DeliveryTarget;
  /** The source file: its title, artist, album and cover are read in the worker and written into the export. */
  source?: Blob;
  /** Tags to write instead of the source's. */
  tags?: ExportTags;
}

export interface ExportResult {
  blob: Blob;
  /** The static level change: negative when lowered, positive when raised (loudness targets), 0 otherwise. */
  gainDb: number;
  /** The file's true peak, dBTP (for a lossy format, of the decoded file where the browser could decode it). */
  truePeakDb: number;
  /** What the level stage did, measured before and after, and `level.description` for the user. */
  level: LevelReport;
  /** The tags written into the file. */
  tags: ExportTags;
  /** The file's rate and channels: the source's, except an MP3 of a source MP3 cannot carry (mp3-layout.ts). */
  sampleRate: number;
  channelCount: number;
  /** The download name for a source file name: "Song.flac" → "Song (Sonic EQ).wav". */
  fileName(base: string): string;
}

/** Share of the progress bar taken by the offline render; the rest is the worker (level, encoding). */
const renderShare = (format: ExportFormatId) => (EXPORT_FORMAT_INFO[format].lossless ? 0.4 : 0.15);

export async function exportAudio(
  buffer: AudioBuffer,
  commandDb: number[],
  format: ExportFormatId,
  opts: ExportOptions = {},
): Promise<ExportResult> {
  const { signal, onProgress, delivery, source, tags } = opts;
  const share = renderShare(format);
  const rendered = await renderThroughEq(buffer, commandDb, {
    signal,
    onProgress: onProgress && ((f) => onProgress(f * share)),
  });
  // Own copies, so they can be transferred to the worker whatever the AudioBuffer's memory is.
  const channels = copyChannels(rendered);
  const result = await encodeInWorker(
    { channels, sampleRate: rendered.sampleRate, format, delivery, source, tags },
    { signal, onProgress: onProgress && ((f) => onProgress(share + (1 - share) * f)) },
  );
  return {
    blob: new Blob([result.bytes as Uint8Array<ArrayBuffer>], { type: result.mimeType }),
    gainDb: result.gainDb,
    truePeakDb: result.truePeakDb,
    level: result.level,
    tags: result.tags,
    sampleRate: result.sampleRate,
    channelCount: result.channelCount,
    fileName: (base) => equalisedFileName(base, result.extension),
  };
}
