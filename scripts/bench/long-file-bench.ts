/**
 * long_file_peak_mb: a 60-minute stereo song (44.1 kHz, 16-bit WAV: 635 MB, the largest form of it a
 * user is likely to have) opened, analysed, played, seeked and exported as 24-bit WAV in the built app,
 * while the browser's whole process tree is sampled (process-memory.ts). The peak of that sum is the
 * figure; its goal is 2 GB. The file is opened the way a user opens it (the file input, from disk).
 */
import { mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEq } from '../../src/shared/dsp/apply.ts';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { WavEncoder } from '../../src/shared/wav/wav-encode.ts';
import { TpdfDither } from '../../src/shared/wav/dither.ts';
import { openApp } from '../../tests/e2e/support/app-page.ts';
import { chromiumPid, MemorySampler } from './process-memory.ts';

const RATE = 44100;
const MINUTES = 60;

/** Writes the song a minute at a time (a minute of music-like signal, repeated): Node never holds it. */
function writeLongWav(path: string): number {
  const minute = applyEq(makeFixture(RATE * 60, 2, 11, RATE), RATE, [4, 3, 1, 0, -1, 0, 1, -2, -3, -5]);
  const encoder = new WavEncoder('pcm16', RATE, 2, new TpdfDither(1));
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    bytes += writeSync(fd, encoder.header(RATE * 60 * MINUTES));
    const block = new Uint8Array(RATE * 60 * encoder.bytesPerFrame);
    encoder.encodeInto(minute, 0, RATE * 60, block);
    for (let m = 0; m < MINUTES; m++) bytes += writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

export interface LongFileFigures {
  peakMb: number;
  phases: Record<'open' | 'analyse' | 'play' | 'export', { peakMb: number; ms: number }>;
  fileBytes: number;
}

export async function measureLongFile(): Promise<LongFileFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-long-'));
  const path = join(dir, 'sixty minutes.wav');
  const fileBytes = writeLongWav(path);
  const s = await openApp();
  const sampler = new MemorySampler(chromiumPid(s.browser.profileDir));
  const phases = {} as LongFileFigures['phases'];
  const phase = async (name: keyof LongFileFigures['phases'], work: () => Promise<unknown>) => {
    sampler.resetPeak();
    const t0 = performance.now();
    await work();
    phases[name] = { peakMb: Math.round(sampler.peakMb), ms: Math.round(performance.now() - t0) };
    console.log(`  60 min: ${name} ${phases[name].ms} ms, peak ${phases[name].peakMb} MB`);
  };
  try {
    const { page } = s;
    const status = () => page.locator('.analysis-status').textContent();
    await phase('open', async () => {
      await page.getByLabel('Audio file', { exact: true }).setInputFiles(path);
      await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 600_000 });
    });
    await phase('analyse', () =>
      page.waitForFunction(
        () => /Suggestion ready/.test(document.querySelector('.analysis-status')?.textContent ?? ''),
        null,
        {
          timeout: 600_000,
        },
      ),
    );
    if (!/Suggestion ready/.test((await status()) ?? '')) throw new Error(`no suggestion: ${await status()}`);
    await phase('play', async () => {
      await page.getByRole('button', { name: 'Play' }).click();
      await page.waitForTimeout(3000);
      const position = page.getByRole('slider', { name: 'Position' });
      await position.focus();
      for (let i = 0; i < 36; i++) await page.keyboard.press('PageUp'); // 36 × 50 s: half an hour in
      await page.waitForTimeout(3000);
      const at = Number(await position.getAttribute('aria-valuenow'));
      if (!(at > 1800)) throw new Error(`playback did not reach the middle (at ${at} s)`);
      await page.getByRole('button', { name: 'Pause' }).click();
    });
    await phase('export', async () => {
      await page.getByRole('combobox', { name: 'Format', exact: true }).selectOption('wav24');
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 1_800_000 }),
        page.getByRole('button', { name: 'Export', exact: true }).click(),
      ]);
      await download.path();
    });
    if (s.pageErrors.length) throw new Error(`page errors: ${s.pageErrors.join('; ')}`);
    return { peakMb: Math.round(Math.max(...Object.values(phases).map((p) => p.peakMb))), phases, fileBytes };
  } finally {
    sampler.stop();
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
