/**
 * What the analysis worker does, as a plain object (comlink exposes it; its type crosses the boundary with
 * `import type`). The model session is created by init(), as the app starts, so it is ready before the user
 * drops a file; analyze() takes the decoded channels (transferred, not copied), turns them into the model's
 * input signal here, off the main thread (mixdown and resampling, src/shared/model/analysis-signal.ts), and
 * returns the raw
 * suggestion (amount 100 %, no personalisation), the song's embedding, its balance profile (for references
 * and styles, from the same features the model heard) and where the time went. measureReference() measures a
 * reference track's balance profile (no model needed).
 */
import { analysisSignal } from '../shared/model/analysis-signal.ts';
import { suggestFromFeatures } from '../shared/model/index.ts';
import {
  SilentAudioError,
  contractExtractor,
  profileFromFeatures,
  profileFromSignal,
  type BalanceProfile,
} from '../shared/targets/index.ts';
import { loadWebModel, type WebModel } from '../inference/web-model.ts';

export interface AnalysisResult {
  bandsHz: number[];
  /** Corrective gains (dB) at amount 100 %, mean over bands zero. */
  gainsDb: number[];
  /** Per band, 0..1: how sure the model is of that band's correction. */
  confidence: number[];
  /** The song's own octave-band balance (dB, mean over bands removed). */
  balanceDb: number[];
  /** Per band, the range of balance the model expects for this music (dB, same convention). */
  typicalLowDb: number[];
  typicalHighDb: number[];
  /** The song's embedding (for personalisation). */
  embedding: number[];
  modelId: string;
  contractVersion: string;
  /** The song's tonal balance (src/shared/targets/profile.ts); null when no frame is loud enough to measure. */
  profile: BalanceProfile | null;
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
    if (mono.length === 0) throw new Error('no audio samples');
    const features = contractExtractor().extract(mono);
    const suggestion = await suggestFromFeatures(features, async (batch) => {
      // The features are done when the network is called: most of the work on a long song.
      onProgress?.(0.8);
      const t = performance.now();
      const out = await m.run(batch);
      inferenceMs += performance.now() - t;
      onProgress?.(1);
      return out;
    });
    let profile: BalanceProfile | null = null;
    try {
      profile = profileFromFeatures(features, mono.length);
    } catch (e) {
      if (!(e instanceof SilentAudioError)) throw e;
    }
    const totalMs = performance.now() - t0;
    return {
      bandsHz: suggestion.bandsHz,
      gainsDb: suggestion.gainsDb,
      confidence: suggestion.confidence,
      balanceDb: suggestion.balanceDb,
      typicalLowDb: suggestion.typicalLowDb,
      typicalHighDb: suggestion.typicalHighDb,
      embedding: suggestion.embedding,
      profile,
      modelId: m.metadata.model,
      contractVersion: m.metadata.contractVersion,
      frames: suggestion.frames,
      featuresMs: totalMs - inferenceMs,
      inferenceMs,
    };
  },

  /** A reference track's balance profile; rejects with a sentence for the user when it is silent. */
  measureReference(channels: Float32Array[], sampleRate: number): BalanceProfile {
    try {
      return profileFromSignal(analysisSignal(channels, sampleRate)).profile;
    } catch (e) {
      if (e instanceof SilentAudioError) throw new Error('it is silent: there is no balance to match');
      throw e;
    }
  },
};

export type AnalysisApi = typeof analysisApi;
