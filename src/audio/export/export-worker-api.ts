/**
 * The export worker's API object (comlink); its type crosses to the main thread by `import type`. One
 * export per worker: the song streams from its file (or from whole channels the page hands over) through
 * the pipeline into a file on disk (or memory where there is no origin-private file system).
 */
import { openAudioStream, pcmStream, type AudioStream } from '../decode/audio-stream.ts';
import { exportPipeline, MemorySink, type PipelineResult } from './export-pipeline.ts';
import type { ExportFormat } from './export-format.ts';
import { opfsSink, removeStaleExports } from './opfs-sink.ts';

/** At most this often across the boundary: each report is a message. */
const PROGRESS_INTERVAL_MS = 100;

export interface ExportJob {
  /** The song: its file (read from disk, twice), or whole channels (transferred). */
  source: { file: Blob } | { channels: Float32Array[]; sampleRate: number };
  /** The applied EQ command, dB per band. */
  commandDb: number[];
  format: ExportFormat;
}

async function opener(source: ExportJob['source']): Promise<() => Promise<AudioStream>> {
  if ('channels' in source) return async () => pcmStream(source.channels, source.sampleRate);
  const { file } = source;
  return async () => {
    const stream = await openAudioStream(file);
    if (!stream) throw new Error('the song could not be read again');
    return stream;
  };
}

export const exportWorkerApi = {
  async exportSong(job: ExportJob, onProgress?: (fraction: number) => void): Promise<PipelineResult> {
    let last = 0;
    const report = (f: number) => {
      const now = performance.now();
      if (f < 1 && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      void onProgress?.(f);
    };
    await removeStaleExports();
    const name = `export-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const sink = (await opfsSink(name)) ?? new MemorySink();
    try {
      return await exportPipeline(await opener(job.source), job.commandDb, job.format, sink, report);
    } catch (e) {
      await sink.discard();
      throw e;
    }
  },
};

export type ExportWorkerApi = typeof exportWorkerApi;
