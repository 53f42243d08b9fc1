/** The export test page's API, as seen from Node (no DOM types: both realms import it). */
import type { ExportFormat } from '../../../src/audio/export/export-format.ts';

/** The demo song as the browser decodes it, or the shared noise fixture at a given layout. */
export type ExportSource =
  { kind: 'demo' } | { kind: 'fixture'; seconds: number; sampleRate: number; channels: number; seed: number };

export interface ExportRequest {
  source: ExportSource;
  commandDb: number[];
  format: ExportFormat;
  /** Cancel once the reported progress reaches this fraction (the export must then reject). */
  abortAt?: number;
}

export interface ExportOutcome {
  /** The file, base64; absent when the export was cancelled or failed. */
  file?: string;
  fileName?: string;
  mimeType?: string;
  gainDb?: number;
  truePeakDb?: number;
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
  /** The source's channels as the page has them: float32, one channel after another, base64. */
  sourceChannels(source: ExportSource): Promise<{ data: string; sampleRate: number; channels: number }>;
  runExport(req: ExportRequest): Promise<ExportOutcome>;
  /** Decodes a file (base64) with the browser's decoder at the given context rate. */
  decode(file: string, sampleRate: number): Promise<DecodedSummary>;
}
