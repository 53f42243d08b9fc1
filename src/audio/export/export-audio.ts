/**
 * Exports equalised audio: the EQ worklet renders the buffer offline at its sample rate and channel count,
 * then the export worker measures the true peak, lowers the level if it would pass −1 dBTP, and encodes
 * WAV (16-bit TPDF-dithered, 24-bit, 32-bit float) or MP3. Cancel with the signal; nothing is produced then.
 */
import { copyChannels } from '../copy-channels.ts';
import { encodeInWorker } from './encode-client.ts';
import { exportFileName } from './file-name.ts';
import type { ExportFormat } from './export-format.ts';
import { renderThroughEq } from './render-offline.ts';

export interface ExportOptions {
  /** Aborting rejects the export with an AbortError DOMException and stops its work. */
  signal?: AbortSignal;
  /** Called with the overall fraction done, from 0 to 1, a few times a second. */
  onProgress?: (fraction: number) => void;
}

export interface ExportResult {
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

/** Share of the progress bar taken by the offline render; the rest is the worker (peak, gain, encoding). */
const RENDER_SHARE: Record<ExportFormat, number> = { wav16: 0.5, wav24: 0.5, wav32f: 0.5, mp3: 0.2 };

export async function exportAudio(
  buffer: AudioBuffer,
  commandDb: number[],
  format: ExportFormat,
  opts: ExportOptions = {},
): Promise<ExportResult> {
  const { signal, onProgress } = opts;
  const share = RENDER_SHARE[format];
  const rendered = await renderThroughEq(buffer, commandDb, {
    signal,
    onProgress: onProgress && ((f) => onProgress(f * share)),
  });
  // Own copies, so they can be transferred to the worker whatever the AudioBuffer's memory is.
  const channels = copyChannels(rendered);
  const result = await encodeInWorker(
    { channels, sampleRate: rendered.sampleRate, format },
    { signal, onProgress: onProgress && ((f) => onProgress(share + (1 - share) * f)) },
  );
  return {
    blob: new Blob([result.bytes as Uint8Array<ArrayBuffer>], { type: result.mimeType }),
    gainDb: result.gainDb,
    truePeakDb: result.truePeakDb,
    sampleRate: result.sampleRate,
    channelCount: result.channelCount,
    fileName: (base) => exportFileName(base, format, result.extension),
  };
}
