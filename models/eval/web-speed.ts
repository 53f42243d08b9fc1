/**
 * Inference time of the shipped model in onnxruntime-web's WASM build (run under Node, one thread, as the
 * browser worker does): one 6 s window, and a whole 4-minute song in one pass (the product's call).
 * npm run model:web-speed
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { DEFAULT_MODEL_PATH } from '../../src/inference/node-model.ts';
import { CONTRACT } from '../../src/shared/model/index.ts';
import { goldenInputs } from './golden-inputs.ts';

ort.env.wasm.numThreads = 1;
const session = await ort.InferenceSession.create(readFileSync(DEFAULT_MODEL_PATH));
const T = CONTRACT.input.windowFrames;
const B = CONTRACT.input.bands.count;
const K = CONTRACT.input.temporal.length;
const D = CONTRACT.input.content.descriptors.length;
// A 4-minute song at hop 2048 has 5166 frames.
for (const [label, frames] of [
  ['one 6 s window', T],
  ['a 4-minute song', 5166],
] as const) {
  const x = goldenInputs(B, K, frames, D, 1);
  const feeds = {
    bands: new ort.Tensor('float32', x.bands, [1, 1, B, frames]),
    temporal: new ort.Tensor('float32', x.temporal, [1, frames, K]),
    content: new ort.Tensor('float32', x.content, [1, x.contentFrames, D]),
  };
  await session.run(feeds); // warm-up
  const times: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    await session.run(feeds);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`onnxruntime-web wasm, ${label} (${frames} frames): median ${times[3]!.toFixed(1)} ms`);
}
