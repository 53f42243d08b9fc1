/**
 * The app's one analysis worker, started as the app starts so the model is ready before a file is dropped.
 * A failed start is not fatal: it surfaces as "The analysis failed" when a file is analysed, and the client
 * then starts a fresh worker. The moment the model is ready is a User Timing mark (MODEL_READY_MARK), seen
 * in the browser's performance tools and read by `npm run bench` (session_ready_ms).
 */
import { AnalysisClient } from '../workers/analysis-client.ts';

export const MODEL_READY_MARK = 'sonic:model-ready';

export const analysisClient = new AnalysisClient();

/** Settles (never rejects) once the model's first start succeeded or failed. */
export const modelSettled: Promise<void> = analysisClient.start().then(
  () => void performance.mark(MODEL_READY_MARK),
  () => undefined,
);
