/**
 * Main-thread bridge to the analysis worker: owns its lifetime. The worker and its model session start when
 * the app starts; an analysis is cancelled by terminating the worker (WebAssembly cannot be interrupted), and
 * a crashed or cancelled worker is replaced, so the next file works.
 */
import { proxy, transfer, wrap, type Remote } from 'comlink';
import { abortable, isAbortError } from '../shared/cancel.ts';
import modelUrl from '../../models/eq-model.onnx?url';
import metadataUrl from '../../models/eq-model.json?url';
import type { Features } from '../shared/features/index.ts';
import type { BalanceProfile } from '../shared/targets/profile.ts';
import type { AnalysisApi, AnalysisResult } from './analysis-api.ts';

export type { AnalysisResult };

interface Live {
  worker: Worker;
  api: Remote<AnalysisApi>;
  /** Resolves with the session start-up time (ms) once the model is ready. */
  ready: Promise<number>;
  /** Rejects when the worker dies (an uncaught error, out of memory). */
  died: Promise<never>;
}

export class AnalysisClient {
  private live: Live | null = null;

  /** Starts the worker and creates the model session (idempotent); resolves with the session time in ms. */
  start(): Promise<number> {
    return this.ensure().ready;
  }

  /** `channels` are transferred to the worker: pass copies the caller no longer needs. */
  analyze(
    channels: Float32Array[],
    sampleRate: number,
    opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
  ): Promise<AnalysisResult> {
    return this.call(opts, (api, report) =>
      api.analyze(
        transfer(
          channels,
          channels.map((c) => c.buffer as ArrayBuffer),
        ),
        sampleRate,
        report,
      ),
    );
  }

  /** The suggestion for a song's features (copied to the worker: the caller keeps them). */
  analyzeFeatures(
    features: Features,
    durationS: number,
    opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
  ): Promise<AnalysisResult> {
    return this.call(opts, (api, report) => api.analyzeFeatures(features, durationS, report));
  }

  private async call(
    opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void },
    start: (api: Remote<AnalysisApi>, report?: (f: number) => void) => Promise<AnalysisResult>,
  ): Promise<AnalysisResult> {
    const { signal, onProgress } = opts;
    const live = this.ensure();
    // Reports the worker posted before the result are still queued here: drop them once settled.
    let settled = false;
    const report = onProgress && proxy((f: number) => settled || onProgress(f));
    const work = (async () => {
      await Promise.race([live.ready, live.died]);
      return Promise.race([start(live.api, report), live.died]);
    })();
    try {
      return await abortable(signal, work, () => this.stop(live), 'The analysis');
    } catch (e) {
      // A failed session start is not cached: the next call starts a fresh worker.
      if (!isAbortError(e)) this.stop(live);
      throw e;
    } finally {
      settled = true;
    }
  }

  /** A reference track's balance profile, measured in the worker (`channels` are transferred). */
  async measureReference(channels: Float32Array[], sampleRate: number): Promise<BalanceProfile> {
    const live = this.ensure();
    return Promise.race([
      live.api.measureReference(
        transfer(
          channels,
          channels.map((c) => c.buffer as ArrayBuffer),
        ),
        sampleRate,
      ),
      live.died,
    ]);
  }

  dispose(): void {
    if (this.live) this.stop(this.live);
  }

  private ensure(): Live {
    if (this.live) return this.live;
    const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), {
      type: 'module',
      name: 'sonic-analysis',
    });
    const api = wrap<AnalysisApi>(worker);
    const died = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        reject(new Error(`the analysis worker stopped: ${e.message || 'unknown error'}`));
      });
    });
    died.catch(() => undefined);
    const ready = Promise.race([
      api.init(new URL(modelUrl, location.href).href, new URL(metadataUrl, location.href).href),
      died,
    ]);
    ready.catch(() => undefined);
    this.live = { worker, api, ready, died };
    return this.live;
  }

  private stop(live: Live): void {
    live.worker.terminate();
    if (this.live === live) this.live = null;
  }
}
