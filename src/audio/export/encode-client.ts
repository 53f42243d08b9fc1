/**
 * Main-thread side of the export worker: one worker per export, the song's file handed over (a Blob
 * crosses without a copy) or whole channels transferred, the finished file back as a Blob over a file on
 * disk; terminated when done or on abort (the encoder cannot be interrupted mid-call otherwise).
 */
import { proxy, releaseProxy, transfer, wrap } from 'comlink';
import { abortable, abortError } from '../../shared/cancel.ts';
import type { PipelineResult } from './export-pipeline.ts';
import type { ExportJob, ExportWorkerApi } from './export-worker-api.ts';

export async function exportInWorker(
  job: ExportJob,
  opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<PipelineResult> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw abortError('The export');
  const worker = new Worker(new URL('./encode.worker.ts', import.meta.url), {
    type: 'module',
    name: 'sonic-export',
  });
  const api = wrap<ExportWorkerApi>(worker);
  // Reports the worker posted before it was terminated are still queued here: drop them once settled.
  let settled = false;
  const report = onProgress && ((f: number) => settled || onProgress(f));
  const work = new Promise<PipelineResult>((resolve, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`the export worker failed: ${e.message}`)));
    const buffers =
      'channels' in job.source ? [...new Set(job.source.channels.map((c) => c.buffer as ArrayBuffer))] : [];
    api.exportSong(transfer(job, buffers), report && proxy(report)).then(resolve, reject);
  });
  try {
    // The worker is terminated in any case below, which is also what stops an aborted export.
    return await abortable(signal, work, undefined, 'The export');
  } finally {
    settled = true;
    api[releaseProxy]();
    worker.terminate();
  }
}
