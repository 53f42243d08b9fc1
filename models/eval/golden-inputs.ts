/** The same formula as models/train/golden_inputs.py: fixed model inputs without a committed tensor. */
import type { ModelBatch } from '../../src/shared/model/index.ts';

/** Content columns from here on are pitch-class shares: kept positive. */
const CHROMA_FROM = 28;

export function goldenInputs(
  bands: number,
  temporal: number,
  frames: number,
  content: number,
  batch = 2,
): ModelBatch {
  const b = new Float32Array(batch * bands * frames);
  const t = new Float32Array(batch * frames * temporal);
  const rows = Math.max(1, Math.floor(frames / 8));
  const c = new Float32Array(batch * rows * content);
  for (let n = 0; n < batch; n++) {
    for (let i = 0; i < bands; i++) {
      for (let j = 0; j < frames; j++) {
        b[(n * bands + i) * frames + j] =
          0.5 * Math.sin(0.37 * i + 0.11 * j + n) - (0.02 * i * (n + 1)) / bands;
      }
    }
    for (let j = 0; j < frames; j++) {
      for (let k = 0; k < temporal; k++)
        t[(n * frames + j) * temporal + k] = 0.3 * Math.cos(0.23 * j + k + 0.5 * n);
    }
    for (let j = 0; j < rows; j++) {
      for (let k = 0; k < content; k++) {
        c[(n * rows + j) * content + k] =
          k < CHROMA_FROM
            ? 3 * Math.sin(0.19 * k + 0.07 * j + n)
            : 0.5 + 0.4 * Math.cos(0.31 * k + 0.13 * j + n);
      }
    }
  }
  return { n: batch, frames, contentFrames: rows, bands: b, temporal: t, content: c };
}
