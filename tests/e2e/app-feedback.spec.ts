/**
 * Feedback in the built app: ratings kept on the device teach later suggestions. The checks never depend on
 * what the model suggests, only on the shift personalisation adds to it (the app shows both).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_VERSION } from '../../src/storage/schema.ts';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import { dropFiles, openApp, type AppSession } from './support/app-page.ts';

const BANDS = ['31 Hz', '63 Hz', '125 Hz', '250 Hz', '500 Hz', '1 kHz', '2 kHz', '4 kHz', '8 kHz', '16 kHz'];
const songs = [1, 2, 3, 4].map((i) => ({
  name: `song ${i}.wav`,
  bytes: encodeWav(makeFixture(44100 * 6, 2, 40 + i, 44100), 44100, 'pcm16'),
}));

const slider = (page: Page, band: string) => page.getByRole('slider', { name: band });
const sliderValues = (page: Page) =>
  Promise.all(BANDS.map(async (b) => Number(await slider(page, b).inputValue())));
const column = (page: Page, cls: string) =>
  page
    .locator(`.personal-curves td.${cls}`)
    .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-db'))));
const historyButton = (page: Page) => page.getByRole('button', { name: /^Rating history/ });

async function openSong(page: Page, song: { name: string; bytes: Uint8Array }) {
  await dropFiles(page, [song]);
  await expect.poll(() => page.locator('.file-name').textContent(), { timeout: 30_000 }).toBe(song.name);
  await expect
    .poll(() => page.locator('.analysis-status').textContent(), { timeout: 60_000 })
    .toMatch(/Suggestion ready/);
}

/** The personal suggestion the app shows for song 4, and the model's, read from the band table. */
async function personalisedSuggestion(page: Page) {
  await expect
    .poll(() => page.locator('.personal-status').textContent())
    .toBe('Personalised from 3 ratings.');
  return { raw: await column(page, 'raw-db'), personal: await column(page, 'personal-db') };
}

