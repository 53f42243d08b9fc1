/**
 * Benchmark page (dev server only, never shipped): the shipped model under onnxruntime-web's WebGPU build
 * and its WASM build in the same page, on the same inputs, to decide which backend the app uses.
 */
import * as ort from 'onnxruntime-web/webgpu';
import modelUrl from '../../../models/eq-model.onnx?url';
import { CONTRACT } from '../../../src/shared/model/index.ts';
import type { BackendTestApi, BackendTiming } from './backend-api.ts';

async function time(backend: 'webgpu' | 'wasm', batch: number, repeats: number): Promise<BackendTiming> {
  const out: BackendTiming = { backend, available: true, sessionMs: 0, runMs: 0 };
  try {
    if (
      backend === 'webgpu' &&
      !(await (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter())
    ) {
      return { ...out, available: false };
    }
    ort.env.wasm.numThreads = 1;
    const bytes = new Uint8Array(await (await fetch(modelUrl)).arrayBuffer());
    let t = performance.now();
    const session = await ort.InferenceSession.create(bytes, { executionProviders: [backend] });
    out.sessionMs = performance.now() - t;
    const B = CONTRACT.input.bands.count;
    const K = CONTRACT.input.temporal.length;
    const T = CONTRACT.input.windowFrames;
    const feeds = {
      bands: new ort.Tensor('float32', new Float32Array(batch * B * T).fill(0.1), [batch, 1, B, T]),
      temporal: new ort.Tensor('float32', new Float32Array(batch * T * K).fill(0.1), [batch, T, K]),
    };
    await session.run(feeds); // warm-up: shader compilation, first allocation
    const runs: number[] = [];
    for (let i = 0; i < repeats; i++) {
      t = performance.now();
      await session.run(feeds);
      runs.push(performance.now() - t);
    }
    out.runMs = runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
    await session.release();
  } catch (e) {
    out.error = (e as Error).message;
  }
  return out;
}

export const api: BackendTestApi = { time };
