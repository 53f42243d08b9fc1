/** The export test page's API, as seen from Node (no DOM types: both realms import it). */
import type { ExportFormatId } from '../../../src/audio/export/export-format.ts';
import type { DeliveryTarget, LevelReport } from '../../../src/shared/loudness/delivery.ts';

/**
 * The demo song as the browser decodes it; the demo decoded at a rate and repeated to a length (a song of
 * any length for benchmarks); a file's bytes (its tags travel to the export); or the shared noise
 * fixture at a given layout.
 */
export type ExportSource =
  | { kind: 'demo' }
  | { kind: 'demo-loop'; seconds: number; sampleRate: number }
  | { kind: 'file'; data: Uint8Array; name: string; sampleRate: number }
  | { kind: 'fixture'; seconds: number; sampleRate: number; channels: number; seed: number };

export interface ExportRequest {
  source: ExportSource;
  commandDb: number[];
  format: ExportFormatId;
  /** The delivery target (default: keep the level). */
  delivery?: DeliveryTarget;
  /** Hand the source file to the export so its tags are copied (file sources only). */
  withSourceTags?: boolean;
  /**
   * Export from a file, as the app does (the song's file read twice in the export worker): the source as a
   * 32-bit float WAV, or the given file itself. Default: from the decoded buffer (its channels handed over).
   */
  fromFile?: boolean;
  /** Return the file's size only, not its bytes (benchmarks of long songs). */
  skipFile?: boolean;
  /** Cancel once the reported progress reaches this fraction (the export must then reject). */
  abortAt?: number;
}

export interface ExportOutcome {
  /** The file; absent when the export was cancelled or failed. */
  file?: Uint8Array;
  fileName?: string;
  mimeType?: string;
  gainDb?: number;
  truePeakDb?: number;
  /** What the level stage did, and its sentence for the user. */
  level?: LevelReport;
  sampleRate?: number;
  channelCount?: number;
  /** The file's size in bytes. */
  size?: number;
  /** Milliseconds from calling exportAudio to its result (render, level, encoding). */
  exportMs?: number;
  /** Every progress report, in order. */
  progress: number[];
  /** Progress reports that arrived after the abort (there must be none). */
  progressAfterAbort: number;
  /** The rejection's name and message, if any. */
  error?: { name: string; message: string };
  /** Milliseconds from abort() to the promise settling. */
  settleAfterAbortMs?: number;
  elapsedMs: number;
}

export interface DecodedSummary {
  sampleRate: number;
  channels: number;
  seconds: number;
  /** RMS level of each channel, dBFS. */
  rmsDb: number[];
}

export interface ExportTestApi {
  /** The source's channels as the page has them. */
  sourceChannels(source: ExportSource): Promise<{ channels: Float32Array[]; sampleRate: number }>;
  runExport(req: ExportRequest): Promise<ExportOutcome>;
  /** The formats this browser can export (availableExportFormats). */
  formats(sampleRate: number, channels: number): Promise<ExportFormatId[]>;
  /** Decodes a file with the browser's decoder at the given context rate. */
  decode(file: Uint8Array, sampleRate: number): Promise<DecodedSummary>;
  /** A finished lossy file's true peak, decoded whole after the fact (decode-check.ts); null if it cannot. */
  fileTruePeakDb(file: Uint8Array): Promise<number | null>;
}
