/**
 * Main-thread side of the export worker: the song's file handed over (a Blob crosses without a copy) or
 * whole channels transferred, the finished file back as a Blob over a file on disk. One worker per export,
 * terminated when it is done, cancelled or failed (the encoder cannot be interrupted mid-call otherwise).
 * Not reused: a worker that has exported holds that export's garbage until its own collector runs, which
 * an idle worker may not do for a long while (the batch-memory spec saw the tab 64 MB heavier after a batch).
 *
 * The next export's worker is started ahead of need (when a song opens, and after each export), so that
 * an export starts at once instead of after the worker's start-up (most of a second on a slow machine:
 * its modules, the container library and the encoders).
 */
import { proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import { abortable, abortError } from '../../shared/cancel.ts';
import type { PipelineResult } from './export-pipeline.ts';
import type { ExportJob, ExportWorkerApi } from './export-worker-api.ts';

interface ExportWorker {
  worker: Worker;
  api: Remote<ExportWorkerApi>;
}

function startWorker(): ExportWorker {
  const worker = new Worker(new URL('./encode.worker.ts', import.meta.url), {
    type: 'module',
    name: 'sonic-export',
  });
  return { worker, api: wrap<ExportWorkerApi>(worker) };
}

/** The worker the next export takes, ready; at most one waits. */
let spare: ExportWorker | null = null;

/** Starts the next export's worker now, if none is waiting (cheap to call again). */
export function prepareExportWorker(): void {
  if (typeof Worker !== 'undefined') spare ??= startWorker();
}

function takeWorker(): ExportWorker {
  const w = spare ?? startWorker();
  spare = null;
  return w;
}

/** After an export: the worker is stopped, and a fresh one started for the next export. */
function retire(w: ExportWorker): void {
  w.api[releaseProxy]();
  w.worker.terminate();
  prepareExportWorker();
}

export async function exportInWorker(
  job: ExportJob,
  opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<PipelineResult> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw abortError('The export');
  const w = takeWorker();
  // Reports the worker posted before it was stopped are still queued here: drop them once settled.
  let settled = false;
  const report =
    onProgress &&
    ((f: number) => {
      if (!settled) onProgress(f);
    });
  let onError: ((e: ErrorEvent) => void) | undefined;
  const work = new Promise<PipelineResult>((resolve, reject) => {
    onError = (e) => reject(new Error(`the export worker failed: ${e.message}`));
    w.worker.addEventListener('error', onError);
    const buffers =
      'channels' in job.source ? [...new Set(job.source.channels.map((c) => c.buffer as ArrayBuffer))] : [];
    w.api.exportSong(transfer(job, buffers), report && proxy(report)).then(resolve, reject);
  });
  try {
    return await abortable(signal, work, undefined, 'The export');
  } finally {
    settled = true;
    w.worker.removeEventListener('error', onError!);
    // Stopping the worker is also what stops an aborted export.
    retire(w);
  }
}
