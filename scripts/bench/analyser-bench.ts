/**
 * analyser_frame_ms: the live analyser's main-thread cost per display frame, in Chromium, while a song plays
 * through the app's live graph (the app's LivePlayer, LiveMonitor and SpectrumView on a test page): reading
 * both analysers (two 8192-point FFTs in Chromium), the 1/6-octave smoothing with the tilt, and drawing both
 * traces, with the canvas rasterised inside the timing (a pixel read forces it), on a 1000 × 325 CSS px canvas
 * on a display of pixel ratio 2 (a laptop's or phone's; the view draws at most one pixel per CSS pixel). The median over 600 frames; the 95th percentile and
 * the callback alone (rasterisation left to the compositor, as in the app) are details.
 */
import type { AnalyserTestApi, AnalyserTiming } from '../../tests/e2e/pages/analyser-api.ts';
import { openTestPage } from '../../tests/e2e/support/test-page.ts';

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;

export async function measureAnalyserFrame(dpr = 2) {
  const t = await openTestPage('analyser.html');
  try {
    const req = { frames: 600, width: 1000, height: 325, dpr };
    const r: AnalyserTiming = await t.page.evaluate(
      (q) => (window as unknown as { analyserTest: AnalyserTestApi }).analyserTest.measure(q),
      req,
    );
    if (t.errors.length) throw new Error(`page error: ${t.errors.join('; ')}`);
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
