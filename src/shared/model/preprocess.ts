/**
 * Features -> model input tensors, exactly as the contract describes. Used by the dataset builder, the
 * command-line tool and the browser worker, so training and inference see identical inputs.
 */
import type { Features } from '../features/index.ts';
import { TEMPORAL_COUNT } from '../features/index.ts';
import type { ModelContract } from './contract.ts';
import { CONTRACT } from './contract.ts';

/** One input (a window or a whole song): bands is [1, bandCount, frames] (band-major), temporal is [frames, TEMPORAL_COUNT]. */
export interface ModelInput {
  bands: Float32Array;
  temporal: Float32Array;
  /** Frames in this input (the tensors' time axis). */
  frames: number;
}

/** Model inputs from the given frames of a song, normalised over them as the contract says. */
function inputFromFrames(features: Features, frames: readonly number[], c: ModelContract): ModelInput {
  const T = frames.length;
  const B = features.bandCount;
  const { bandsScaleDb, rmsScaleDb, fluxScaleDb } = c.normalisation;
  const bands = new Float32Array(B * T);
  const temporal = new Float32Array(T * TEMPORAL_COUNT);
  let bandSum = 0;
  let rmsSum = 0;
  for (const f of frames) {
    for (let b = 0; b < B; b++) bandSum += features.bandsDb[f * B + b]!;
    rmsSum += features.temporal[f * TEMPORAL_COUNT]!;
  }
  const bandMean = bandSum / (B * T);
  const rmsMean = rmsSum / T;
  frames.forEach((f, t) => {
    for (let b = 0; b < B; b++) bands[b * T + t] = (features.bandsDb[f * B + b]! - bandMean) / bandsScaleDb;
    const src = f * TEMPORAL_COUNT;
    const dst = t * TEMPORAL_COUNT;
    temporal[dst] = (features.temporal[src]! - rmsMean) / rmsScaleDb;
    temporal[dst + 1] = features.temporal[src + 1]! / fluxScaleDb;
    temporal[dst + 2] = features.temporal[src + 2]! / fluxScaleDb;
    temporal[dst + 3] = features.temporal[src + 3]!;
  });
  return { bands, temporal, frames: T };
}

/** Normalised inputs of the window starting at `start`; frames past the end wrap around (songs under 6 s). */
export function windowInput(features: Features, start: number, c: ModelContract = CONTRACT): ModelInput {
  const frames = Array.from({ length: c.input.windowFrames }, (_, t) => (start + t) % features.frames);
  return inputFromFrames(features, frames, c);
}

/**
 * The whole song as one input (the network pools over time, so it takes any length): its frames without
 * the silent ones (rmsDb below silentFrameRmsDb: pauses, fades and digital silence carry no balance), or
 * all of them when fewer than a window's worth are left; a song shorter than a window is looped to one.
 */
export function songInput(
  features: Features,
  c: ModelContract = CONTRACT,
): ModelInput & { loudFrames: number } {
  const all = Array.from({ length: features.frames }, (_, f) => f);
  const loud = all.filter((f) => features.temporal[f * TEMPORAL_COUNT]! >= c.input.silentFrameRmsDb);
  let frames = loud.length >= Math.min(features.frames, c.input.windowFrames) ? loud : all;
  if (frames.length < c.input.windowFrames) {
    const base = frames;
    frames = Array.from({ length: c.input.windowFrames }, (_, t) => base[t % base.length]!);
  }
  return { ...inputFromFrames(features, frames, c), loudFrames: loud.length };
}
