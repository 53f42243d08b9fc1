/**
 * Whole channels in, a whole file out, through the streaming export (export-pipeline.ts) with the channels
 * as the stream and memory as the sink: what the Node tests and the whole-buffer export API call.
 */
import { pcmStream } from '../decode/audio-stream.ts';
import { exportPipeline, MemorySink } from './export-pipeline.ts';
import type { EncodeRequest, EncodeResult } from './export-format.ts';

export { safeGainDb } from './export-pipeline.ts';

/** Reports progress of this stage from 0 to 1. */
export type StageProgress = (fraction: number) => void;

/** Encodes equalised audio as a file that never exceeds −1 dBTP (already equalised). */
export async function encodeExport(req: EncodeRequest, onProgress?: StageProgress): Promise<EncodeResult> {
  const r = await exportPipeline(
    async () => pcmStream(req.channels, req.sampleRate),
    null,
    req.format,
    new MemorySink(),
    onProgress,
  );
  return {
    bytes: new Uint8Array(await r.file.arrayBuffer()),
    gainDb: r.gainDb,
    truePeakDb: r.truePeakDb,
    sampleRate: r.sampleRate,
    channelCount: r.channelCount,
    mimeType: r.mimeType,
    extension: r.extension,
  };
}