describe('feedback and personalisation in the app', () => {
  let s: AppSession | null = null;
  afterAll(async () => {
    await s?.close();
  });

  let exported = '';
  let personalHere: number[] = [];

  it('three songs rated with +3 dB at 63 Hz: after a reload the next suggestion has more 63 Hz, history kept', async () => {
    s = await openApp();
    const { page } = s;
    for (const [i, song] of songs.slice(0, 3).entries()) {
      await openSong(page, song);
      const at63 = Number(await slider(page, '63 Hz').inputValue());
      await slider(page, '63 Hz').fill(String(Math.min(12, at63 + 3)));
      await page.getByRole('button', { name: 'Good suggestion' }).click();
      await expect
        .poll(() => page.getByRole('button', { name: 'Good suggestion' }).getAttribute('aria-pressed'))
        .toBe('true');
      await expect.poll(() => page.locator('.feedback .rated').textContent()).toBe('Saved on this device.');
      await expect.poll(() => historyButton(page).textContent()).toBe(`Rating history (${i + 1})`);
    }

    await page.reload();
    await page.getByRole('button', { name: 'Open audio file' }).waitFor();
    await expect.poll(() => historyButton(page).textContent()).toBe('Rating history (3)');

    await openSong(page, songs[3]!);
    const { raw, personal } = await personalisedSuggestion(page);
    const shift = personal.map((p, b) => p - raw[b]!);
    expect(shift[1]!).toBeGreaterThan(1.5);
    shift.forEach((d, b) => b !== 1 && expect(Math.abs(d)).toBeLessThan(shift[1]! / 2));
    // The personalised suggestion is the one applied.
    expect(await sliderValues(page)).toEqual(personal);
    personalHere = personal;

    // The history lists the three rated songs.
    await historyButton(page).click();
    const dialog = page.getByRole('dialog', { name: 'Rating history' });
    await expect
      .poll(() => dialog.locator('.history-file').allTextContents())
      .toEqual(['song 3.wav', 'song 2.wav', 'song 1.wav']);
    expect(await dialog.locator('.history-rating').allTextContents()).toEqual(['Good', 'Good', 'Good']);

    // Export: every record, no audio.
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export JSON' }).click();
    exported = readFileSync(await (await download).path(), 'utf8');
    const file = JSON.parse(exported) as {
      format: string;
      records: { fileName: string; curveDb: number[] }[];
    };
    expect(file.format).toBe('sonic-ai-eq-feedback');
    expect(file.records.map((r) => r.fileName)).toEqual(['song 1.wav', 'song 2.wav', 'song 3.wav']);
    expect(exported.length).toBeLessThan(20_000);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Off: the model's suggestion is applied; on again: the personal one.
    await page.getByRole('checkbox', { name: 'Personalise suggestions' }).uncheck();
    await expect.poll(() => sliderValues(page)).toEqual(raw);
    await expect.poll(() => page.locator('.personal-status').textContent()).toMatch(/off/);
    await page.getByRole('checkbox', { name: 'Personalise suggestions' }).check();
    await expect.poll(() => sliderValues(page)).toEqual(personal);
    expect(s.pageErrors).toEqual([]);
  });

  it('an export records the kept curve; deleting one rating and then all of them sticks across a reload', async () => {
    const { page } = s!;
    const wav = page.waitForEvent('download');
    await page
      .getByRole('region', { name: 'Export' })
      .getByRole('button', { name: 'Export', exact: true })
      .click();
    await wav;
    await expect.poll(() => historyButton(page).textContent()).toBe('Rating history (4)');
    await historyButton(page).click();
    const dialog = page.getByRole('dialog', { name: 'Rating history' });
    await expect
      .poll(() => dialog.locator('.history-item').first().textContent())
      .toMatch(/^song 4\.wav.*Exported, not rated(?!.*not saved)/);
    // A second tab of the app, opened now, follows what the first one changes without a reload.
    const other = await s!.browser.context.newPage();
    await other.goto(s!.app.url);
    await expect.poll(() => historyButton(other).textContent()).toBe('Rating history (4)');
    await dialog.getByRole('button', { name: 'Delete the rating of song 2.wav' }).click();
    await expect
      .poll(() => dialog.locator('.history-file').allTextContents())
      .toEqual(['song 4.wav', 'song 3.wav', 'song 1.wav']);
    await expect.poll(() => historyButton(other).textContent()).toBe('Rating history (3)');
    await other.close();
    await page.reload();
    await expect.poll(() => historyButton(page).textContent()).toBe('Rating history (3)');
    await historyButton(page).click();
    await dialog.getByRole('button', { name: 'Delete all' }).click();
    await dialog.getByRole('button', { name: 'Yes, delete all' }).click();
    await expect.poll(() => dialog.locator('.history-item').count()).toBe(0);
    await page.reload();
    await expect.poll(() => historyButton(page).textContent()).toBe('Rating history (0)');
    await s!.close();
    s = null;
  });

  it('the exported file, imported on another device, gives the same history and the same suggestion', async () => {
    expect(exported).not.toBe('');
    s = await openApp();
    const { page } = s;
    await historyButton(page).click();
    const dialog = page.getByRole('dialog', { name: 'Rating history' });
    await dialog.getByLabel('Feedback file to import').setInputFiles({
      name: 'feedback.json',
      mimeType: 'application/json',
      buffer: Buffer.from(exported),
    });
    await expect.poll(() => dialog.locator('.history-message').textContent()).toMatch(/Added 3 ratings/);
    await expect
      .poll(() => dialog.locator('.history-file').allTextContents())
      .toEqual(['song 3.wav', 'song 2.wav', 'song 1.wav']);
    // A damaged file is refused with a reason, and nothing changes.
    await dialog.getByLabel('Feedback file to import').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"sonic-ai-eq-feedback","version":1,"records":[{"id":""}]}'),
    });
    await expect.poll(() => dialog.locator('.history-message').textContent()).toMatch(/^Record 1: /);
    expect(await dialog.locator('.history-item').count()).toBe(3);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await openSong(page, songs[3]!);
    const { personal } = await personalisedSuggestion(page);
    expect(personal).toEqual(personalHere);
    expect(s.pageErrors).toEqual([]);
  });
});

