/**
 * Page side of the open-time scan: one worker per file, the File handed over (a Blob crosses without being
 * copied: the worker reads it from disk a slice at a time), terminated when the opening is cancelled, when
 * it is done, or when it fails.
 */
import { proxy, releaseProxy, wrap } from 'comlink';
import { abortable, abortError } from '../../shared/cancel.ts';
import type { ScanApi, ScanOutcome } from './scan-api.ts';

export type { ScanOutcome };

export async function scanInWorker(
  file: Blob,
  fileName: string,
  opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<ScanOutcome> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw abortError('Opening the file');
  // The song-reading worker (the loudness worker's script too): this instance only scans.
  const worker = new Worker(new URL('../../workers/song-reader.worker.ts', import.meta.url), {
    type: 'module',
    name: 'sonic-scan',
  });
  const api = wrap<ScanApi>(worker);
  // Reports posted before the worker was terminated are still queued here: drop them once settled.
  let settled = false;
  const report = onProgress && proxy((f: number) => settled || onProgress(f));
  const work = new Promise<ScanOutcome>((resolve, reject) => {
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      reject(new Error(`the decoder stopped: ${e.message || 'out of memory?'}`));
    });
    api.scan(file, fileName, report).then(resolve, reject);
  });
  try {
    return await abortable(signal, work, undefined, 'Opening the file');
  } finally {
    settled = true;
    api[releaseProxy]();
    worker.terminate();
  }
}
