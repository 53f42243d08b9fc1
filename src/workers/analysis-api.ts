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
import type { Features } from '../shared/features/index.ts';
import { analysisSignal } from '../shared/model/analysis-signal.ts';
import { CONTRACT } from '../shared/model/contract.ts';
import { modelIdOf, suggestFromFeatures, type Suggestion } from '../shared/model/index.ts';
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

  /**
   * From a song's features (the page scanned it as it was decoded) and its duration: the model call and the
   * balance profile only.
   */
  async analyzeFeatures(
    features: Features,
    durationS: number,
    onProgress?: ProgressCallback,
  ): Promise<AnalysisResult> {
    const m = await loaded();
    let inferenceMs = 0;
    const suggestion = await suggestFromFeatures(features, async (batch) => {
      const t = performance.now();
      const out = await m.run(batch);
      inferenceMs += performance.now() - t;
      onProgress?.(1);
      return out;
    });
    const samples = Math.round(durationS * CONTRACT.input.sampleRateHz);
    return resultOf(m, suggestion, profileOf(features, samples), 0, inferenceMs);
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
    return resultOf(
      m,
      suggestion,
      profileOf(features, mono.length),
      performance.now() - t0 - inferenceMs,
      inferenceMs,
    );
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

async function loaded(): Promise<WebModel> {
  if (!model) throw new Error('the analysis model is not loaded');
  return model;
}

/** The song's balance profile, or null when no frame is loud enough to measure. */
function profileOf(features: Features, samples: number): BalanceProfile | null {
  try {
    return profileFromFeatures(features, samples);
  } catch (e) {
    if (!(e instanceof SilentAudioError)) throw e;
    return null;
  }
}

function resultOf(
  m: WebModel,
  suggestion: Suggestion,
  profile: BalanceProfile | null,
  featuresMs: number,
  inferenceMs: number,
): AnalysisResult {
  return {
    bandsHz: suggestion.bandsHz,
    gainsDb: suggestion.gainsDb,
    confidence: suggestion.confidence,
    balanceDb: suggestion.balanceDb,
    typicalLowDb: suggestion.typicalLowDb,
    typicalHighDb: suggestion.typicalHighDb,
    embedding: suggestion.embedding,
    profile,
    modelId: modelIdOf(m.metadata),
    contractVersion: m.metadata.contractVersion,
    frames: suggestion.frames,
    featuresMs,
    inferenceMs,
  };
}

export type AnalysisApi = typeof analysisApi;
