/**
 * A batch of 20 four-minute songs exported as one zip does not make the tab's memory grow with the batch.
 * Measured in the built app through the Chrome DevTools Protocol after a forced garbage collection: the JS
 * heap (Runtime.getHeapUsage usedSize), the memory of ArrayBuffers (backingStorageSize: decoded and
 * rendered audio) and the renderer processes' resident memory (after a memory-pressure signal, so freed
 * memory is returned), first after one song was opened and exported on its own, then after each file of
 * the batch's export, and after the whole batch.
 *
 * The songs are 8 kHz mono by default, so the spec runs in about a minute; `BATCH_MEMORY_RATE=44100
 * BATCH_MEMORY_CHANNELS=2 npx vitest run --project browser tests/e2e/batch-memory.spec.ts` runs it on CD-quality
 * songs (about 10 minutes here; docs/BENCHMARKS.md has the figures).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import { openApp, type AppSession } from './support/app-page.ts';
import { readZip } from './support/read-zip.ts';

const SONGS = 20;
const SECONDS = 240;
const RATE = Number(process.env.BATCH_MEMORY_RATE ?? 8000);
const CHANNELS = Number(process.env.BATCH_MEMORY_CHANNELS ?? 1);
const DIR = join('.tmp', `e2e-batch-memory-${RATE}-${CHANNELS}`);
const MB = 1024 * 1024;
/** One song decoded (float32): what a batch holding every song's audio would add per song. */
const SONG_BYTES = SECONDS * RATE * CHANNELS * 4;

/** The songs as WAV files on disk (made once), handed to the file picker by path: nothing is copied. */
function songFiles(): string[] {
  mkdirSync(DIR, { recursive: true });
  return Array.from({ length: SONGS }, (_, i) => {
    const path = resolve(DIR, `Song ${String(i + 1).padStart(2, '0')}.wav`);
    const bytes = 44 + SECONDS * RATE * CHANNELS * 2;
    let ok = false;
    try {
      ok = statSync(path).size === bytes;
    } catch {
      // not made yet
    }
    if (!ok)
      writeFileSync(path, encodeWav(makeFixture(SECONDS * RATE, CHANNELS, 100 + i, RATE), RATE, 'pcm16'));
    return path;
  });
}

interface Memory {
  heapMb: number;
  arrayBuffersMb: number;
  rendererRssMb: number;
}

/** Collects garbage, then reads the page's heap, its ArrayBuffers and the renderers' resident memory. */
async function measure(cdp: CDPSession, browserCdp: CDPSession): Promise<Memory> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  // Freed memory goes back to the system only when the allocators are asked to (under pressure).
  await cdp.send('Memory.simulatePressureNotification', { level: 'critical' });
  await new Promise((r) => setTimeout(r, 200));
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[];
  };
  let rss = 0;
  for (const p of processInfo.filter((x) => x.type === 'renderer')) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'));
      rss += Number(m?.[1] ?? 0) * 1024;
    } catch {
      // the process ended
    }
  }
  return {
    heapMb: usage.usedSize / MB,
    arrayBuffersMb: (usage.backingStorageSize ?? NaN) / MB,
    rendererRssMb: rss / MB,
  };
}

let s: AppSession;
beforeAll(async () => {
  s = await openApp();
});
afterAll(async () => {
  await s?.close();
});

const exportedCount = (page: Page) => page.locator('.batch-export-status', { hasText: /^Exported/ }).count();

