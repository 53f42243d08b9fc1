/**
 * Whole channels in, a whole file out, through the one export path (export-pipeline.ts) with the channels
 * as the stream and memory as the sink: what the command line and the Node tests call. The channels are
 * read, never changed.
 */
import { pcmStream } from '../decode/audio-stream.ts';
import { exportPipeline, MemorySink } from './export-pipeline.ts';
import {
  exportedFileFacts,
  type EncodeRequest,
  type EncodeResult,
  type ExportFormatId,
} from './export-format.ts';

/** Reports progress of this stage from 0 to 1. */
export type StageProgress = (fraction: number) => void;

export interface EncodeHooks {
  /**
   * The true peak (dBTP) of a finished lossy file once decoded, or null when it cannot be decoded here
   * (ffmpeg in Node). Without it the file is not checked.
   */
  decodedTruePeakDb?: (bytes: Uint8Array, format: ExportFormatId) => Promise<number | null>;
}

/** Encodes equalised audio as a file at the delivery target, its true peak at or below the ceiling. */
export async function encodeExport(
  req: EncodeRequest,
  onProgress?: StageProgress,
  hooks: EncodeHooks = {},
): Promise<EncodeResult> {
  const tags =
    req.tags ?? (req.source ? await (await import('./export-tags.ts')).readSourceTags(req.source) : {});
  let sink: MemorySink | null = null;
  const check = hooks.decodedTruePeakDb;
  const r = await exportPipeline(
    {
      open: async () => pcmStream(req.channels, req.sampleRate),
      keepBytes: 0,
      commandDb: null,
      format: req.format,
      delivery: req.delivery,
      tags,
    },
    {
      makeSink: async (sizeHint) => (sink = new MemorySink(sizeHint)),
      onProgress,
      decodedTruePeakDb: check && (async () => check(sink!.bytes(), req.format)),
    },
  );
  return {
    bytes: (sink as MemorySink | null)!.bytes(),
    ...exportedFileFacts(r),
    mimeType: r.mimeType,
    extension: r.extension,
  };
}
