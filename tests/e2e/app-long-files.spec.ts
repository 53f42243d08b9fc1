/**
 * Long and damaged files in the app: opening shows how far it is and can be cancelled (the song on screen
 * stays), a long song opens whole without being held in memory, the one length limit is stated and its
 * refusal says what to do, and files cut short say so for every format whose header promises a length.
 * (The memory a 60-minute song costs is measured by `npm run bench`: long_file_peak_mb.)
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { encodeWav, WavEncoder } from '../../src/shared/wav/wav-encode.ts';
import { TpdfDither } from '../../src/shared/wav/dither.ts';
import { openApp, openSong, type AppSession } from './support/app-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'long-files-'));

/** `minutes` of stereo 44.1 kHz 16-bit WAV on disk, one minute of signal repeated (opened from its path). */
function longWav(minutes: number): string {
  const rate = 44100;
  const path = join(dir, `${minutes} minutes.wav`);
  const minute = makeFixture(rate * 60, 2, 8, rate);
  const encoder = new WavEncoder('pcm16', rate, 2, new TpdfDither(1));
  const block = new Uint8Array(rate * 60 * encoder.bytesPerFrame);
  encoder.encodeInto(minute, 0, rate * 60, block);
  const fd = openSync(path, 'w');
  writeSync(fd, encoder.header(rate * 60 * minutes));
  for (let m = 0; m < minutes; m++) writeSync(fd, block);
  closeSync(fd);
  return path;
}

/** A minute of the fixture encoded by ffmpeg (which writes the length into the header), cut to `keep`. */
function encoded(ext: string, args: string[], keep: number): { name: string; bytes: Uint8Array } {
  const src = join(dir, 'source.wav');
  writeFileSync(src, encodeWav(makeFixture(44100 * 60, 2, 9, 44100), 44100, 'pcm16'));
  const out = join(dir, `whole.${ext}`);
  const r = spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', src, ...args, out]);
  expect(r.status, String(r.stderr)).toBe(0);
  const bytes = new Uint8Array(readFileSync(out));
  return { name: `cut.${ext}`, bytes: bytes.subarray(0, Math.floor(bytes.length * keep)) };
}

const status = (page: Page) => page.locator('.messages [role=status]').first().textContent();

let s: AppSession;
beforeAll(async () => {
  s = await openApp();
});
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('long files', () => {
  it('states the length limit before a file is open', async () => {
    await expect
      .poll(() => s.page.getByRole('region', { name: 'Start' }).textContent())
      .toMatch(/Songs up to 3\.1 hours of 48 kHz stereo \(4 GB of audio\) open\./);
  });

  it('shows how far opening is, and Cancel keeps the song on screen', async () => {
    const { page } = s;
    await openSong(page, {
      name: 'short.wav',
      bytes: encodeWav(makeFixture(44100 * 4, 2, 2, 44100), 44100, 'pcm16'),
    });
    const path = longWav(20);
    await page.getByLabel('Audio file', { exact: true }).setInputFiles(path);
    const bar = page.getByRole('progressbar', { name: 'Opening progress' });
    await expect
      .poll(async () => Number(await bar.getAttribute('value')), { timeout: 60_000 })
      .toBeGreaterThan(0.02);
    expect(await status(page)).toBe('Opening “20 minutes.wav”…');
    await page.getByRole('button', { name: 'Cancel opening' }).click();
    await expect.poll(() => status(page)).toBe('Opening cancelled.');
    expect(await bar.count()).toBe(0);
    expect(await page.locator('.file-name').textContent()).toBe('short.wav');
  });

  it('opens a 20-minute song whole: waveform, suggestion, playback and seeking to its end', async () => {
    const { page } = s;
    await page.getByLabel('Audio file', { exact: true }).setInputFiles(join(dir, '20 minutes.wav'));
    await expect
      .poll(() => page.locator('.file-name').textContent(), { timeout: 180_000 })
      .toBe('20 minutes.wav');
    expect(await page.locator('.duration').textContent()).toBe('20:00');
    await expect
      .poll(() => page.locator('.analysis-status').textContent(), { timeout: 60_000 })
      .toMatch(/Suggestion ready/);
    await page.getByRole('button', { name: 'Play' }).click();
    const position = page.getByRole('slider', { name: 'Position' });
    await position.focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('PageUp');
    await expect
      .poll(async () => Number(await position.getAttribute('aria-valuenow')))
      .toBeGreaterThanOrEqual(1000);
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(s.pageErrors).toEqual([]);
  });

  it('refuses a song over the limit and says what to do instead', async () => {
    const { page } = s;
    // A FLAC whose header states 3.5 hours of 48 kHz stereo: refused before decoding.
    const src = join(dir, 'tone.flac');
    const r = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=f=440:d=1:r=48000',
      '-ac',
      '2',
      src,
    ]);
    expect(r.status).toBe(0);
    const bytes = new Uint8Array(readFileSync(src));
    const total = 3.5 * 3600 * 48000;
    bytes[21] = (bytes[21]! & 0xf0) | Math.floor(total / 2 ** 32);
    new DataView(bytes.buffer).setUint32(22, total >>> 0);
    await page.getByLabel('Audio file', { exact: true }).setInputFiles({
      name: 'live set.flac',
      mimeType: 'audio/flac',
      buffer: Buffer.from(bytes),
    });
    await expect
      .poll(() => page.getByRole('alert').first().textContent(), { timeout: 30_000 })
      .toMatch(
        /^“live set\.flac” is too long to open safely here \(3\.5 hours of 48 kHz stereo\): Sonic AI EQ opens up to 3\.1 hours at this rate and layout.*Split the recording into parts/,
      );
  });
});

describe('files cut short', () => {
  for (const [label, ext, args] of [
    ['MP3 (its Xing/Info frame count)', 'mp3', ['-c:a', 'libmp3lame', '-b:a', '192k']],
    ['FLAC (its STREAMINFO)', 'flac', ['-c:a', 'flac']],
    ['M4A (its movie header)', 'm4a', ['-c:a', 'aac', '-b:a', '160k', '-movflags', '+faststart']],
    ['WAV (its data size)', 'wav', ['-c:a', 'pcm_s16le']],
  ] as const) {
    it(`says so for ${label}, and opens the part that is there`, async () => {
      const { page } = s;
      const file = encoded(ext, [...args], 0.4);
      await openSong(page, file);
      // The same check and words as the command line (src/shared/audio-header/truncation.ts).
      await expect
        .poll(() => status(page))
        .toMatch(
          /^“cut\.\w+” is cut short \(its header promises 1:00 but it holds (2[0-9])\.\d s\): playing the part that is there\.$/,
        );
      expect(await page.locator('.file-name').textContent()).toBe(file.name);
    });
  }

  it('says so for Ogg Vorbis (its pages stop mid-way, no end-of-stream page)', async () => {
    const { page } = s;
    const file = encoded('ogg', ['-c:a', 'libvorbis'], 0.4);
    await openSong(page, file);
    await expect
      .poll(() => status(page))
      .toMatch(/^“cut\.ogg” is cut short \(it .+\): playing the part that is there\.$/);
  });

  it('says nothing for a whole file', async () => {
    const { page } = s;
    const file = encoded('mp3', ['-c:a', 'libmp3lame', '-b:a', '192k'], 1);
    await openSong(page, { name: 'whole.mp3', bytes: file.bytes });
    expect(await status(page)).toBe('');
    expect(s.pageErrors).toEqual([]);
  });
});
