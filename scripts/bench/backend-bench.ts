/**
 * inference_webgpu_vs_wasm_ratio: one model call on a batch of analysis windows under onnxruntime-web's WebGPU
 * build divided by the same under its WASM build, in one headless Chromium with WebGPU enabled. The app ships
 * WASM only; this figure is why (docs/BENCHMARKS.md).
 */
import type { BackendTestApi } from '../../tests/e2e/pages/backend-api.ts';
import { openTestPage } from '../../tests/e2e/support/test-page.ts';

type Api = { backendTest: BackendTestApi };

export async function measureBackends(batch = 8, repeats = 15) {
  const t = await openTestPage('backend.html', { extraArgs: ['--enable-unsafe-webgpu'] });
  try {
    const run = (backend: 'webgpu' | 'wasm') =>
      t.page.evaluate(([b, n, r]) => (window as unknown as Api).backendTest.time(b, n, r), [
        backend,
        batch,
        repeats,
      ] as const);
    const wasm = await run('wasm');
    const webgpu = await run('webgpu');
    return { wasm, webgpu, ratio: webgpu.available && !webgpu.error ? webgpu.runMs / wasm.runMs : null };
  } finally {
    await t.close();
  }
}
