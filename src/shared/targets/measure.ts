/**
 * A song or reference signal -> its balance profile, through the contract's feature extractor (the same
 * features the model hears). `mono` is the analysis signal (src/shared/model/analysis-signal.ts).
 */
import type { Features } from '../features/index.ts';
import { FeatureExtractor } from '../features/index.ts';
import { CONTRACT, featureConfig } from '../model/contract.ts';
import type { BalanceProfile } from './profile.ts';
import { measureProfile } from './profile.ts';

let extractor: FeatureExtractor | null = null;

export function contractExtractor(): FeatureExtractor {
  extractor ??= new FeatureExtractor(featureConfig());
  return extractor;
}

/** The profile of features already extracted from a signal of `samples` samples at the contract's rate. */
export function profileFromFeatures(features: Features, samples: number): BalanceProfile {
  const ex = contractExtractor();
  return measureProfile(features, ex.filterbank.centersHz, samples / CONTRACT.input.sampleRateHz);
}

/** Throws SilentAudioError when nothing in the signal is above the silence threshold. */
export function profileFromSignal(mono: Float32Array): { profile: BalanceProfile; features: Features } {
  const features = contractExtractor().extract(mono);
  return { profile: profileFromFeatures(features, mono.length), features };
}
