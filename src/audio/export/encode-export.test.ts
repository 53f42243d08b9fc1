import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ffmpegDecode, ffmpegDecodedTruePeakDb } from '../../cli/ffmpeg-decode.ts';
import { ffmpegLoudness } from '../../cli/ffmpeg-loudness.ts';
import { DELIVERY_PRESETS } from '../../shared/loudness/delivery.ts';
import { toDb, truePeak } from '../../shared/loudness/true-peak.ts';
import { decodeWav } from '../../shared/wav/wav-decode.ts';
import { encodeExport } from './encode-export.ts';
import { EXPORT_CEILING_DBTP } from './export-format.ts';
import type { ExportTags } from './export-tags.ts';
import { equalisedFileName, exportFileName } from './file-name.ts';
import { adaptForMp3, downmixToStereo, mp3SampleRate } from './mp3-layout.ts';
import { resampleChannel } from '../../shared/dsp/resample.ts';
import { tempDir } from '../../../tests/support/temp-dir.ts';

const dir = tempDir('encode-export-');

function sine(frames: number, sampleRate: number, hz: number, amp: number, phase = 0): Float32Array {
  const x = new Float32Array(frames);
  for (let i = 0; i < frames; i++) x[i] = amp * Math.sin((2 * Math.PI * hz * i) / sampleRate + phase);
  return x;
}

/** A quarter-rate sine sampled at ±45°: every sample is at 0.707 of its true peak (1.2, +1.6 dBTP). */
function intersampleOver(frames: number, sampleRate: number): Float32Array[] {
  return [sine(frames, sampleRate, sampleRate / 4, 1.2, Math.PI / 4), sine(frames, sampleRate, 997, 0.9)];
}

