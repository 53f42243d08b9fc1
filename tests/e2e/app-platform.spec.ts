/**
 * The app as an installed app sees it, on the built app: the manifest's file handlers and share target; files
 * handed over by the launch queue (real FileSystemFileHandles from the origin's private file system, given to
 * the app's consumer: headless Chromium cannot launch an installed app with files); a share POSTed to the
 * service worker with the network off; and the Media Session after opening a tagged file.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture } from '../../src/shared/dsp/test-helpers.ts';
import { encodeWav } from '../../src/shared/wav/wav-encode.ts';
import { batchStatuses, dropFiles, dropTogether, openApp, type AppSession } from './support/app-page.ts';

const TMP = join('.tmp', 'e2e-platform');
const wav = (name: string, seconds: number, seed: number) => ({
  name,
  bytes: encodeWav(makeFixture(Math.round(44100 * seconds), 2, seed, 44100), 44100, 'pcm16'),
});

/** An MP3 with ID3 title, artist, album and a 64×64 PNG cover, made by ffmpeg. */
function taggedMp3(): { name: string; bytes: Uint8Array } {
  mkdirSync(TMP, { recursive: true });
  const out = join(TMP, 'tagged.mp3');
  const r = spawnSync('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=6'],
    ...['-f', 'lavfi', '-i', 'color=c=0x5ad1c4:s=64x64:d=1', '-frames:v', '1', '-map', '0', '-map', '1'],
    ...['-c:a', 'libmp3lame', '-b:a', '128k', '-c:v', 'png', '-disposition:v', 'attached_pic'],
    ...['-id3v2_version', '3', '-metadata', 'title=Night Drive', '-metadata', 'artist=The Testers'],
    ...['-metadata', 'album=Fixtures', out],
  ]);
  expect(r.status, String(r.stderr)).toBe(0);
  return { name: 'track01.mp3', bytes: new Uint8Array(readFileSync(out)) };
}

/** Records what the app gives the Media Session, and exposes the launch queue's consumer to the spec. */
const INSTRUMENT = () => {
  const w = window as unknown as Record<string, unknown>;
  const media = { handlers: {} as Record<string, unknown>, positions: [] as unknown[] };
  w.__media = media;
  const ms = navigator.mediaSession;
  const setHandler = ms.setActionHandler.bind(ms);
  ms.setActionHandler = (action, handler) => {
    media.handlers[action] = handler;
    setHandler(action, handler);
  };
  const setPosition = ms.setPositionState.bind(ms);
  ms.setPositionState = (state) => {
    media.positions.push(state ?? null);
    setPosition(state);
  };
  w.__hadLaunchQueue = 'launchQueue' in window;
  Object.defineProperty(window, 'launchQueue', {
    configurable: true,
    value: { setConsumer: (consumer: unknown) => (w.__launchConsumer = consumer) },
  });
};

let s: AppSession;
beforeAll(async () => {
  s = await openApp({ beforeLoad: (page) => page.addInitScript(INSTRUMENT) });
});
afterAll(async () => {
  await s?.close();
});

const fileName = (page: Page) => page.locator('.file-name').textContent();

