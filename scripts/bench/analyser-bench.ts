/**
 * analyser_frame_ms: the live analyser's main-thread cost per display frame, in Chromium, while a song plays
 * through the app's live graph (the app's LivePlayer, LiveMonitor and SpectrumView in the test harness, tests/e2e/harness/analyser.ts): reading
 * both analysers (two 8192-point FFTs in Chromium), the 1/6-octave smoothing with the tilt, and drawing both
 * traces, with the canvas rasterised inside the timing (a pixel read forces it), on a 1000 × 325 CSS px canvas
 * on a display of pixel ratio 2 (a laptop's or phone's; the view draws at most one pixel per CSS pixel). The median over 600 frames; the 95th percentile and
 * the callback alone (rasterisation left to the compositor, as in the app) are details.
 */
import { openHarness } from '../../tests/e2e/support/harness.ts';

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;

export async function measureAnalyserFrame(dpr = 2) {
  const t = await openHarness('analyser');
  try {
    const r = await t.api.measure({ frames: 600, width: 1000, height: 325, dpr });
    return {
      frameMs: quantile(r.withRasterMs, 0.5),
      p95Ms: quantile(r.withRasterMs, 0.95),
      callbackMs: quantile(r.callbackMs, 0.5),
      fps: r.fps,
      underruns: r.underruns,
    };
  } finally {
    await t.close();
  }
}