/** Sample rate, channel count and MPEG version of the first MP3 frame. */
function mp3Header(bytes: Uint8Array): { sampleRate: number; channels: number } {
  let i = 0;
  while (i + 4 <= bytes.length && !(bytes[i] === 0xff && (bytes[i + 1]! & 0xe0) === 0xe0)) i++;
  const b1 = bytes[i + 1]!;
  const b2 = bytes[i + 2]!;
  const b3 = bytes[i + 3]!;
  expect((b1 >> 1) & 3).toBe(1); // layer III
  const version = (b1 >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const base = [44100, 48000, 32000][(b2 >> 2) & 3]!;
  const sampleRate = version === 3 ? base : version === 2 ? base / 2 : base / 4;
  return { sampleRate, channels: b3 >> 6 === 3 ? 1 : 2 };
}

async function probe(bytes: Uint8Array, ext: string) {
  const path = join(dir, `probe-${Math.random().toString(36).slice(2)}.${ext}`);
  writeFileSync(path, bytes);
  const r = spawnSync('ffprobe', [
    ...[
      '-v',
      'error',
      '-show_entries',
      'stream=codec_name,codec_type,sample_rate,channels,bits_per_raw_sample',
    ],
    ...['-show_entries', 'format_tags', '-of', 'json', path],
  ]);
  expect(r.status, r.stderr?.toString()).toBe(0);
  const j = JSON.parse(r.stdout.toString()) as {
    streams: {
      codec_name: string;
      codec_type: string;
      sample_rate?: string;
      channels?: number;
      bits_per_raw_sample?: string;
    }[];
    format: { tags?: Record<string, string> };
  };
  const audio = j.streams.find((s) => s.codec_type === 'audio')!;
  const tags = Object.fromEntries(Object.entries(j.format.tags ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return { audio, tags, hasCover: j.streams.some((s) => s.codec_type === 'video'), path };
}

const TAGS: ExportTags = {
  title: 'Coherence',
  artist: 'Max McCracken',
  album: 'Endgame: Singularity',
  cover: { data: new Uint8Array(readFileSync('public/icons/icon-192.png')), mimeType: 'image/png' },
};

describe('level stage in the export (keep the level, never above the ceiling)', () => {
  for (const format of ['wav16', 'wav24', 'wav32f'] as const) {
    it(`keeps a ${format} file with inter-sample overs at or below -1 dBTP`, async () => {
      const channels = intersampleOver(48000, 48000);
      const before = toDb(truePeak(channels));
      expect(before).toBeGreaterThan(toDb(1.2) - 0.1); // the meter under-reads by < 0.1 dB
      // The samples alone read below 0 dBFS: only a true-peak meter sees the over.
      expect(Math.max(...channels[0]!.map(Math.abs))).toBeLessThan(0.86);
      const r = await encodeExport({ channels, sampleRate: 48000, format });
      const wav = decodeWav(r.bytes);
      expect(wav.sampleRate).toBe(48000);
      expect(wav.channels).toHaveLength(2);
      expect(wav.format).toBe({ wav16: 'pcm16', wav24: 'pcm24', wav32f: 'float32' }[format]);
      // Lowered to 0.1 dB under the ceiling: the room meters with another interpolation grid need.
      expect(r.gainDb).toBeCloseTo(EXPORT_CEILING_DBTP - 0.1 - before, 2);
      expect(r.level.description).toMatch(/^lowered \d\.\d dB so peaks stay at -1 dBTP$/);
      expect(toDb(truePeak(wav.channels))).toBeLessThanOrEqual(EXPORT_CEILING_DBTP);
      expect(toDb(truePeak(wav.channels))).toBeGreaterThan(EXPORT_CEILING_DBTP - 0.2);
    });
  }

  it('leaves a quiet file untouched (float WAV is bit-exact)', async () => {
    const x = sine(4800, 44100, 440, 0.25);
    const r = await encodeExport({ channels: [x.slice()], sampleRate: 44100, format: 'wav32f' });
    expect(r.gainDb).toBe(0);
    expect(r.level.description).toBe('level unchanged');
    expect(decodeWav(r.bytes).channels[0]).toEqual(x);
  });
});

describe('encoders, decoded back with ffmpeg', () => {
  const music = () => {
    // 4 s of a chord with a slow swell (about -20 LUFS), stereo 44.1 kHz, and a 2 ms click at -1.5 dBFS every
    // half second: raising it to -14 LUFS needs the limiter.
    const fs = 44100;
    const mk = (detune: number) =>
      Float32Array.from({ length: fs * 4 }, (_, i) => {
        const t = i / fs;
        const env = 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, t / 2));
        const chord =
          Math.sin(2 * Math.PI * 220 * t) +
          Math.sin(2 * Math.PI * (330 + detune) * t) +
          Math.sin(2 * Math.PI * 440 * t);
        const click = i % (fs / 2) < 88 ? 0.84 * Math.sin((Math.PI * (i % (fs / 2))) / 88) : 0;
        return env * 0.05 * chord + click;
      });
    return [mk(0), mk(1.5)];
  };

  it.each([
    ['wav16', 'wav', 'pcm_s16le', '', false],
    ['wav24', 'wav', 'pcm_s24le', '', false],
    ['flac16', 'flac', 'flac', '16', true],
    ['flac24', 'flac', 'flac', '24', true],
    ['mp3', 'mp3', 'mp3', '', true],
  ] as const)(
    '%s: decodes at the right rate and channels with the source tags',
    async (format, ext, codec, bits, cover) => {
      const r = await encodeExport({ channels: music(), sampleRate: 44100, format, tags: TAGS }, undefined, {
        decodedTruePeakDb: ffmpegDecodedTruePeakDb,
      });
      expect(r.extension).toBe(ext);
      const p = await probe(r.bytes, ext);
      expect(p.audio.codec_name).toBe(codec);
      expect(p.audio.sample_rate).toBe('44100');
      expect(p.audio.channels).toBe(2);
      if (bits) expect(p.audio.bits_per_raw_sample).toBe(bits);
      expect(p.tags).toMatchObject({ title: TAGS.title, artist: TAGS.artist, album: TAGS.album });
      expect(p.hasCover).toBe(cover);
      const decoded = (await ffmpegDecode(r.bytes))!;
      expect(decoded).toHaveLength(2);
      expect(Math.abs(decoded[0]!.length - 44100 * 4)).toBeLessThan(ext === 'mp3' ? 3000 : 1);
      expect(toDb(truePeak(decoded))).toBeLessThanOrEqual(EXPORT_CEILING_DBTP);
    },
  );

  it("FLAC 24 is lossless to 24 bits (after the level stage's one gain)", async () => {
    const x = music();
    const r = await encodeExport({ channels: x.map((c) => c.slice()), sampleRate: 44100, format: 'flac24' });
    const g = 10 ** (r.gainDb / 20);
    const back = (await ffmpegDecode(r.bytes))!;
    let err = 0;
    for (let i = 0; i < x[0]!.length; i++) err = Math.max(err, Math.abs(back[0]![i]! - x[0]![i]! * g));
    expect(err).toBeLessThan(1.5 / 8388607);
  });

  it('reaches a loudness target with the limiter and says so (FLAC, measured by ffmpeg)', async () => {
    const r = await encodeExport(
      { channels: music(), sampleRate: 44100, format: 'flac24', delivery: DELIVERY_PRESETS.streaming },
      undefined,
    );
    const p = await probe(r.bytes, 'flac');
    const ref = await ffmpegLoudness(p.path);
    expect(Math.abs(ref.integratedLufs - -14)).toBeLessThanOrEqual(0.5);
    expect(ref.truePeakDbtp).toBeLessThanOrEqual(-1);
    expect(r.level.description).toMatch(/^raised \d+\.\d dB/);
  });

  it('writes FLAC of an 11.025 kHz source at 16 kHz (a rate the encoder takes), keeping its channels', async () => {
    const three = Array.from({ length: 3 }, (_, c) => sine(11025, 11025, 300 + 100 * c, 0.2));
    const r = await encodeExport({ channels: three, sampleRate: 11025, format: 'flac16' });
    expect([r.sampleRate, r.channelCount]).toEqual([16000, 3]);
    const p = await probe(r.bytes, 'flac');
    expect([p.audio.sample_rate, p.audio.channels]).toEqual(['16000', 3]);
  });
});

describe('MP3', () => {
  it('encodes stereo 44.1 kHz as MPEG-1 stereo at the same rate; the decoded file stays under the ceiling', async () => {
    const r = await encodeExport(
      { channels: intersampleOver(44100, 44100), sampleRate: 44100, format: 'mp3' },
      undefined,
      {
        decodedTruePeakDb: ffmpegDecodedTruePeakDb,
      },
    );
    expect(r.mimeType).toBe('audio/mpeg');
    expect(mp3Header(r.bytes)).toEqual({ sampleRate: 44100, channels: 2 });
    expect(r.gainDb).toBeLessThan(-2);
    expect(r.truePeakDb).toBeLessThanOrEqual(EXPORT_CEILING_DBTP);
    expect(toDb(truePeak((await ffmpegDecode(r.bytes))!))).toBeLessThanOrEqual(EXPORT_CEILING_DBTP);
    // 1 s at 256 kb/s: about 32 kB.
    expect(r.bytes.length).toBeGreaterThan(25_000);
    expect(r.bytes.length).toBeLessThan(45_000);
  });

  it('encodes mono 22.05 kHz natively (MPEG-2)', async () => {
    const r = await encodeExport({
      channels: [sine(22050, 22050, 440, 0.3)],
      sampleRate: 22050,
      format: 'mp3',
    });
    expect(mp3Header(r.bytes)).toEqual({ sampleRate: 22050, channels: 1 });
    expect(r.gainDb).toBe(0);
  });

  it('resamples 96 kHz to 48 kHz and downmixes 5.1 to stereo', async () => {
    const six = Array.from({ length: 6 }, (_, c) => sine(9600, 96000, 500 + 100 * c, 0.2));
    const r = await encodeExport({ channels: six, sampleRate: 96000, format: 'mp3' });
    expect(mp3Header(r.bytes)).toEqual({ sampleRate: 48000, channels: 2 });
    expect(r.sampleRate).toBe(48000);
    expect(r.channelCount).toBe(2);
  });
});

describe('MP3 layout', () => {
  it('picks MPEG rates', () => {
    expect([8000, 32000, 44100, 48000].map(mp3SampleRate)).toEqual([8000, 32000, 44100, 48000]);
    expect([88200, 176400, 96000, 192000, 64000].map(mp3SampleRate)).toEqual([
      44100, 44100, 48000, 48000, 48000,
    ]);
    expect(mp3SampleRate(37800)).toBe(44100);
  });

  it('downmixes 5.1 with the speaker rules and leaves stereo alone', () => {
    const ones = (v: number) => new Float32Array([v]);
    const [l, r] = downmixToStereo([ones(1), ones(2), ones(3), ones(4), ones(5), ones(6)]);
    expect(l![0]).toBeCloseTo(1 + Math.SQRT1_2 * (3 + 5), 5);
    expect(r![0]).toBeCloseTo(2 + Math.SQRT1_2 * (3 + 6), 5);
    const st = [ones(1), ones(2)];
    expect(adaptForMp3(st, 44100).channels).toEqual(st);
  });

  it('resamples with a flat passband and no aliasing', () => {
    const level = (x: Float32Array) => {
      let s = 0;
      const mid = x.subarray(1000, x.length - 1000);
      for (const v of mid) s += v * v;
      return toDb(Math.sqrt((2 * s) / mid.length));
    };
    const pass = resampleChannel(sine(96000, 96000, 1000, 0.5), 96000, 48000);
    expect(pass.length).toBe(48000);
    expect(level(pass)).toBeCloseTo(toDb(0.5), 1);
    const high = resampleChannel(sine(96000, 96000, 18000, 0.5), 96000, 48000);
    expect(level(high)).toBeCloseTo(toDb(0.5), 1);
    // 30 kHz cannot exist at 48 kHz: it must not fold down to 18 kHz.
    expect(level(resampleChannel(sine(96000, 96000, 30000, 0.5), 96000, 48000))).toBeLessThan(-70);
    const up = resampleChannel(sine(37800, 37800, 5000, 0.5), 37800, 44100);
    expect(up.length).toBe(44100);
    expect(level(up)).toBeCloseTo(toDb(0.5), 1);
  });
});

describe('file name', () => {
  it('says the file was equalised', () => {
    expect(equalisedFileName('Song.flac', 'wav')).toBe('Song (Sonic EQ).wav');
    expect(equalisedFileName('My.Track.v2.mp3', 'mp3')).toBe('My.Track.v2 (Sonic EQ).mp3');
    expect(equalisedFileName('noext', 'wav')).toBe('noext (Sonic EQ).wav');
    expect(equalisedFileName('', 'wav')).toBe('Audio (Sonic EQ).wav');
    expect(equalisedFileName('.hidden', 'wav')).toBe('.hidden (Sonic EQ).wav');
  });
  it('tells sample depths apart, so exports of one song do not overwrite each other', () => {
    const names = ['wav16', 'wav24', 'wav32f', 'mp3'].map((f) =>
      exportFileName('Song.flac', f, f === 'mp3' ? 'mp3' : 'wav'),
    );
    expect(names).toEqual([
      'Song (Sonic EQ, 16-bit).wav',
      'Song (Sonic EQ, 24-bit).wav',
      'Song (Sonic EQ, 32-bit float).wav',
      'Song (Sonic EQ).mp3',
    ]);
    expect(exportFileName('Song.wav', 'flac24', 'flac')).toBe('Song (Sonic EQ, 24-bit).flac');
  });
});
