/**
 * Features -> model input tensors, exactly as the contract describes. Used by the dataset builder, the
 * evaluation, the command-line tool and the browser worker, so training and inference see identical inputs.
 */
import type { Features } from '../features/index.ts';
import { CONTENT_COUNT, TEMPORAL_COUNT } from '../features/index.ts';
import type { ModelContract } from './contract.ts';
import { CONTRACT } from './contract.ts';
import type { ModelBatch } from './contract-runner.ts';

/**
 * One input (a window or a whole song): bands is [1, bandCount, frames] (band-major), temporal is
 * [frames, TEMPORAL_COUNT], content is [contentFrames, CONTENT_COUNT].
 */
export interface ModelInput {
  bands: Float32Array;
  temporal: Float32Array;
  content: Float32Array;
  /** Frames in this input (the time axis of bands and temporal). */
  frames: number;
  /** Rows of content. */
  contentFrames: number;
}

/** Model inputs from the given frames of a song, normalised over them as the contract says. */
function inputFromFrames(
  features: Features,
  frames: readonly number[],
  contentRows: readonly number[],
  c: ModelContract,
): ModelInput {
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
  const content = new Float32Array(contentRows.length * CONTENT_COUNT);
  contentRows.forEach((row, j) =>
    content.set(features.content.subarray(row * CONTENT_COUNT, (row + 1) * CONTENT_COUNT), j * CONTENT_COUNT),
  );
  return { bands, temporal, content, frames: T, contentFrames: contentRows.length };
}

/**
 * Rows of `content` describing the given frames (those on the content stride), in order; the row of the
 * first frame when none of them is on the stride (a clip of a few frames).
 */
function contentRowsOf(features: Features, frames: readonly number[]): number[] {
  const s = features.contentStride;
  const rows = frames.filter((f) => f % s === 0).map((f) => f / s);
  return rows.length > 0 ? rows : [Math.floor(frames[0]! / s)];
}

/**
 * Normalised inputs of the window starting at `start`; bands and temporal frames past the end wrap around
 * (songs under 6 s), content rows are those inside the song.
 */
export function windowInput(features: Features, start: number, c: ModelContract = CONTRACT): ModelInput {
  const frames = Array.from({ length: c.input.windowFrames }, (_, t) => (start + t) % features.frames);
  const inside = Array.from(
    { length: Math.min(c.input.windowFrames, features.frames - start) },
    (_, t) => start + t,
  );
  return inputFromFrames(features, frames, contentRowsOf(features, inside), c);
}

/**
 * The whole song as one input (the network pools over time, so it takes any length): its frames without
 * the silent ones (rmsDb below silentFrameRmsDb: pauses, fades and digital silence carry no balance), or
 * all of them when fewer than a window's worth are left; a song shorter than a window is looped to one in
 * bands and temporal. Content rows are never looped: their number is how much music was heard.
 */
export function songInput(
  features: Features,
  c: ModelContract = CONTRACT,
): ModelInput & { loudFrames: number } {
  const all = Array.from({ length: features.frames }, (_, f) => f);
  const loud = all.filter((f) => features.temporal[f * TEMPORAL_COUNT]! >= c.input.silentFrameRmsDb);
  let frames = loud.length >= Math.min(features.frames, c.input.windowFrames) ? loud : all;
  const rows = contentRowsOf(features, frames);
  if (frames.length < c.input.windowFrames) {
    const base = frames;
    frames = Array.from({ length: c.input.windowFrames }, (_, t) => base[t % base.length]!);
  }
  return { ...inputFromFrames(features, frames, rows, c), loudFrames: loud.length };
}

/** Inputs of equal frames and content rows as one batch. */
export function batchOf(inputs: readonly ModelInput[]): ModelBatch {
  const first = inputs[0];
  if (first === undefined) throw new Error('empty batch');
  if (inputs.some((x) => x.frames !== first.frames || x.contentFrames !== first.contentFrames))
    throw new Error('a batch needs inputs of equal length');
  const cat = (pick: (x: ModelInput) => Float32Array) => {
    const out = new Float32Array(inputs.length * pick(first).length);
    inputs.forEach((x, i) => out.set(pick(x), i * pick(first).length));
    return out;
  };
  return {
    n: inputs.length,
    frames: first.frames,
    contentFrames: first.contentFrames,
    bands: cat((x) => x.bands),
    temporal: cat((x) => x.temporal),
    content: cat((x) => x.content),
  };
}
