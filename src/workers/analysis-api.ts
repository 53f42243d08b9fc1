/**
 * What the analysis worker does, as a plain object (comlink exposes it; its type crosses the boundary with
 * `import type`). The model session is created by init(), as the app starts, so it is ready before the user
 * drops a file; analyze() takes the decoded channels (transferred, not copied), turns them into the model's
 * input signal here, off the main thread (mixdown and resampling, src/shared/model/analysis-signal.ts), and
 * returns the raw
 * suggestion (amount 100 %, no personalisation), the song's embedding and where the time went.
 */
import type { Features } from '../shared/features/index.ts';
import { analysisSignal } from '../shared/model/analysis-signal.ts';
import { suggestForSong, suggestFromFeatures, type Suggestion } from '../shared/model/index.ts';
import { loadWebModel, type WebModel } from '../inference/web-model.ts';

export interface AnalysisResult {
  bandsHz: number[];
  /** Corrective gains (dB) at amount 100 %, mean over bands zero. */
  gainsDb: number[];
  /** The song's embedding (for personalisation). */
  embedding: number[];
  modelId: string;
  contractVersion: string;
  /** Frames of the song the network saw (its non-silent ones). */
  frames: number;
  featuresMs: number;
  inferenceMs: number;
}

/** Progress: fraction of the analysis done (features, then one pass of the network over the song). */
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

  /** From a song's features (the page scanned it as it was decoded): the model call only. */
  async analyzeFeatures(features: Features, onProgress?: ProgressCallback): Promise<AnalysisResult> {
    const m = await loaded();
    let inferenceMs = 0;
    const suggestion = await suggestFromFeatures(features, async (bands, temporal, n, frames) => {
      const t = performance.now();
      const out = await m.run(bands, temporal, n, frames);
      inferenceMs += performance.now() - t;
      onProgress?.(1);
      return out;
    });
    return resultOf(m, suggestion, 0, inferenceMs);
  },

  /** From whole decoded channels (transferred, not copied): mixdown, resampling and features here, then the model. */
  async analyze(
    channels: Float32Array[],
    sampleRate: number,
    onProgress?: ProgressCallback,
  ): Promise<AnalysisResult> {
    const m = await loaded();
    const t0 = performance.now();
    const mono = analysisSignal(channels, sampleRate);
    let inferenceMs = 0;
    const suggestion = await suggestForSong(mono, async (bands, temporal, n, frames) => {
      // The features are done when the network is called: most of the work on a long song.
      onProgress?.(0.8);
      const t = performance.now();
      const out = await m.run(bands, temporal, n, frames);
      inferenceMs += performance.now() - t;
      onProgress?.(1);
      return out;
    });
    return resultOf(m, suggestion, performance.now() - t0 - inferenceMs, inferenceMs);
  },
};

async function loaded(): Promise<WebModel> {
  if (!model) throw new Error('the analysis model is not loaded');
  return model;
}

function resultOf(
  m: WebModel,
  suggestion: Suggestion,
  featuresMs: number,
  inferenceMs: number,
): AnalysisResult {
  return {
    bandsHz: suggestion.bandsHz,
    gainsDb: suggestion.gainsDb,
    embedding: suggestion.embedding ?? [],
    modelId: m.metadata.model,
    contractVersion: m.metadata.contractVersion,
    frames: suggestion.frames,
    featuresMs,
    inferenceMs,
  };
}

export type AnalysisApi = typeof analysisApi;
