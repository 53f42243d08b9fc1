/**
 * The export panel in the built app: every format the browser writes (Opus/AAC only where WebCodecs
 * encodes them), the delivery targets (keep, streaming, broadcast, custom LUFS and ceiling), and the level
 * report's sentence after the export, checked against the downloaded file as ffmpeg's ebur128 measures it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegLoudness } from '../../src/cli/ffmpeg-loudness.ts';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import { openApp, openSong, type AppSession } from './support/app-page.ts';

const RATE = 44100;
const dir = mkdtempSync(join(tmpdir(), 'export-panel-'));

/** 8 s of music-like noise at about -30 LUFS; with `clicks`, a 1 ms click near full scale every half second. */
function song(clicks: boolean): Uint8Array {
  const x = makeFixture(RATE * 8, 2, 21, RATE).map((c) =>
    c.map((v, i) => (clicks && i % (RATE / 2) < 44 ? 0.97 : 0.12 * v)),
  );
  return encodeWav(x, RATE, 'pcm16');
}

const options = (page: Page, name: string) =>
  page.getByRole('combobox', { name, exact: true }).locator('option').allTextContents();

/** Exports with the panel's current choice; the file on disk and the panel's message. */
async function exportNow(page: Page, name: string): Promise<{ path: string; file: string; message: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const path = join(dir, name);
  await download.saveAs(path);
  await expect
    .poll(() => page.locator('.export-message').textContent(), { timeout: 30_000 })
    .toMatch(/^Exported/);
  return {
    path,
    file: download.suggestedFilename(),
    message: (await page.locator('.export-message').textContent())!,
  };
}

let s: AppSession;
beforeAll(async () => {
  s = await openApp();
});
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('export panel', () => {
  it('offers every format this browser writes and the four delivery levels', async () => {
    const { page } = s;
    await openSong(page, { name: 'quiet.wav', bytes: song(false) });
    const canEncode = (codec: string) =>
      page.evaluate(
        async (c) =>
          typeof AudioEncoder !== 'undefined' &&
          (
            await AudioEncoder.isConfigSupported({
              codec: c,
              sampleRate: 48000,
              numberOfChannels: 2,
              bitrate: 160_000,
            })
          ).supported === true,
        codec,
      );
    const expected = ['WAV 16-bit', 'WAV 24-bit', 'WAV 32-bit float', 'FLAC 16-bit', 'FLAC 24-bit', 'MP3'];
    if (await canEncode('opus')) expected.push('Opus');
    if (await canEncode('mp4a.40.2')) expected.push('AAC');
    await expect.poll(() => options(page, 'Format')).toEqual(expected);
    expect(await options(page, 'Level')).toEqual([
      'Keep level (peaks under −1 dBTP)',
      'Streaming: −14 LUFS, −1 dBTP',
      'EBU R128 broadcast: −23 LUFS, −1 dBTP',
      'Custom loudness and ceiling',
    ]);
  });

  it('delivers a quiet song for streaming as FLAC and says how far it was raised', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Format', exact: true }).selectOption('flac24');
    await page.getByRole('combobox', { name: 'Level', exact: true }).selectOption('streaming');
    const out = await exportNow(page, 'quiet.flac');
    expect(out.file).toBe('quiet (Sonic EQ, 24-bit).flac');
    const m = /^Exported “quiet \(Sonic EQ, 24-bit\)\.flac”\. Level: raised (\d+\.\d) dB to -14 LUFS\.$/.exec(
      out.message,
    );
    expect(m, out.message).not.toBeNull();
    const measured = await ffmpegLoudness(out.path);
    expect(Math.abs(measured.integratedLufs + 14)).toBeLessThan(0.5);
    expect(measured.truePeakDbtp).toBeLessThanOrEqual(-1);
  });

  it('takes a custom loudness and ceiling: the limiter holds the clicks, and the sentence says by how much', async () => {
    const { page } = s;
    await openSong(page, { name: 'clicks.wav', bytes: song(true) });
    await page.getByRole('combobox', { name: 'Format', exact: true }).selectOption('wav24');
    await page.getByRole('combobox', { name: 'Level', exact: true }).selectOption('custom');
    await page.getByRole('spinbutton', { name: 'Level: loudness, LUFS' }).fill('-16');
    await page.getByRole('spinbutton', { name: 'Level: ceiling, dBTP' }).fill('-2');
    const out = await exportNow(page, 'clicks.wav');
    expect(out.message).toMatch(
      /^Exported “clicks \(Sonic EQ, 24-bit\)\.wav”\. Level: raised \d+\.\d dB, limiter reduced peaks by up to \d+\.\d dB\.$/,
    );
    const measured = await ffmpegLoudness(out.path);
    expect(Math.abs(measured.integratedLufs + 16)).toBeLessThan(0.5);
    expect(measured.truePeakDbtp).toBeLessThanOrEqual(-2);
  });

  it('keeps the level: no level sentence when nothing was changed', async () => {
    const { page } = s;
    await openSong(page, { name: 'quiet again.wav', bytes: song(false) });
    await page.getByRole('combobox', { name: 'Level', exact: true }).selectOption('keep');
    await page.getByRole('combobox', { name: 'Format', exact: true }).selectOption('mp3');
    const out = await exportNow(page, 'quiet.mp3');
    expect(out.message).toBe('Exported “quiet again (Sonic EQ).mp3”.');
    expect(s.pageErrors).toEqual([]);
  });
});
