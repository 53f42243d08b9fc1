/** What the analyser benchmark page offers Node (tests/e2e/harness/analyser.ts). */
export interface AnalyserRequest {
  /** Display frames to time. */
  frames: number;
  /** The canvas's CSS size and the display's pixel ratio. */
  width: number;
  height: number;
  dpr: number;
}

export interface AnalyserTiming {
  /** Per frame, ms: the analyser's frame callback (read both analysers, smooth, draw) … */
  callbackMs: number[];
  /** … and the same with the canvas's drawing forced to the pixels (what the compositor would do later). */
  withRasterMs: number[];
  /** Frames per second the page reached while timing. */
  fps: number;
  /** Chromium's underrun count of the playing context over the run. */
  underruns: number;
}

export interface AnalyserTestApi {
  measure(req: AnalyserRequest): Promise<AnalyserTiming>;
}
