/**
 * What the analysis worker does, as a plain object (comlink exposes it; its type crosses the boundary with
 * `import type`). The model session is created by init(), as the app starts, so it is ready before the user
 * drops a file; analyze() takes the decoded channels (transferred, not copied), turns them into the model's
 * input signal here, off the main thread (mixdown and resampling, src/shared/model/analysis-signal.ts), and
 * returns the raw
 * suggestion (amount 100 %, no personalisation), the song's embedding and where the time went.
 */
import { analysisSignal } from '../shared/model/analysis-signal.ts';
import { CONTRACT, suggestForSong } from '../shared/model/index.ts';
import { loadWebModel, type WebModel } from '../inference/web-model.ts';

export interface AnalysisResult {
  bandsHz: number[];
  /** Corrective gains (dB) at amount 100 %, mean over bands zero. */
  gainsDb: number[];
  /** Mean of the window embeddings over the windows the suggestion used (for personalisation). */
  embedding: number[];
  modelId: string;
  contractVersion: string;
  windows: number;
  featuresMs: number;
  inferenceMs: number;
}

/** Progress: fraction of the song's analysis windows done. */
export type ProgressCallback = (fraction: number) => void;

let model: Promise<WebModel> | null = null;

export const analysisApi = {
  /** Creates the onnxruntime session (once); resolves with the session time in ms. */
  async init(modelUrl: string, metadataUrl: string): Promise<number> {
    const t0 = performance.now();
    model ??= loadWebModel(modelUrl, metadataUrl);
    try {
      await model;
    } catch (e) {
      model = null;
      throw e;
    }
    return performance.now() - t0;
  },

  async analyze(
    channels: Float32Array[],
    sampleRate: number,
    onProgress?: ProgressCallback,
  ): Promise<AnalysisResult> {
    if (!model) throw new Error('the analysis model is not loaded');
    const m = await model;
    const t0 = performance.now();
    const mono = analysisSignal(channels, sampleRate);
    let inferenceMs = 0;
    const expected = suggestionWindowsHint(mono.length);
    let done = 0;
    const suggestion = await suggestForSong(mono, async (bands, temporal, n, frames) => {
      const t = performance.now();
      const out = await m.run(bands, temporal, n, frames);
      inferenceMs += performance.now() - t;
      done += n;
      onProgress?.(done / Math.max(done, expected));
      return out;
    });
    const totalMs = performance.now() - t0;
    return {
      bandsHz: suggestion.bandsHz,
      gainsDb: suggestion.gainsDb,
      embedding: suggestion.embedding ?? [],
      modelId: m.metadata.model,
      contractVersion: m.metadata.contractVersion,
      windows: suggestion.windows,
      featuresMs: totalMs - inferenceMs,
      inferenceMs,
    };
  },
};

/** Approximate number of analysis windows for a song, for the progress bar. */
function suggestionWindowsHint(samples: number): number {
  const frames = Math.floor(samples / CONTRACT.input.hopSize);
  return Math.max(1, Math.ceil((frames - CONTRACT.input.windowFrames) / CONTRACT.input.windowHopFrames) + 1);
}

export type AnalysisApi = typeof analysisApi;
