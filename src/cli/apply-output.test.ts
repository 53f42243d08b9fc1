/**
 * `eq apply` output stage on real music (the demo song, and a louder and a quieter cut of it): the format
 * the OUT extension names, the input's tags, and the delivery targets as ffmpeg's ebur128 measures them
 * (integrated within 0.5 LU of --target-lufs, true peak at or below --ceiling-dbtp).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ffmpegLoudness } from './ffmpeg-loudness.ts';
import { tempDir } from '../../tests/support/temp-dir.ts';

const dir = tempDir('eq-apply-out-');
const GAINS = '--gains=4,3,1,0,-1,0,1,2,3,2';

function eq(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/eq.ts', ...args], { encoding: 'utf8' });
}

/** A tagged source cut from the demo with ffmpeg: `gainDb` louder, at `rate`, in the given container. */
function source(name: string, gainDb: number, rate: number): string {
  const path = join(dir, name);
  const r = spawnSync('ffmpeg', [
    ...['-v', 'error', '-y', '-i', 'public/demo/coherence.opus', '-t', '20', '-af', `volume=${gainDb}dB`],
    ...['-ar', String(rate), '-metadata', 'title=Coherence', '-metadata', 'artist=Max McCracken'],
    ...['-metadata', 'album=Endgame: Singularity', path],
  ]);
  expect(r.status, r.stderr?.toString()).toBe(0);
  return path;
}

function probe(path: string) {
  const r = spawnSync('ffprobe', [
    ...['-v', 'error', '-show_entries', 'stream=codec_name,sample_rate,channels,bits_per_raw_sample'],
    ...['-show_entries', 'format_tags', '-of', 'json', path],
  ]);
  const j = JSON.parse(r.stdout.toString()) as {
    streams: { codec_name: string; sample_rate: string; channels: number; bits_per_raw_sample?: string }[];
    format: { tags?: Record<string, string> };
  };
  const tags = Object.fromEntries(Object.entries(j.format.tags ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return { ...j.streams[0]!, tags };
}

describe('eq apply: delivery targets, as ffmpeg measures them', () => {
  it.each([
    ['-14 LUFS from a FLAC (the demo as it is) into FLAC', 'demo.flac', 0, 48000, 'out.flac', -14, -1],
    ['-14 LUFS from a quiet WAV at 44.1 kHz into WAV', 'quiet.wav', -12, 44100, 'quiet-out.wav', -14, -1],
    ['-23 LUFS, -2 dBTP from a loud MP3 into MP3', 'loud.mp3', 4, 44100, 'loud-out.mp3', -23, -2],
    [
      '-10 LUFS from the demo into MP3: heavy limiting before a lossy encoder',
      'demo2.flac',
      0,
      48000,
      'hot.mp3',
      -10,
      -1,
    ],
  ] as [string, string, number, number, string, number, number][])(
    '%s',
    async (_, input, gainDb, rate, output, lufs, ceiling) => {
      const src = source(input, gainDb, rate);
      const out = join(dir, output);
      const r = eq(
        'apply',
        src,
        out,
        GAINS,
        '--target-lufs',
        String(lufs),
        '--ceiling-dbtp',
        String(ceiling),
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/^eq apply: (raised|lowered) \d+\.\d dB/);
      const ref = await ffmpegLoudness(out);
      expect(Math.abs(ref.integratedLufs - lufs)).toBeLessThanOrEqual(0.5);
      expect(ref.truePeakDbtp).toBeLessThanOrEqual(ceiling);
      const p = probe(out);
      expect(p.sample_rate).toBe(String(rate));
      expect(p.channels).toBe(2);
      expect(p.tags).toMatchObject({
        title: 'Coherence',
        artist: 'Max McCracken',
        album: 'Endgame: Singularity',
      });
    },
  );

  it('writes the format the extension names: 16-bit FLAC from a 16-bit WAV, MP3 frames in an .mp3', () => {
    const wav = join(dir, 'pcm16.wav');
    expect(
      spawnSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-i',
        'public/demo/coherence.opus',
        '-t',
        '5',
        '-c:a',
        'pcm_s16le',
        wav,
      ]).status,
    ).toBe(0);
    expect(eq('apply', wav, join(dir, 'a.flac'), GAINS).status).toBe(0);
    expect(probe(join(dir, 'a.flac'))).toMatchObject({ codec_name: 'flac', bits_per_raw_sample: '16' });
    expect(eq('apply', wav, join(dir, 'a.mp3'), GAINS).status).toBe(0);
    expect(probe(join(dir, 'a.mp3')).codec_name).toBe('mp3');
    // An MP3 starts with an ID3 tag or a frame header, never with RIFF.
    expect(readFileSync(join(dir, 'a.mp3')).subarray(0, 4).toString('latin1')).not.toBe('RIFF');
  });
});
