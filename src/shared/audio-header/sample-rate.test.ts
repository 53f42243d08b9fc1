import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffDurationSeconds, sniffSampleRate } from './sample-rate.ts';
import { tempDir } from '../../../tests/support/temp-dir.ts';

const dir = tempDir('sniff-');

function encode(name: string, rate: number, args: string[]): Uint8Array {
  const out = join(dir, name);
  const r = spawnSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `sine=f=440:d=1:r=${rate}`,
    ...args,
    out,
  ]);
  expect(r.status, String(r.stderr)).toBe(0);
  return new Uint8Array(readFileSync(out));
}

describe('sniffSampleRate', () => {
  it.each([
    ['a.wav', 96000, []],
    ['b.wav', 8000, ['-c:a', 'pcm_f32le']],
    ['c.flac', 192000, []],
    ['d.flac', 44100, []],
    ['e.mp3', 32000, []],
    ['f.mp3', 22050, []],
    ['g.ogg', 44100, ['-c:a', 'libvorbis']],
    ['h.opus', 24000, ['-c:a', 'libopus']],
    ['i.m4a', 48000, ['-c:a', 'aac']],
  ] as const)('reads the rate of %s', (name, rate, args) => {
    // Opus always decodes at 48 kHz whatever the input rate was.
    const bytes = encode(name, rate, [...args]);
    expect(sniffSampleRate(bytes)).toBe(name.endsWith('.opus') ? 48000 : rate);
    // The fixtures are 1 s long; MP3 is estimated from its bit rate (and carries encoder padding).
    expect(sniffDurationSeconds(bytes)).toBeGreaterThan(0.9);
    expect(sniffDurationSeconds(bytes)).toBeLessThan(name.endsWith('.mp3') ? 1.3 : 1.1);
  });

  it('says nothing about bytes that are not audio', () => {
    expect(sniffSampleRate(new TextEncoder().encode('hello, this is not audio at all'))).toBeUndefined();
    expect(sniffSampleRate(new Uint8Array(0))).toBeUndefined();
    expect(sniffDurationSeconds(new Uint8Array(0))).toBeUndefined();
  });
});
