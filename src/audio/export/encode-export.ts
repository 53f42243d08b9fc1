/**
 * The export worker's work, importable and testable in Node (the command line runs the same code): adapt the
 * audio to what the format carries, bring it to the delivery target (the shared level stage: keep the level
 * under the ceiling, or a loudness with the true-peak limiter), encode it with the source's tags, and for a
 * lossy format decode the file again and check its true peak (a lossy encoder adds overshoot), delivering
 * again with more margin when it passed the ceiling. Runs on the channels in place.
 */
import { deliver, DELIVERY_PRESETS, type DeliveryTarget } from '../../shared/loudness/delivery.ts';
import { encodeWav, type WavOutputFormat } from '../../shared/wav/wav-encode.ts';
import {
  EXPORT_FORMAT_INFO,
  type EncodeRequest,
  type EncodeResult,
  type ExportFormatId,
} from './export-format.ts';
import type { ExportTags } from './export-tags.ts';
import { adaptForFormat } from './format-layout.ts';

/** Reports progress of this stage from 0 to 1. */
export type StageProgress = (fraction: number) => void;

export interface EncodeHooks {
  /**
   * The true peak (dBTP) of a finished lossy file once decoded, or null when it cannot be decoded here:
   * WebCodecs in the export worker (decode-check.ts), ffmpeg in Node. Without it the file is not checked.
   */
  decodedTruePeakDb?: (bytes: Uint8Array, format: ExportFormatId) => Promise<number | null>;
}

const WAV_FORMAT: Partial<Record<ExportFormatId, WavOutputFormat>> = {
  wav16: 'pcm16',
  wav24: 'pcm24',
  wav32f: 'float32',
};

/** Margin below the ceiling for the level stage (dB); lossy formats start with more. */
const PCM_MARGIN_DB = 0.1;
const LOSSY_MARGIN_DB = 0.3;
/** Deliveries of a lossy file whose decoded true peak passed the ceiling, at most. */
const LOSSY_TRIES = 3;

async function encodeFile(
  channels: Float32Array[],
  sampleRate: number,
  format: ExportFormatId,
  tags: ExportTags,
  onProgress: StageProgress,
): Promise<Uint8Array> {
  const wav = WAV_FORMAT[format];
  if (wav) {
    const bytes = encodeWav(channels, sampleRate, wav, undefined, tags);
    onProgress(1);
    return bytes;
  }
  // Loaded only for these formats: mediabunny and the encoders' WebAssembly are most of the worker's size
  // and of the command line's start-up.
  const { encodeCompressed, isCompressed } = await import('./encode-compressed.ts');
  if (!isCompressed(format)) throw new Error(`unknown export format ${format}`);
  return encodeCompressed(channels, sampleRate, format, tags, onProgress);
}

/** Encodes equalised audio as a file at the delivery target, its true peak at or below the ceiling. */
export async function encodeExport(
  req: EncodeRequest,
  onProgress?: StageProgress,
  hooks: EncodeHooks = {},
): Promise<EncodeResult> {
  const report =
    (from: number, to: number): StageProgress =>
    (f) =>
      onProgress?.(from + (to - from) * f);
  const info = EXPORT_FORMAT_INFO[req.format];
  if (!info) throw new Error(`unknown export format ${String(req.format)}`);
  const target: DeliveryTarget = req.delivery ?? DELIVERY_PRESETS.keep;
  const tags =
    req.tags ?? (req.source ? await (await import('./export-tags.ts')).readSourceTags(req.source) : {});
  const written: ExportTags = { ...tags };
  if (!info.carriesCover) delete written.cover;
  // The format's layout first, so the level is measured on what is encoded.
  const { channels, sampleRate } = adaptForFormat(req.format, req.channels, req.sampleRate);
  const check = !info.lossless ? hooks.decodedTruePeakDb : undefined;
  const original = check ? channels.map((c) => c.slice()) : undefined;
  const levelShare = info.lossless ? 0.5 : 0.2;
  let marginDb = info.lossless ? PCM_MARGIN_DB : LOSSY_MARGIN_DB;
  for (let attempt = 1; ; attempt++) {
    const level = deliver(channels, sampleRate, target, { marginDb, onProgress: report(0, levelShare) });
    const bytes = await encodeFile(
      channels,
      sampleRate,
      req.format,
      written,
      report(levelShare, check ? 0.9 : 1),
    );
    let truePeakDb = level.after.truePeakDbtp;
    if (check) {
      const decodedDb = await check(bytes, req.format);
      if (decodedDb !== null) {
        truePeakDb = decodedDb;
        const overDb = truePeakDb - target.ceilingDbtp;
        if (overDb > 0 && attempt < LOSSY_TRIES) {
          // The encoder's overshoot, measured: deliver again that much (and a little) further down.
          marginDb += overDb + 0.1;
          original!.forEach((c, i) => channels[i]!.set(c));
          continue;
        }
      }
    }
    onProgress?.(1);
    return {
      bytes,
      gainDb: level.gainDb,
      truePeakDb,
      level,
      tags: written,
      sampleRate,
      channelCount: channels.length,
      mimeType: info.mimeType,
      extension: info.extension,
    };
  }
}
