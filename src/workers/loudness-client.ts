/**
 * Main-thread bridge to the loudness worker: started on first use, given the song's channels once per song,
 * terminated on cancel (WebAssembly cannot be interrupted) or when it dies, and started afresh next time.
 */
import { transfer, wrap, type Remote } from 'comlink';
import { abortable } from '../shared/cancel.ts';
import type { LoudnessSummary } from '../shared/loudness/loudness-meter.ts';
import type { LoudnessApi } from './loudness-api.ts';

interface Live {
  worker: Worker;
  api: Remote<LoudnessApi>;
  died: Promise<never>;
  /** The song it holds (the caller's identity for it). */
  song: object | null;
}

export class LoudnessClient {
  private live: Live | null = null;

  /**
   * Measures `song` (its channels are asked for only when the worker does not hold it yet; they are
   * transferred, so pass copies) as it is, or through the EQ at `appliedDb`.
   */
  async measure(
    song: object,
    channels: () => { channels: Float32Array[]; sampleRate: number },
    appliedDb: number[] | null,
    signal?: AbortSignal,
  ): Promise<LoudnessSummary> {
    const live = this.ensure();
    const work = (async () => {
      if (live.song !== song) {
        live.song = null;
        const c = channels();
        await Promise.race([
          live.api.load(
            transfer(
              c.channels,
              c.channels.map((ch) => ch.buffer as ArrayBuffer),
            ),
            c.sampleRate,
          ),
          live.died,
        ]);
        live.song = song;
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

  /** Lets the song go (the worker and the copy of the song it holds). */
  dispose(): void {
    if (this.live) this.stop(this.live);
  }

  private ensure(): Live {
    if (this.live) return this.live;
    const worker = new Worker(new URL('./loudness.worker.ts', import.meta.url), {
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
