/**
 * The one test page (dev server only, never shipped): loads the API module named by `?api=` and exposes it as
 * `window.harness`, then says "ready" (or why it failed). Modules load on demand so that, for example, the
 * WebGPU build of onnxruntime-web is fetched only by the backend benchmark.
 */
import type { HarnessApis, HarnessName } from './apis.ts';

const modules: { [K in HarnessName]: () => Promise<{ api: HarnessApis[K] }> } = {
  analyser: () => import('./analyser.ts'),
  analysis: () => import('./analysis.ts'),
  backend: () => import('./backend.ts'),
  engine: () => import('./engine.ts'),
  export: () => import('./export.ts'),
};

const state = document.getElementById('state')!;
const name = new URLSearchParams(location.search).get('api') as HarnessName | null;
const load = name && Object.hasOwn(modules, name) ? modules[name] : undefined;
if (!load) {
  state.textContent = `failed: no test API named ${String(name)}`;
} else {
  load().then(
    ({ api }) => {
      (window as unknown as { harness: unknown }).harness = api;
      state.textContent = 'ready';
    },
    (e: unknown) => {
      state.textContent = `failed: ${(e as Error).message}`;
    },
  );
}