describe('memory of a batch', () => {
  it(
    `exports ${SONGS} songs of ${SECONDS / 60} minutes without the tab's memory growing with the batch`,
    { timeout: 1_800_000 },
    async () => {
      const { page } = s;
      const files = songFiles();
      const cdp = await page.context().newCDPSession(page);
      const browserCdp =
        (await page.context().browser()?.newBrowserCDPSession()) ??
        (await page.context().newCDPSession(page));

      // One song, opened and exported on its own.
      await page.getByLabel('Audio file', { exact: true }).setInputFiles(files[0]!);
      await expect
        .poll(() => page.locator('.analysis-status').textContent(), { timeout: 120_000 })
        .toMatch(/Suggestion ready/);
      await page.getByRole('combobox', { name: 'Format', exact: true }).selectOption('wav16');
      const [single] = await Promise.all([
        page.waitForEvent('download', { timeout: 300_000 }),
        page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Export' }).click(),
      ]);
      await single.path();
      const afterOne = await measure(cdp, browserCdp);

      // The batch: all of them, exported into one zip with the curve on screen. The analysis is stopped (the
      // export path is the same whatever the curve; app-batch.spec.ts checks each file's own suggestion), which
      // keeps this spec to about a minute.
      await page.getByLabel('Audio file', { exact: true }).setInputFiles(files);
      await page.getByRole('button', { name: 'Cancel batch' }).click();
      await expect.poll(() => page.locator('.batch-item').count()).toBe(SONGS);
      await page.getByRole('radio', { name: 'The curve on screen, for every file' }).check();
      await page.getByRole('combobox', { name: 'Batch file type' }).selectOption('wav16');
      const t1 = Date.now();
      const zipDownload = page.waitForEvent('download', { timeout: SONGS * 120_000 });
      await page.getByRole('button', { name: 'Download all as zip' }).click();
      // While it exports: after each file, the same measures.
      const during: Memory[] = [];
      for (let seen = 0; seen < SONGS - 1;) {
        await expect
          .poll(() => exportedCount(page), { timeout: 300_000, interval: 200 })
          .toBeGreaterThan(seen);
        seen = await exportedCount(page);
        during.push(await measure(cdp, browserCdp));
      }
      const zip = await zipDownload;
      const zipPath = (await zip.path())!;
      const exportedS = (Date.now() - t1) / 1000;
      const afterBatch = await measure(cdp, browserCdp);

      const zipBytes = statSync(zipPath).size;
      const entries = readZip(new Uint8Array(readFileSync(zipPath)));
      expect(entries).toHaveLength(SONGS);

      const report = {
        songs: SONGS,
        seconds: SECONDS,
        rate: RATE,
        channels: CHANNELS,
        songDecodedMb: +(SONG_BYTES / MB).toFixed(1),
        zipMb: +(zipBytes / MB).toFixed(1),
        exportedS: +exportedS.toFixed(1),
        afterOne,
        during: during.map((m) => [
          +m.heapMb.toFixed(1),
          +m.arrayBuffersMb.toFixed(1),
          Math.round(m.rendererRssMb),
        ]),
        duringMax: {
          heapMb: Math.max(...during.map((m) => m.heapMb)),
          arrayBuffersMb: Math.max(...during.map((m) => m.arrayBuffersMb)),
          rendererRssMb: Math.max(...during.map((m) => m.rendererRssMb)),
        },
        afterBatch,
      };
      console.log(
        `batch memory: ${JSON.stringify(report, (_, v: unknown) => (typeof v === 'number' ? +v.toFixed(1) : v))}`,
      );
      mkdirSync('test-results', { recursive: true });
      writeFileSync(
        join('test-results', `batch-memory-${RATE}-${CHANNELS}.json`),
        JSON.stringify(report, null, 1),
      );

      // The JS heap after the batch is within a few MB of the heap after one song, and stays there all along.
      expect(afterBatch.heapMb - afterOne.heapMb).toBeLessThan(8);
      expect(report.duringMax.heapMb - afterOne.heapMb).toBeLessThan(8);
      // Audio in the page (ArrayBuffers), after the batch: at most two songs' worth above what one song left:
      // the song on screen (a batch file replaced the single song; React keeps the previous render's props, so
      // the page also holds the song before it, batch or not). While a file exports, its own working set comes
      // on top (the file's bytes, its decoded audio, the equalised copy and the copy handed to the encoder, the
      // encoded file): at most six songs' worth in all, whatever the batch's length, and no more late in the
      // batch than early. A batch that held its songs would add 20 songs' worth.
      const song = SONG_BYTES / MB;
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const trend = (pick: (m: Memory) => number) =>
        median(during.slice(-6).map(pick)) - median(during.slice(0, 6).map(pick));
      expect(afterBatch.arrayBuffersMb - afterOne.arrayBuffersMb).toBeLessThan(2 * song);
      expect(report.duringMax.arrayBuffersMb - afterOne.arrayBuffersMb).toBeLessThan(6 * song);
      expect(trend((m) => m.arrayBuffersMb)).toBeLessThan(0.5 * song);
      // The tab as the system sees it (the renderers' resident memory) does not grow with the batch either.
      expect(trend((m) => m.rendererRssMb)).toBeLessThan(Math.max(2 * song, 32));
      expect(afterBatch.rendererRssMb - afterOne.rendererRssMb).toBeLessThan(Math.max(4 * song, 64));
      expect(s.pageErrors).toEqual([]);
    },
  );
});
