/**
 * Every export format through the real export path in Chromium (EQ worklet render, the export worker's
 * level stage and encoders): the file decodes (ffmpeg) at the source's rate and channels, carries the
 * source's tags (and cover where the format allows), and meets the streaming target (−14 LUFS, −1 dBTP) as
 * ffmpeg's ebur128 measures it. Opus and AAC are tested where this Chromium's WebCodecs encodes them.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMAT_INFO, type ExportFormatId } from '../../src/audio/export/export-format.ts';
import { ffmpegLoudness } from '../../src/cli/ffmpeg-loudness.ts';
import { DELIVERY_PRESETS } from '../../src/shared/loudness/delivery.ts';
import type { ExportSource } from './harness/export-api.ts';
import { openHarness, type Harness } from './support/harness.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('export-formats-');
let harness: Harness<'export'>;
let page: Harness<'export'>['api'];
let source: ExportSource;
let available: ExportFormatId[];

beforeAll(async () => {
  // 12 s of the demo at 44.1 kHz as a tagged FLAC with a cover picture: what a user's file looks like.
  const flac = join(dir, 'source.flac');
  const r = spawnSync('ffmpeg', [
    ...['-v', 'error', '-y', '-i', 'public/demo/coherence.opus', '-i', 'public/icons/icon-192.png'],
    ...[
      '-map',
      '0:a',
      '-map',
      '1',
      '-c:v',
      'copy',
      '-disposition:v',
      'attached_pic',
      '-t',
      '12',
      '-ar',
      '44100',
    ],
    ...['-metadata', 'title=Coherence', '-metadata', 'artist=Max McCracken'],
    ...['-metadata', 'album=Endgame: Singularity', flac],
  ]);
  expect(r.status, r.stderr?.toString()).toBe(0);
  source = {
    kind: 'file',
    data: new Uint8Array(readFileSync(flac)),
    name: 'Coherence.flac',
    sampleRate: 44100,
  };
  harness = await openHarness('export');
  page = harness.api;
  available = await page.formats(44100, 2);
});
afterAll(async () => {
  await harness?.close();
});

function probe(path: string) {
  const r = spawnSync('ffprobe', [
    ...['-v', 'error', '-show_entries', 'stream=codec_name,codec_type,sample_rate,channels'],
    ...['-show_entries', 'format_tags:stream_tags', '-of', 'json', path],
  ]);
  expect(r.status).toBe(0);
  const j = JSON.parse(r.stdout.toString()) as {
    streams: {
      codec_name: string;
      codec_type: string;
      sample_rate?: string;
      channels?: number;
      tags?: Record<string, string>;
    }[];
    format: { tags?: Record<string, string> };
  };
  const audio = j.streams.find((s) => s.codec_type === 'audio')!;
  // Ogg keeps its comments on the stream, the other containers on the file.
  const raw = { ...(audio.tags ?? {}), ...(j.format.tags ?? {}) };
  const tags = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
  return { audio, tags, hasCover: j.streams.some((s) => s.codec_type === 'video') };
}

const COMMAND = [4, 3, 1, 0, -1, 0, 1, 2, 3, 2];

describe('export formats in Chromium', () => {
  it('offers WAV, FLAC and MP3 everywhere, and Opus/AAC only where WebCodecs encodes them', async () => {
    for (const f of ['wav16', 'wav24', 'wav32f', 'flac16', 'flac24', 'mp3'] as const)
      expect(available).toContain(f);
    const webCodecs = await harness.page.evaluate(async () => {
      const ok = async (codec: string) =>
        typeof AudioEncoder !== 'undefined' &&
        (
          await AudioEncoder.isConfigSupported({
            codec,
            sampleRate: 48000,
            numberOfChannels: 2,
            bitrate: 160000,
          })
        ).supported === true;
      return { opus: await ok('opus'), aac: await ok('mp4a.40.2') };
    });
    expect(available.includes('opus')).toBe(webCodecs.opus);
    expect(available.includes('aac')).toBe(webCodecs.aac);
  });

  for (const format of ['wav16', 'wav24', 'flac16', 'flac24', 'mp3', 'opus', 'aac'] as const) {
    it(`${format}: decodes with the source's layout and tags, at -14 LUFS and under -1 dBTP`, async (ctx) => {
      if (!available.includes(format)) {
        ctx.skip();
        return;
      }
      const info = EXPORT_FORMAT_INFO[format];
      const outcome = await page.runExport({
        source,
        commandDb: COMMAND,
        format,
        delivery: DELIVERY_PRESETS.streaming,
        withSourceTags: true,
      });
      expect(outcome.error).toBeUndefined();
      // Depths that share an extension are told apart in the name (WAV and FLAC 16/24).
      const depth = { wav16: ', 16-bit', wav24: ', 24-bit', flac16: ', 16-bit', flac24: ', 24-bit' } as const;
      const variant = format in depth ? depth[format as keyof typeof depth] : '';
      expect(outcome.fileName).toBe(`Coherence (Sonic EQ${variant}).${info.extension}`);
      expect(outcome.level!.description).toMatch(/^raised \d+\.\d dB/);
      const path = join(dir, `out-${format}.${info.extension}`);
      writeFileSync(path, outcome.file!);
      const p = probe(path);
      // Opus is always 48 kHz; everything else keeps the source's 44.1 kHz.
      expect(p.audio.sample_rate).toBe(format === 'opus' ? '48000' : '44100');
      expect(p.audio.channels).toBe(2);
      expect(p.tags).toMatchObject({
        title: 'Coherence',
        artist: 'Max McCracken',
        album: 'Endgame: Singularity',
      });
      if (info.carriesCover && format !== 'opus') expect(p.hasCover).toBe(true);
      // A lossy file's reported true peak is that of the file decoded again in the worker (WebCodecs), not
      // the level stage's figure before encoding: the check ran.
      if (!info.lossless) expect(outcome.truePeakDb).not.toBe(outcome.level!.after.truePeakDbtp);
      expect(outcome.truePeakDb!).toBeLessThanOrEqual(-1);
      const ref = await ffmpegLoudness(path);
      expect(Math.abs(ref.integratedLufs - -14)).toBeLessThanOrEqual(0.5);
      expect(ref.truePeakDbtp).toBeLessThanOrEqual(-1);
    });
  }
});
