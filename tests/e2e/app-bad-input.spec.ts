import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import { tempDir } from '../support/temp-dir.ts';
import { dropFiles, openApp, type AppSession } from './support/app-page.ts';

const good = encodeWav(makeFixture(44100 * 3, 2, 1, 44100), 44100, 'pcm16');
// Float samples: 16-bit output would be dithered, and dither is not silence.
const silence = encodeWav([new Float32Array(44100 * 2), new Float32Array(44100 * 2)], 44100, 'float32');
const long = encodeWav(makeFixture(48000 * 60, 2, 2, 48000), 48000, 'pcm16');
const dir = tempDir('bad-input-');

/** A real FLAC whose header claims ten hours: opening it must be refused before decoding. */
function tenHourFlac(): Uint8Array {
  const path = join(dir, 'x.flac');
  const r = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=f=440:d=1:r=48000', path]);
  expect(r.status).toBe(0);
  const bytes = new Uint8Array(readFileSync(path));
  const total = 10 * 3600 * 48000; // STREAMINFO total samples: low 4 bits of byte 21, then bytes 22–25
  bytes[21] = (bytes[21]! & 0xf0) | Math.floor(total / 2 ** 32);
  new DataView(bytes.buffer).setUint32(22, total >>> 0);
  return bytes;
}

let s: AppSession;
beforeAll(async () => {
  s = await openApp();
});
afterAll(async () => {
  await s?.close();
});

async function open(page: Page, name: string, bytes: Uint8Array) {
  await page
    .getByLabel('Audio file', { exact: true })
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
}

async function expectLoaded(page: Page, name: string) {
  await expect.poll(() => page.locator('.file-name').textContent(), { timeout: 30_000 }).toBe(name);
  await expect
    .poll(() => page.getByRole('button', { name: 'Play' }).isEnabled(), { timeout: 30_000 })
    .toBe(true);
}

const alertText = (page: Page) => page.getByRole('alert').first().textContent({ timeout: 30_000 });

describe('bad input', () => {
  it.each([
    ['notes.mp3', new TextEncoder().encode('These are my notes, not a song.'), /could not be read as audio/],
    [
      'damaged.flac',
      Uint8Array.from({ length: 5000 }, (_, i) => (i < 4 ? 'fLaC'.charCodeAt(i) : (i * 7919) % 251)),
      /could not be read as audio/,
    ],
    ['empty.wav', new Uint8Array(0), /is empty/],
    ['ten-hours.flac', tenHourFlac(), /too long to open safely/],
  ])('%s gets a clear message, and a good file still opens afterwards', async (name, bytes, message) => {
    const { page } = s;
    await open(page, name, bytes);
    await expect.poll(() => alertText(page)).toMatch(message);
    await open(page, 'good.wav', good);
    await expectLoaded(page, 'good.wav');
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('says when a file is silent or cut short, and still opens it', async () => {
    const { page } = s;
    await open(page, 'silence.wav', silence);
    await expectLoaded(page, 'silence.wav');
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/is silent/);
    await open(page, 'cut.wav', good.subarray(0, Math.floor(good.length * 0.4)));
    await expectLoaded(page, 'cut.wav');
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/cut short/);
  });

  it('a second file dropped while the first is loading replaces it cleanly', async () => {
    const { page } = s;
    await dropFiles(page, [
      { name: 'long.wav', bytes: long },
      { name: 'second.wav', bytes: good },
    ]);
    await expectLoaded(page, 'second.wav');
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toMatch(/Opened “second.wav” instead of “long.wav”/);
    // The first file's late result must not take over.
    await page.waitForTimeout(1500);
    expect(await page.locator('.file-name').textContent()).toBe('second.wav');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(() => page.locator('.current-time').textContent(), { timeout: 10_000 })
      .not.toBe('0:00');
    expect(s.pageErrors).toEqual([]);
  });
});
