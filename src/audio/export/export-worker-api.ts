/** The export worker's API object (comlink); its type crosses to the main thread by `import type`. */
import { transfer } from 'comlink';
import { decodedTruePeakDb } from './decode-check.ts';
import { encodeExport } from './encode-export.ts';
import type { EncodeRequest, EncodeResult } from './export-format.ts';

/** At most this often across the boundary: each report is a message. */
const PROGRESS_INTERVAL_MS = 100;

export const exportWorkerApi = {
  async encode(req: EncodeRequest, onProgress?: (fraction: number) => void): Promise<EncodeResult> {
    let last = 0;
    const result = await encodeExport(
      req,
      (f) => {
        const now = performance.now();
        if (f < 1 && now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        void onProgress?.(f);
      },
      { decodedTruePeakDb },
    );
    return transfer(result, [result.bytes.buffer]);
  },
};

export type ExportWorkerApi = typeof exportWorkerApi;
