/**
 * inference_webgpu_vs_wasm_ratio: one model call on a batch of analysis windows under onnxruntime-web's WebGPU
 * build divided by the same under its WASM build, in one headless Chromium with WebGPU enabled. The app ships
 * WASM only; this figure is why (docs/BENCHMARKS.md).
 */
import { openHarness } from '../../tests/e2e/support/harness.ts';

export async function measureBackends(batch = 8, repeats = 15) {
  const t = await openHarness('backend', { extraArgs: ['--enable-unsafe-webgpu'] });
  try {
    const run = (backend: 'webgpu' | 'wasm') => t.api.time(backend, batch, repeats);
    const wasm = await run('wasm');
    const webgpu = await run('webgpu');
    return { wasm, webgpu, ratio: webgpu.available && !webgpu.error ? webgpu.runMs / wasm.runMs : null };
  } finally {
    await t.close();
  }
}
