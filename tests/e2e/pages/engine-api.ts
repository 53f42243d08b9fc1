/** The engine test page's API, as seen from Node (no DOM types here: both realms import it). */
export interface RenderRequest {
  seconds: number;
  sampleRate: number;
  channels: number;
  gainsDb: number[];
  seed: number;
}

export interface EngineTestApi {
  /** Interleaving-free float32 output, one channel after another, base64. */
  renderOffline(req: RenderRequest): Promise<string>;
  renderRealtime(req: RenderRequest): Promise<string>;
  timeExport(req: RenderRequest): Promise<{ workletMs: number; nativeMs: number }>;
}
