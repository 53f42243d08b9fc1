/**
 * The test harness's APIs by name, as seen from Node (no DOM types: both realms import it). One page
 * (index.html?api=NAME) loads the module of that name and exposes its API; tests/e2e/support/harness.ts
 * calls it from Node. Typed arrays cross in both directions as they are (Playwright serialises them).
 */
import type { AnalyserTestApi } from './analyser-api.ts';
import type { AnalysisTestApi } from './analysis-api.ts';
import type { BackendTestApi } from './backend-api.ts';
import type { EngineTestApi } from './engine-api.ts';
import type { ExportTestApi } from './export-api.ts';

export interface HarnessApis {
  analyser: AnalyserTestApi;
  analysis: AnalysisTestApi;
  backend: BackendTestApi;
  engine: EngineTestApi;
  export: ExportTestApi;
}

export type HarnessName = keyof HarnessApis;
