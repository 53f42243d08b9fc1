/** Export formats and what crosses the boundary to the export worker. Plain data only. */
import type { DeliveryTarget, LevelReport } from '../../shared/loudness/delivery.ts';
import type { ExportTags } from './export-tags.ts';

/**
 * Every format the export writes. WAV 16-bit PCM (TPDF dither), 24-bit PCM, 32-bit float; FLAC 16 and 24-bit
 * (libFLAC); MP3 (LAME, constant bit rate); Opus in Ogg and AAC in MP4 where the browser's WebCodecs has an
 * encoder (availableExportFormats() says which).
 */
export type ExportFormatId = 'wav16' | 'wav24' | 'wav32f' | 'flac16' | 'flac24' | 'mp3' | 'opus' | 'aac';

/** What the user chose for an export: the format and the level to deliver at. */
export interface ExportChoice {
  format: ExportFormatId;
  delivery: DeliveryTarget;
}

export interface ExportFormatInfo {
  id: ExportFormatId;
  /** What the UI shows. */
  label: string;
  extension: string;
  mimeType: string;
  lossless: boolean;
  /** Encoded by the browser's WebCodecs (feature-detected); the others are encoded by our own code everywhere. */
  webCodecs: boolean;
  /** Cover art travels in the file (RIFF INFO, the WAV tags, has no field for it). */
  carriesCover: boolean;
}

const info = (
  id: ExportFormatId,
  label: string,
  extension: string,
  mimeType: string,
  lossless: boolean,
  webCodecs = false,
  carriesCover = true,
): ExportFormatInfo => ({ id, label, extension, mimeType, lossless, webCodecs, carriesCover });

export const EXPORT_FORMAT_INFO: Readonly<Record<ExportFormatId, ExportFormatInfo>> = {
  wav16: info('wav16', 'WAV 16-bit', 'wav', 'audio/wav', true, false, false),
  wav24: info('wav24', 'WAV 24-bit', 'wav', 'audio/wav', true, false, false),
  wav32f: info('wav32f', 'WAV 32-bit float', 'wav', 'audio/wav', true, false, false),
  flac16: info('flac16', 'FLAC 16-bit', 'flac', 'audio/flac', true),
  flac24: info('flac24', 'FLAC 24-bit', 'flac', 'audio/flac', true),
  mp3: info('mp3', 'MP3', 'mp3', 'audio/mpeg', false),
  opus: info('opus', 'Opus', 'opus', 'audio/ogg; codecs=opus', false, true),
  aac: info('aac', 'AAC', 'm4a', 'audio/mp4', false, true),
};

/** Every format, in the order a menu lists them. */
export const ALL_EXPORT_FORMATS: readonly ExportFormatId[] = Object.keys(
  EXPORT_FORMAT_INFO,
) as ExportFormatId[];

/** The level no exported file exceeds unless the user sets another ceiling: room for a DAC's overshoot. */
export const EXPORT_CEILING_DBTP = -1;

/** Whole equalised channels to encode (the command line; encode-export.ts). */
export interface EncodeRequest {
  /** The equalised audio, one array per channel (read, not changed). */
  channels: Float32Array[];
  sampleRate: number;
  format: ExportFormatId;
  /** The level to deliver at (default: keep the level, never above −1 dBTP). */
  delivery?: DeliveryTarget;
  /** Tags to write (title, artist, album, cover); see export-tags.ts. */
  tags?: ExportTags;
  /** The source file, whose tags are read when `tags` is not given. */
  source?: Blob;
}

/** What every export reports of the file it wrote: the level stage, the tags and the layout. */
export interface ExportedFileFacts {
  /** The static gain applied, dB: negative when lowered, positive when raised, 0 when left alone. */
  gainDb: number;
  /** True peak of the delivered samples, dBTP (for a lossy format: of the decoded file where it was checked). */
  truePeakDb: number;
  /** What the level stage did and measured, with a sentence for the user (`level.description`). */
  level: LevelReport;
  /** The tags written into the file (those the format carries). */
  tags: ExportTags;
  /** The file's sample rate and channel count (a format may not carry the source's: see format-layout.ts). */
  sampleRate: number;
  channelCount: number;
}

/** Just those facts of a richer result (no file, no internals), for the result of the next layer up. */
export const exportedFileFacts = (r: ExportedFileFacts): ExportedFileFacts => ({
  gainDb: r.gainDb,
  truePeakDb: r.truePeakDb,
  level: r.level,
  tags: r.tags,
  sampleRate: r.sampleRate,
  channelCount: r.channelCount,
});

export interface EncodeResult extends ExportedFileFacts {
  /** The whole file. */
  bytes: Uint8Array;
  mimeType: string;
  extension: string;
}
