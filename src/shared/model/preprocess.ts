/**
 * Features -> model input tensors, exactly as the contract describes. Used by the dataset builder, the
 * command-line tool and (later) the browser worker, so training and inference see identical inputs.
 */
import type { Features } from '../features/index.ts';
import { TEMPORAL_COUNT } from '../features/index.ts';
import type { ModelContract } from './contract.ts';
import { CONTRACT } from './contract.ts';

/** One window's inputs: bands is [1, bandCount, frames] (band-major), temporal is [frames, TEMPORAL_COUNT]. */
export interface WindowInput {
  bands: Float32Array;
  temporal: Float32Array;
  /** Mean rmsDb of the window, before normalisation (used to skip silent windows). */
  meanRmsDb: number;
}

/** Start frames of the analysis windows of a song (at least one; short songs are handled by windowInput). */
export function windowStarts(frames: number, c: ModelContract = CONTRACT): number[] {
  const { windowFrames, windowHopFrames } = c.input;
  if (frames <= windowFrames) return [0];
  const starts: number[] = [];
  for (let s = 0; s + windowFrames <= frames; s += windowHopFrames) starts.push(s);
  // Cover the tail too, so the end of the song counts.
  const last = frames - windowFrames;
  if (starts[starts.length - 1] !== last) starts.push(last);
  return starts;
}

/** Normalised inputs of the window starting at `start`; frames past the end wrap around (songs under 6 s). */
export function windowInput(features: Features, start: number, c: ModelContract = CONTRACT): WindowInput {
  const T = c.input.windowFrames;
  const B = features.bandCount;
  const { bandsScaleDb, rmsScaleDb, fluxScaleDb } = c.normalisation;
  const bands = new Float32Array(B * T);
  const temporal = new Float32Array(T * TEMPORAL_COUNT);
  const frameAt = (t: number) => (start + t) % features.frames;
  let bandSum = 0;
  let rmsSum = 0;
  for (let t = 0; t < T; t++) {
    const f = frameAt(t);
    for (let b = 0; b < B; b++) bandSum += features.bandsDb[f * B + b]!;
    rmsSum += features.temporal[f * TEMPORAL_COUNT]!;
  }
  const bandMean = bandSum / (B * T);
  const rmsMean = rmsSum / T;
  for (let t = 0; t < T; t++) {
    const f = frameAt(t);
    for (let b = 0; b < B; b++) bands[b * T + t] = (features.bandsDb[f * B + b]! - bandMean) / bandsScaleDb;
    const src = f * TEMPORAL_COUNT;
    const dst = t * TEMPORAL_COUNT;
    temporal[dst] = (features.temporal[src]! - rmsMean) / rmsScaleDb;
    temporal[dst + 1] = features.temporal[src + 1]! / fluxScaleDb;
    temporal[dst + 2] = features.temporal[src + 2]! / fluxScaleDb;
    temporal[dst + 3] = features.temporal[src + 3]!;
  }
  return { bands, temporal, meanRmsDb: rmsMean };
}

/** Concatenates windows into batch tensors' data: bands [n, 1, B, T], temporal [n, T, TEMPORAL_COUNT]. */
export function stackWindows(windows: readonly WindowInput[]): {
  bands: Float32Array;
  temporal: Float32Array;
} {
  const first = windows[0];
  if (first === undefined) throw new Error('no windows to stack');
  const bands = new Float32Array(windows.length * first.bands.length);
  const temporal = new Float32Array(windows.length * first.temporal.length);
  windows.forEach((w, i) => {
    bands.set(w.bands, i * first.bands.length);
    temporal.set(w.temporal, i * first.temporal.length);
  });
  return { bands, temporal };
}
