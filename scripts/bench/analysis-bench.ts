/**
 * Analysis figures for a 4-minute 44.1 kHz stereo WAV in headless Chromium, and what the built app costs to
 * start: decode_ms_4min, analysis_ms_after_decode_4min (split into features and inference),
 * session_ready_ms (page load until the model session is ready) and precache_bytes (what the service
 * worker stores on install).
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEq } from '../../src/shared/dsp/index.ts';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import type { AnalysisOutcome } from '../../tests/e2e/harness/analysis-api.ts';
import { openApp } from '../../tests/e2e/support/app-page.ts';
import { openHarness } from '../../tests/e2e/support/harness.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function measureAnalysis(repeats: number) {
  const fs = 44100;
  const audio = applyEq(makeFixture(fs * 240, 2, 7, fs), fs, [5, 3, 1, 0, 0, -1, -2, -3, -4, -5]);
  const path = join(mkdtempSync(join(tmpdir(), 'bench-')), 'four-minutes.wav');
  writeFileSync(path, encodeWav(audio, fs, 'pcm16'));
  const bytes = new Uint8Array(readFileSync(path));
  const t = await openHarness('analysis');
  try {
    const runs: AnalysisOutcome[] = [];
    for (let i = 0; i < repeats + 1; i++) {
      const r = await t.api.analyze(bytes, 'four-minutes.wav');
      if (r.error) throw new Error(r.error);
      if (i > 0) runs.push(r); // the first run warms up the JIT and the session
      console.log(
        `  4 min: decode ${r.decodeMs.toFixed(0)} ms, analysis ${r.analysisMs.toFixed(0)} ms (features ${r.featuresMs.toFixed(0)}, inference ${r.inferenceMs.toFixed(0)})`,
      );
    }
    return {
      decodeMs: median(runs.map((r) => r.decodeMs)),
      analysisMs: median(runs.map((r) => r.analysisMs)),
      featuresMs: median(runs.map((r) => r.featuresMs)),
      inferenceMs: median(runs.map((r) => r.inferenceMs)),
    };
  } finally {
    await t.close();
  }
}

/** Loads the built app in a fresh profile: when the model is ready, and what the service worker precached. */
export async function measureAppStart(repeats: number) {
  const readyMs: number[] = [];
  let precacheBytes = 0;
  for (let i = 0; i < repeats; i++) {
    const s = await openApp();
    try {
      // (Page functions stay free of inner named functions: tsx would wrap them in a helper the page lacks.)
      await s.page.waitForFunction(() => performance.getEntriesByName('sonic:model-ready').length > 0, null, {
        timeout: 60_000,
        polling: 20,
      });
      readyMs.push(
        await s.page.evaluate(() => performance.getEntriesByName('sonic:model-ready')[0]!.startTime),
      );
      precacheBytes = await s.page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        void reg;
        let total = 0;
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const req of await cache.keys())
            total += (await (await cache.match(req))!.arrayBuffer()).byteLength;
        }
        return total;
      });
    } finally {
      await s.close();
    }
  }
  return { sessionReadyMs: median(readyMs), precacheBytes };
}
