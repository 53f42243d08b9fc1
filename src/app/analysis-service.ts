/**
 * The app's one analysis worker, started as the app starts so the model is ready before a file is dropped.
 * A failed start is not fatal: it surfaces as "The analysis failed" when a file is analysed, and the client
 * then starts a fresh worker. The moment the session became ready is left on the page for the benchmark
 * (`session_ready_ms`, scripts/bench/analysis-bench.ts).
 */
import { AnalysisClient } from '../workers/analysis-client.ts';

export const analysisClient = new AnalysisClient();

analysisClient.start().then(
  () => {
    (globalThis as { __sonicSessionReadyMs?: number }).__sonicSessionReadyMs = performance.now();
  },
  () => undefined,
);
