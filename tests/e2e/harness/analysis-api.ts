/** The analysis test page's API, as seen from Node (no DOM types: both realms import it). */
export interface AnalysisOutcome {
  gainsDb?: number[];
  embedding?: number[];
  error?: string;
  decodeMs: number;
  featuresMs: number;
  inferenceMs: number;
  /** Wall time from decoded buffer to suggestion (resampling, features, inference, worker hops). */
  analysisMs: number;
}

export interface AnalysisTestApi {
  /** Decodes the bytes as the app does, then analyses them in the worker. */
  analyze(bytes: Uint8Array, name: string): Promise<AnalysisOutcome>;
  /** When the page's model session became ready, ms after navigation start. */
  sessionReadyMs(): Promise<number>;
}
