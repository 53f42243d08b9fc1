import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectTruncation, formatDuration } from './truncation.ts';
import { tempDir } from '../../../tests/support/temp-dir.ts';

const dir = tempDir('truncation-');

/** `seconds` of a 440 Hz tone in the format the name's extension says, with extra ffmpeg arguments. */
function encode(name: string, seconds: number, args: string[] = []): Uint8Array {
  const out = join(dir, name);
  const r = spawnSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `sine=f=440:d=${seconds}:r=44100`,
    ...args,
    out,
  ]);
  expect(r.status, String(r.stderr)).toBe(0);
  return new Uint8Array(readFileSync(out));
}

const cut = (b: Uint8Array, fraction: number) => b.subarray(0, Math.floor(b.length * fraction));

describe('detectTruncation', () => {
  it.each([
    ['a.wav', [], /promises 10\.0 s but it holds 4\.0 s/],
    ['b.flac', [], /promises 10\.0 s but it holds 4\.0 s/],
    ['c.mp3', [], /promises 10\.0 s but it holds 4\.0 s/],
    ['d.mp3', ['-write_xing', '0'], /middle of an MPEG audio frame/],
    ['e.ogg', ['-c:a', 'libvorbis'], /middle of an Ogg page/],
    ['f.opus', ['-c:a', 'libopus'], /middle of an Ogg page/],
    ['g.m4a', ['-c:a', 'aac', '-movflags', '+faststart'], /promises 10\.0 s but it holds 4\.0 s/],
    ['h.m4a', ['-c:a', 'aac'], /index .*'moov'.* is missing/],
  ] as const)('says %s is cut short and keeps quiet about the whole file', (name, args, reason) => {
    const whole = encode(name, 10, ['-ac', '2', ...args]);
    expect(detectTruncation(whole)).toBeUndefined();
    expect(detectTruncation(whole, 10)).toBeUndefined();
    // What a decoder gets from 40 % of the bytes is about 4 s (the caller passes it when it has decoded).
    const t = detectTruncation(cut(whole, 0.4), 4);
    expect(t?.reason).toMatch(reason);
  });

  it('finds the promise of an MP3 from its Xing frame even before decoding', () => {
    // The case: a header promising 4:00 on a file holding 1:35.
    const whole = encode('long.mp3', 240, ['-ac', '1', '-b:a', '32k']);
    const t = detectTruncation(cut(whole, 95 / 240));
    expect(t?.reason).toBe('its header promises 4:00 but it holds 1:35');
    expect(t?.promisedSeconds).toBeCloseTo(240, 0);
  });

  it('says so when an Ogg file stops at a page boundary before its end-of-stream page', () => {
    const whole = encode('i.ogg', 10, ['-c:a', 'libvorbis']);
    const text = String.fromCharCode(...whole);
    const lastPage = text.lastIndexOf('OggS');
    const secondLast = text.lastIndexOf('OggS', lastPage - 1);
    expect(detectTruncation(whole.subarray(0, secondLast))?.reason).toMatch(/end-of-stream page/);
  });

  it('does not count the encoder delay of a whole MP3 or AAC file as missing audio', () => {
    // Decoders drop encoder delay and padding, so a whole file may decode a little short of its header.
    for (const [name, args] of [
      ['j.mp3', []],
      ['k.m4a', ['-movflags', '+faststart']],
    ] as const) {
      const bytes = encode(name, 10, [...args]);
      const pcm = spawnSync(
        'ffmpeg',
        ['-v', 'error', '-i', join(dir, name), '-f', 'f32le', '-ac', '1', '-'],
        {
          maxBuffer: 1 << 24,
        },
      ).stdout;
      expect(detectTruncation(bytes, pcm.length / 4 / 44100)).toBeUndefined();
    }
  });

  it('judges nothing it cannot: a WAV streamed with a placeholder size, bytes that are not audio', () => {
    const piped = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=d=1', '-f', 'wav', '-'], {
      maxBuffer: 1 << 24,
    });
    const streamed = new Uint8Array(piped.stdout);
    expect(detectTruncation(streamed.subarray(0, 20000))).toBeUndefined();
    expect(detectTruncation(new TextEncoder().encode('hello, this is not audio at all'))).toBeUndefined();
    expect(detectTruncation(new Uint8Array(0))).toBeUndefined();
  });

  it('judges from the first bytes of a long file and its size: the promise, never a false cut', () => {
    // The browser reads only the start of a long file; what lies past it is unseen, not missing.
    for (const [name, args] of [
      ['l.wav', []],
      ['m.flac', []],
      ['n.mp3', []],
      ['o.mp3', ['-write_xing', '0']],
      ['p.m4a', ['-c:a', 'aac', '-movflags', '+faststart']],
      ['q.m4a', ['-c:a', 'aac']],
      ['r.ogg', ['-c:a', 'libvorbis']],
    ] as const) {
      const whole = encode(name, 10, ['-ac', '2', ...args]);
      const head = whole.subarray(0, 4096);
      expect(detectTruncation(head, 10, whole.length), name).toBeUndefined();
    }
    // A WAV whose data runs past the file, and an MP3 that decodes to less than its Xing frame promises.
    const wav = encode('s.wav', 10, ['-ac', '2']);
    expect(detectTruncation(wav.subarray(0, 4096), 4, Math.floor(wav.length * 0.4))?.reason).toMatch(
      /promises 10\.0 s but it holds 4\.0 s/,
    );
    const mp3 = encode('t.mp3', 10, ['-ac', '2']);
    expect(detectTruncation(mp3.subarray(0, 4096), 4, Math.floor(mp3.length * 0.4))?.reason).toMatch(
      /promises 10\.0 s but it holds 4\.0 s/,
    );
  });

  it('formats durations as people write them', () => {
    expect(formatDuration(240)).toBe('4:00');
    expect(formatDuration(95.4)).toBe('1:35');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(4.04)).toBe('4.0 s');
  });
});
