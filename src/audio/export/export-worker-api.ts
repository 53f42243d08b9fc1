/**
 * The export worker's API object (comlink); its type crosses to the main thread by `import type`. One
 * export per worker: the song streams from its file (or from whole channels the page hands over) through
 * the one export path (export-pipeline.ts) into a file on disk (or memory where there is no origin-private
 * file system); a lossy file's true peak is checked here as it is encoded (or decoded again after).
 */
import type { DeliveryTarget } from '../../shared/loudness/delivery.ts';
import { openAudioStream, pcmStream, type AudioStream } from '../decode/audio-stream.ts';
import { decodedTruePeakDb } from './decode-check.ts';
import { exportPipeline, MemorySink, type PipelineResult } from './export-pipeline.ts';
import type { ExportFormatId } from './export-format.ts';
import { readSourceTags, type ExportTags } from './export-tags.ts';
import { opfsSink, removeStaleExports } from './opfs-sink.ts';
import { packetPeakCheck } from './packet-peak-check.ts';

/** WebCodecs' codec strings for our lossy formats (the encoders give their own with the first packet). */
const WEBCODECS_CODEC: Partial<Record<ExportFormatId, string>> = {
  mp3: 'mp3',
  opus: 'opus',
  aac: 'mp4a.40.2',
};

/** At most this often across the boundary: each report is a message. */
const PROGRESS_INTERVAL_MS = 100;

export interface ExportJob {
  /** The song: its file (read from disk, twice), or whole channels (transferred). */
  source: { file: Blob } | { channels: Float32Array[]; sampleRate: number };
  /** The applied EQ command, dB per band. */
  commandDb: number[];
  format: ExportFormatId;
  /** Default: keep the level, never above −1 dBTP. */
  delivery?: DeliveryTarget;
  /** Tags to write; else those of `tagSource`, else of the source file. */
  tags?: ExportTags;
  tagSource?: Blob;
}

function opener(source: ExportJob['source']): () => Promise<AudioStream> {
  if ('channels' in source) return async () => pcmStream(source.channels, source.sampleRate);
  const { file } = source;
  return async () => {
    const stream = await openAudioStream(file);
    if (!stream) throw new Error('the song could not be read again');
    return stream;
  };
}

async function tagsOf(job: ExportJob): Promise<ExportTags> {
  if (job.tags) return job.tags;
  const from = job.tagSource ?? ('file' in job.source ? job.source.file : undefined);
  return from ? readSourceTags(from) : {};
}

export const exportWorkerApi = {
  /** `onProgress` is the page's callback through a comlink proxy: each call returns once the page ran it. */
  async exportSong(
    job: ExportJob,
    onProgress?: (fraction: number) => void | Promise<void>,
  ): Promise<PipelineResult> {
    let last = 0;
    const report = (f: number) => {
      const now = performance.now();
      // The end is reported once, after the file is done (below).
      if (f >= 1 || now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      void onProgress?.(f);
    };
    await removeStaleExports();
    const makeSink = async (sizeHint?: number) => {
      const name = `export-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      return (await opfsSink(name)) ?? new MemorySink(sizeHint);
    };
    const result = await exportPipeline(
      {
        open: opener(job.source),
        keepBytes: 'channels' in job.source ? 0 : undefined,
        commandDb: job.commandDb,
        format: job.format,
        delivery: job.delivery,
        tags: await tagsOf(job),
      },
      {
        makeSink,
        onProgress: report,
        livePeakCheck: (format, sampleRate, numberOfChannels) =>
          packetPeakCheck({ codec: WEBCODECS_CODEC[format] ?? format, sampleRate, numberOfChannels }),
        decodedTruePeakDb: (file) => decodedTruePeakDb(file),
      },
    );
    // Awaited: a proxy's calls reach the page in order, so once this one has, every earlier report has too.
    // The result travels on another port and could overtake them, and the page drops reports that come
    // after the export has settled (those of a stopped worker).
    await onProgress?.(1);
    return result;
  },
};

export type ExportWorkerApi = typeof exportWorkerApi;
