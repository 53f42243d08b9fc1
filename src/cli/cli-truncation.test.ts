import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWav } from '../shared/wav/wav-decode.ts';
import { encodeWav } from '../shared/wav/wav-encode.ts';
import { errLines, runEq, sha256 } from './cli-test-helpers.ts';
import { tempDir } from '../../tests/support/temp-dir.ts';

const dir = tempDir('eq-cut-');
const FLAT = '0,0,0,0,0,0,0,0,0,0';

/** The first `fraction` of a file's bytes, as an interrupted download leaves it. */
function cutShort(path: string, fraction: number): string {
  const bytes = readFileSync(path);
  const out = path.replace(/(\.\w+)$/, '-cut$1');
  writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return out;
}

function encode(name: string, args: string[]): string {
  const path = join(dir, name);
  const r = spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=f=440:d=10', ...args, path]);
  expect(r.status, String(r.stderr)).toBe(0);
  return path;
}

describe.concurrent('files cut short', () => {
  it('apply equalises the part of a WAV that is there and says the file is cut short', async () => {
    const x = Float32Array.from({ length: 480000 }, (_, i) => 0.3 * Math.sin(i / 10));
    const whole = join(dir, 'song.wav');
    writeFileSync(whole, encodeWav([x], 48000, 'pcm24'));
    const cut = cutShort(whole, 0.4);
    const before = sha256(cut);
    const out = join(dir, 'song-out.wav');
    const r = await runEq('apply', cut, out, '--gains', FLAT);
    expect(r.status, r.stderr).toBe(0);
    expect(errLines(r)).toEqual([
      `eq apply: ${cut} is cut short (its header promises 10.0 s but it holds 4.0 s); equalising the part that is there`,
    ]);
    expect(decodeWav(new Uint8Array(readFileSync(out))).channels[0]!.length).toBeCloseTo(192000, -2);
    expect(sha256(cut)).toBe(before);
  });

  it('analyze and auto say it of an MP3 whose header promises more than it holds', async () => {
    const cut = cutShort(encode('song.mp3', ['-b:a', '64k']), 0.5);
    const [analyzed, auto] = await Promise.all([
      runEq('analyze', cut, '--json'),
      runEq('auto', cut, join(dir, 'auto-out.wav')),
    ]);
    expect(analyzed.status, analyzed.stderr).toBe(0);
    const result = JSON.parse(analyzed.stdout) as { note?: string; gainsDb: number[] };
    expect(result.gainsDb).toHaveLength(10);
    expect(result.note).toMatch(/^the file is cut short \(its header promises 10\.0 s but it holds 5\.0 s\)/);
    expect(errLines(analyzed)).toEqual([`eq analyze: ${cut}: ${result.note}`]);
    expect(auto.status, auto.stderr).toBe(0);
    expect(errLines(auto).filter((l) => l.includes('cut short'))).toEqual([
      `eq auto: ${cut} is cut short (its header promises 10.0 s but it holds 5.0 s); equalising the part that is there`,
    ]);
  });

  it('apply refuses an M4A cut before its index with the reason, not a decoder message', async () => {
    const cut = cutShort(encode('song.m4a', ['-c:a', 'aac']), 0.6);
    const r = await runEq('apply', cut, join(dir, 'm4a-out.wav'), '--gains', FLAT);
    expect(r.status).toBe(1);
    expect(errLines(r)).toEqual([
      `eq: ${cut}: cannot be read: it is cut short (its index (the 'moov' box) is missing)`,
    ]);
  });
});
