/** The engine test page's API, as seen from Node (no DOM types here: both realms import it). */
export interface RenderRequest {
  seconds: number;
  sampleRate: number;
  channels: number;
  gainsDb: number[];
  seed: number;
}

export interface EngineTestApi {
  /** The fixture through the EQ worklet in an OfflineAudioContext: one array per channel. */
  renderOffline(req: RenderRequest): Promise<Float32Array[]>;
  /** The same in a running AudioContext, recorded sample-aligned with the input. */
  renderRealtime(req: RenderRequest): Promise<Float32Array[]>;
  timeExport(req: RenderRequest): Promise<{ workletMs: number; nativeMs: number }>;
}
