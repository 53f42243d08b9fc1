/**
 * Analysis figures for a 4-minute 44.1 kHz stereo WAV in headless Chromium, and what the built app costs to
 * start: decode_ms_4min, analysis_ms_after_decode_4min (split into features and inference),
 * session_ready_ms (page load until the model session is ready), session_ready_warm_ms (the same on a
 * reload, everything cached), first_visit_bytes (what the network transfers until the app is ready
 * offline) and precache_bytes (what the service worker stores on install).
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEq } from '../../src/shared/dsp/index.ts';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import type { Socket } from 'node:net';
import type { Page } from 'playwright-core';
import type { AnalysisOutcome } from '../../tests/e2e/harness/analysis-api.ts';
import { openApp } from '../../tests/e2e/support/app-page.ts';
import { openHarness } from '../../tests/e2e/support/harness.ts';
import type { Preview } from '../../tests/e2e/support/preview-server.ts';

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

/** Counts every byte the server writes to its sockets (headers included): what the network transfers. */
function countBytes(app: Preview): () => number {
  const sockets = new Set<Socket>();
  app.server.httpServer.on('connection', (socket: Socket) => sockets.add(socket));
  return () => [...sockets].reduce((sum, s) => sum + s.bytesWritten, 0);
}

const modelReadyAt = (page: Page) =>
  page
    .waitForFunction(() => performance.getEntriesByName('sonic:model-ready').length > 0, null, {
      timeout: 60_000,
      polling: 20,
    })
    .then(() => page.evaluate(() => performance.getEntriesByName('sonic:model-ready')[0]!.startTime));

/**
 * Loads the built app in a fresh profile: when the model is ready (session_ready_ms), what the network
 * transferred until the app said it is ready offline (first_visit_bytes), what the service worker
 * precached (precache_bytes), and when the model is ready on a reload with everything cached
 * (session_ready_warm_ms).
 */
export async function measureAppStart(repeats: number) {
  const readyMs: number[] = [];
  const warmMs: number[] = [];
  const firstVisitBytes: number[] = [];
  let precacheBytes = 0;
  for (let i = 0; i < repeats; i++) {
    let sent = () => 0;
    const s = await openApp({
      beforeLoad: async (_page, app) => {
        sent = countBytes(app);
      },
    });
    try {
      const { page } = s;
      // (Page functions stay free of inner named functions: tsx would wrap them in a helper the page lacks.)
      readyMs.push(await modelReadyAt(page));
      await page
        .getByRole('status')
        .filter({ hasText: 'Ready to work offline' })
        .waitFor({ state: 'attached', timeout: 120_000 });
      firstVisitBytes.push(sent());
      precacheBytes = await page.evaluate(async () => {
        let total = 0;
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const req of await cache.keys())
            total += (await (await cache.match(req))!.arrayBuffer()).byteLength;
        }
        return total;
      });
      for (let r = 0; r < 2; r++) {
        await page.reload();
        warmMs.push(await modelReadyAt(page));
      }
    } finally {
      await s.close();
    }
    console.log(
      `  app start: model ready ${readyMs.at(-1)!.toFixed(0)} ms; first visit ${firstVisitBytes.at(-1)} B; warm reload ${warmMs
        .slice(-2)
        .map((m) => m.toFixed(0))
        .join(', ')} ms`,
    );
  }
  return {
    sessionReadyMs: median(readyMs),
    sessionReadyWarmMs: median(warmMs),
    firstVisitBytes: median(firstVisitBytes),
    precacheBytes,
  };
}