describe('feedback without storage', () => {
  it('keeps the ratings for the session, says so, still personalises, and exports them', async () => {
    const s = await openApp({
      beforeLoad: (page) =>
        page.addInitScript(() =>
          Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }),
        ),
    });
    try {
      const { page } = s;
      await openSong(page, songs[0]!);
      const at63 = Number(await slider(page, '63 Hz').inputValue());
      await slider(page, '63 Hz').fill(String(Math.min(12, at63 + 3)));
      await page.getByRole('button', { name: 'Bad suggestion' }).click();
      const alert = page.locator('.storage-problem');
      await expect
        .poll(() => alert.textContent())
        .toMatch(/does not let the app store data.*1 not saved yet/);
      expect(await page.locator('.feedback .rated').textContent()).toBe('Kept for this session only.');
      await historyButton(page).click();
      const dialog = page.getByRole('dialog', { name: 'Rating history' });
      expect(await dialog.locator('.history-item').textContent()).toMatch(/song 1\.wav.*Bad.*not saved/);
      await dialog.getByRole('button', { name: 'Close' }).click();
      // The session's rating still shapes the next suggestion (a fix after a thumbs-down counts).
      await openSong(page, songs[1]!);
      await expect
        .poll(() => page.locator('.personal-status').textContent())
        .toBe('Personalised from 1 rating.');
      const download = page.waitForEvent('download');
      await alert.getByRole('button', { name: 'Export ratings' }).click();
      const file = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as {
        records: { fileName: string; rating: string }[];
      };
      expect(file.records).toMatchObject([{ fileName: 'song 1.wav', rating: 'down' }]);
      expect(s.pageErrors).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('feedback stored by an earlier version of the app', () => {
  it('is upgraded in the browser and shows in the history', async () => {
    const s = await openApp();
    try {
      const { page } = s;
      await expect.poll(() => historyButton(page).textContent()).toBe('Rating history (0)');
      // Replace the database with a version 1 one (the app's open connection gives way), then reload.
      await page.evaluate(async () => {
        const wait = (r: IDBRequest | IDBOpenDBRequest) =>
          new Promise((ok, fail) => {
            r.onsuccess = () => ok(r.result);
            r.onerror = () => fail(r.error);
          });
        await wait(indexedDB.deleteDatabase('sonic-ai-eq'));
        const open = indexedDB.open('sonic-ai-eq', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('feedback', { keyPath: 'id' });
        const db = (await wait(open)) as IDBDatabase;
        const tx = db.transaction('feedback', 'readwrite');
        const curve = [1, 2, 3, 4, 5, -5, -4, -3, -2, -1];
        tx.objectStore('feedback').put({
          id: 'from-v1',
          time: Date.UTC(2025, 0, 2),
          fileName: 'old favourite.flac',
          durationS: 200,
          modelId: 'old-model',
          contractVersion: '1.0.0',
          suggestedDb: curve,
          keptDb: curve.map((g) => g / 2),
          amount: 0.5,
          rating: 'up',
          embedding: [0.5, 1.5],
        });
        await new Promise((ok) => (tx.oncomplete = ok));
        db.close();
      });
      await page.reload();
      await expect.poll(() => historyButton(page).textContent()).toBe('Rating history (1)');
      await historyButton(page).click();
      const dialog = page.getByRole('dialog', { name: 'Rating history' });
      expect(await dialog.locator('.history-item').textContent()).toMatch(/old favourite\.flac.*Good/);
      const version = await page.evaluate(
        () =>
          new Promise<number>((ok) => {
            const r = indexedDB.open('sonic-ai-eq');
            r.onsuccess = () => {
              ok(r.result.version);
              r.result.close();
            };
          }),
      );
      expect(version).toBe(DB_VERSION);
      expect(s.pageErrors).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
