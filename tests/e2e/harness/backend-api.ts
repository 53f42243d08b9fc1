/** The backend benchmark page's API, as seen from Node (no DOM types: both realms import it). */
export interface BackendTiming {
  backend: string;
  available: boolean;
  sessionMs: number;
  /** Median time of one model call on a batch of analysis windows. */
  runMs: number;
  error?: string;
}

export interface BackendTestApi {
  time(backend: 'webgpu' | 'wasm', batch: number, repeats: number): Promise<BackendTiming>;
}