describe('open with, share to', () => {
  it('declares file handlers for the audio types we decode and a share target for audio files', async () => {
    const res = await s.page.request.get(`${s.app.url}/manifest.webmanifest`);
    const m = (await res.json()) as {
      file_handlers: { action: string; accept: Record<string, string[]> }[];
      share_target: {
        action: string;
        method: string;
        enctype: string;
        params: { files: { name: string; accept: string[] }[] };
      };
    };
    expect(m.file_handlers).toHaveLength(1);
    expect(m.file_handlers[0]!.action).toBe('/');
    const accept = m.file_handlers[0]!.accept;
    for (const [type, ext] of Object.entries({
      'audio/mpeg': '.mp3',
      'audio/wav': '.wav',
      'audio/flac': '.flac',
      'audio/ogg': '.ogg',
      'audio/opus': '.opus',
      'audio/mp4': '.m4a',
    })) {
      expect(accept[type], type).toContain(ext);
    }
    expect(m.share_target).toMatchObject({
      action: '/share-target',
      method: 'POST',
      enctype: 'multipart/form-data',
    });
    expect(m.share_target.params.files[0]!.name).toBe('audio');
    expect(m.share_target.params.files[0]!.accept).toContain('audio/*');
  });

  it('opens a file from the launch queue as if dropped, and several as a batch', async () => {
    const { page } = s;
    const launch = (files: { name: string; bytes: Uint8Array }[]) =>
      page.evaluate(
        async (list) => {
          // Real file handles, as the launch queue gives them, from the origin's private file system.
          const root = await navigator.storage.getDirectory();
          const handles: FileSystemFileHandle[] = [];
          for (const f of list) {
            const handle = await root.getFileHandle(f.name, { create: true });
            const writable = await handle.createWritable();
            await writable.write(Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0)));
            await writable.close();
            handles.push(handle);
          }
          const consumer = (window as unknown as { __launchConsumer?: (p: unknown) => void })
            .__launchConsumer;
          if (!consumer) throw new Error('the app set no launch queue consumer');
          consumer({ files: handles, targetURL: location.href });
        },
        files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') })),
      );

    await launch([wav('Launched.wav', 4, 21)]);
    await expect.poll(() => fileName(page), { timeout: 30_000 }).toBe('Launched.wav');
    expect(await page.getByRole('region', { name: 'Batch' }).count()).toBe(0);

    await launch([wav('One.wav', 4, 22), wav('Two.wav', 4, 23), wav('Three.wav', 4, 24)]);
    await expect.poll(() => fileName(page), { timeout: 30_000 }).toBe('One.wav');
    expect(await page.locator('.batch-open').allTextContents()).toEqual(['One.wav', 'Two.wav', 'Three.wav']);
    await expect
      .poll(() => batchStatuses(page), { timeout: 120_000 })
      .toEqual(['Suggestion ready', 'Suggestion ready', 'Suggestion ready']);
    await page.getByRole('button', { name: 'Clear list' }).click();
  });

  it('opens a song shared to the service worker, with the network off, and leaves nothing behind', async () => {
    const { page, browser } = s;
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      const sw = reg.active!;
      if (sw.state !== 'activated') {
        await new Promise((r) => sw.addEventListener('statechange', () => sw.state === 'activated' && r(0)));
      }
    });
    // The first visit is not controlled (no clients.claim with an update prompt); after a reload it is.
    await page.reload();
    await page.getByRole('button', { name: 'Open audio file' }).waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');

    const shared = wav('Shared song.wav', 4, 31);
    await browser.context.setOffline(true);
    try {
      const onNetwork: string[] = [];
      page.on(
        'response',
        // data: and blob: URLs (the song the player streams from the file) are the page's own memory.
        (r) => !r.fromServiceWorker() && !/^(data|blob):/.test(r.url()) && onNetwork.push(r.url()),
      );
      await page.evaluate((b64) => {
        // What the platform's share sheet does: a multipart POST of the file to the share target.
        const form = document.createElement('form');
        form.method = 'post';
        form.enctype = 'multipart/form-data';
        form.action = '/share-target';
        const input = document.createElement('input');
        input.type = 'file';
        input.name = 'audio';
        const dt = new DataTransfer();
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], 'Shared song.wav', { type: 'audio/wav' }));
        input.files = dt.files;
        form.append(input);
        document.body.append(form);
        form.submit();
      }, Buffer.from(shared.bytes).toString('base64'));
      await expect.poll(() => fileName(page), { timeout: 60_000 }).toBe('Shared song.wav');
      await expect
        .poll(() => page.locator('.analysis-status').textContent(), { timeout: 60_000 })
        .toMatch(/Suggestion ready/);
      // The address is the app's own again, and the shared file is no longer kept.
      expect(new URL(page.url()).search).toBe('');
      const left = await page.evaluate(
        async () => (await (await caches.open('sonic-shared-files')).keys()).length,
      );
      expect(left).toBe(0);
      expect(onNetwork).toEqual([]);
    } finally {
      await browser.context.setOffline(false);
    }
  });
});

interface MediaRecord {
  metadata: {
    title: string;
    artist: string;
    album: string;
    artwork: { src: string; type?: string }[];
  } | null;
  playbackState: string;
  handlers: string[];
  lastPosition: { duration: number; position: number; playbackRate: number } | null;
}

