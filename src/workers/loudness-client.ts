/**
 * Main-thread bridge to the loudness worker: started on first use, given the song's file once per song,
 * terminated on cancel (WebAssembly cannot be interrupted) or when it dies, and started afresh next time.
 */
import { wrap, type Remote } from 'comlink';
import { abortable } from '../shared/cancel.ts';
import type { LoudnessSummary } from '../shared/loudness/loudness-meter.ts';
import type { LoudnessApi } from './loudness-api.ts';

interface Live {
  worker: Worker;
  api: Remote<LoudnessApi>;
  died: Promise<never>;
  /** The song's file it reads from. */
  song: Blob | null;
}

export class LoudnessClient {
  private live: Live | null = null;

  /** Measures the song in `file` as it is (`appliedDb` null), or through the EQ at `appliedDb`. */
  async measure(file: Blob, appliedDb: number[] | null, signal?: AbortSignal): Promise<LoudnessSummary> {
    const live = this.ensure();
    const work = (async () => {
      if (live.song !== file) {
        live.song = null;
        // A Blob crosses by reference: the worker reads the same file, nothing is copied.
        await Promise.race([live.api.load(file), live.died]);
        live.song = file;
      }
      return Promise.race([live.api.measure(appliedDb), live.died]);
    })();
    try {
      return await abortable(signal, work, () => this.stop(live), 'The loudness measurement');
    } catch (e) {
      this.stop(live);
      throw e;
    }
  }

  /** Stops the worker (it is started afresh on the next measurement). */
  dispose(): void {
    if (this.live) this.stop(this.live);
  }

  private ensure(): Live {
    if (this.live) return this.live;
    // The song-reading worker (the open-time scan's script too): this instance only measures.
    const worker = new Worker(new URL('./song-reader.worker.ts', import.meta.url), {
      type: 'module',
      name: 'sonic-loudness',
    });
    const died = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        reject(new Error(`the loudness worker stopped: ${e.message || 'unknown error'}`));
      });
    });
    died.catch(() => undefined);
    this.live = { worker, api: wrap<LoudnessApi>(worker), died, song: null };
    return this.live;
  }

  private stop(live: Live): void {
    live.worker.terminate();
    if (this.live === live) this.live = null;
  }
}
