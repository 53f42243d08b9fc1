/**
 * The app's one analysis worker, started as the app starts so the model is ready before a file is dropped.
 * Records how long the session took to be ready (the benchmark reads it).
 */
import { AnalysisClient } from '../workers/analysis-client.ts';

export const analysisClient = new AnalysisClient();

/** performance.now() when the model session became ready, or null. */
export let sessionReadyAt: number | null = null;
export let sessionError: string | null = null;

export const sessionReady: Promise<void> = analysisClient.start().then(
  () => {
    sessionReadyAt = performance.now();
    (globalThis as { __sonicSessionReadyMs?: number }).__sonicSessionReadyMs = sessionReadyAt;
  },
  (e: unknown) => {
    sessionError = (e as Error).message;
  },
);
