/** Export formats and what crosses the boundary to the export worker. Plain data only. */

/** WAV 16-bit PCM (TPDF dither), 24-bit PCM, 32-bit float, or MP3 (LAME, constant bit rate). */
export type ExportFormat = 'wav16' | 'wav24' | 'wav32f' | 'mp3';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['wav16', 'wav24', 'wav32f', 'mp3'];

/** The level no exported file exceeds: room for a lossy encoder's or a DAC's overshoot. */
export const EXPORT_CEILING_DBTP = -1;

/**
 * Aimed just under the ceiling: 16-bit dither and rounding move samples by up to about 1 LSB
 * (3e-5 of full scale, 0.0003 dB at −1 dBFS); 0.01 dB covers it with room to spare.
 */
export const EXPORT_TARGET_DBTP = EXPORT_CEILING_DBTP - 0.01;

export interface EncodeRequest {
  /** The equalised audio, one array per channel (transferred to the worker). */
  channels: Float32Array[];
  sampleRate: number;
  format: ExportFormat;
}

export interface EncodeResult {
  /** The whole file (transferred back). */
  bytes: Uint8Array;
  /** Gain applied to keep the true peak at or below the ceiling: negative when lowered, 0 otherwise. */
  gainDb: number;
  /** Measured true peak of the file's samples after that gain, dBTP. */
  truePeakDb: number;
  /** The file's sample rate and channel count (an MP3 may differ from the source: see mp3-layout.ts). */
  sampleRate: number;
  channelCount: number;
  mimeType: string;
  extension: string;
}
