/**
 * Main-thread side of the export worker: one worker per export, the audio transferred in and the file
 * transferred out, terminated when done or on abort (the encoder cannot be interrupted mid-call otherwise).
 */
import { proxy, releaseProxy, transfer, wrap } from 'comlink';
import { abortable, abortError } from '../../shared/cancel.ts';
import type { EncodeRequest, EncodeResult } from './export-format.ts';
import type { ExportWorkerApi } from './export-worker-api.ts';

export async function encodeInWorker(
  req: EncodeRequest,
  opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<EncodeResult> {
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
  const work = new Promise<EncodeResult>((resolve, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`the export worker failed: ${e.message}`)));
    const buffers = [...new Set(req.channels.map((c) => c.buffer as ArrayBuffer))];
    api.encode(transfer(req, buffers), report && proxy(report)).then(resolve, reject);
  });
  try {
    // The worker is terminated in any case below, which is also what stops an aborted encoder.
    return await abortable(signal, work, undefined, 'The export');
  } finally {
    settled = true;
    api[releaseProxy]();
    worker.terminate();
  }
}