const mediaState = (page: Page) =>
  page.evaluate((): MediaRecord => {
    const m = (window as unknown as { __media: { handlers: Record<string, unknown>; positions: unknown[] } })
      .__media;
    const md = navigator.mediaSession.metadata;
    return {
      metadata: md
        ? {
            title: md.title,
            artist: md.artist,
            album: md.album,
            artwork: md.artwork.map((a) => ({
              src: a.src.startsWith('data:') ? a.src.slice(0, 40) : a.src,
              type: a.type,
            })),
          }
        : null,
      playbackState: navigator.mediaSession.playbackState,
      handlers: Object.entries(m.handlers)
        .filter(([, h]) => typeof h === 'function')
        .map(([a]) => a)
        .sort(),
      lastPosition: (m.positions.at(-1) as MediaRecord['lastPosition']) ?? null,
    };
  });

const callAction = (page: Page, action: string, details: Record<string, unknown> = {}) =>
  page.evaluate(
    ([a, d]) => {
      const h = (window as unknown as { __media: { handlers: Record<string, (d: unknown) => void> } }).__media
        .handlers[a as string];
      if (typeof h !== 'function') throw new Error(`no handler for ${a as string}`);
      h({ action: a, ...(d as object) });
    },
    [action, details] as const,
  );

describe('lock screen, headset and media keys', () => {
  it('shows a tagged file’s title, artist, album and cover, and answers play, pause and seek', async () => {
    const { page } = s;
    const tagged = taggedMp3();
    await dropFiles(page, [tagged]);
    await expect.poll(() => fileName(page), { timeout: 30_000 }).toBe(tagged.name);
    await expect
      .poll(async () => (await mediaState(page)).metadata?.title, { timeout: 10_000 })
      .toBe('Night Drive');
    const st = await mediaState(page);
    expect(st.metadata).toMatchObject({ artist: 'The Testers', album: 'Fixtures' });
    expect(st.metadata!.artwork[0]!.src).toMatch(/^data:image\/png;base64,/);
    expect(st.handlers).toEqual(['pause', 'play', 'seekbackward', 'seekforward', 'seekto', 'stop']);
    expect(st.playbackState).toBe('paused');

    // The lock screen's play, like the page's own button, works once the audio engine has started.
    await expect
      .poll(() => page.getByRole('button', { name: 'Play' }).isEnabled(), { timeout: 30_000 })
      .toBe(true);
    await callAction(page, 'play');
    await page.getByRole('button', { name: 'Pause' }).waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await mediaState(page)).playbackState).toBe('playing');
    await callAction(page, 'seekto', { seekTime: 4 });
    await expect
      .poll(async () => (await mediaState(page)).lastPosition?.position ?? 0)
      .toBeGreaterThanOrEqual(3.9);
    const pos = (await mediaState(page)).lastPosition!;
    expect(pos.duration).toBeCloseTo(6, 0);
    expect(pos.playbackRate).toBe(1);
    await callAction(page, 'pause');
    await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await mediaState(page)).playbackState).toBe('paused');
    expect(Number((await mediaState(page)).lastPosition!.position)).toBeGreaterThanOrEqual(4);
  });

  it('an untagged file shows its name and the app’s icon; previous and next move through a batch', async () => {
    const { page } = s;
    await dropFiles(page, [wav('Plain Song.wav', 3, 41)]);
    await expect.poll(() => fileName(page), { timeout: 30_000 }).toBe('Plain Song.wav');
    await expect.poll(async () => (await mediaState(page)).metadata?.title).toBe('Plain Song');
    const st = await mediaState(page);
    expect(st.metadata!.artist).toBe('');
    expect(st.metadata!.artwork[0]!.src).toMatch(/\/icons\/icon-192\.png$/);
    expect(st.handlers).not.toContain('nexttrack');

    await dropTogether(page, [wav('A side.wav', 3, 42), wav('B side.wav', 3, 43)]);
    await expect.poll(() => fileName(page), { timeout: 30_000 }).toBe('A side.wav');
    await expect.poll(async () => (await mediaState(page)).handlers).toContain('nexttrack');
    expect((await mediaState(page)).handlers).not.toContain('previoustrack');
    await callAction(page, 'nexttrack');
    await expect.poll(() => fileName(page), { timeout: 30_000 }).toBe('B side.wav');
    await expect.poll(async () => (await mediaState(page)).metadata?.title).toBe('B side');
    await expect.poll(async () => (await mediaState(page)).handlers).toContain('previoustrack');
    expect((await mediaState(page)).handlers).not.toContain('nexttrack');
    await callAction(page, 'previoustrack');
    await expect.poll(() => fileName(page), { timeout: 30_000 }).toBe('A side.wav');
    expect(s.pageErrors).toEqual([]);
  });
});
