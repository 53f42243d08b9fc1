import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAND_CENTERS_HZ, eqResponseDb } from '../shared/dsp/index.ts';
import { toDb, truePeak } from '../shared/loudness/true-peak.ts';
import { decodeWav } from '../shared/wav/wav-decode.ts';
import { encodeWav } from '../shared/wav/wav-encode.ts';
import { tempDir } from '../../tests/support/temp-dir.ts';

const dir = tempDir('eq-cli-');
const FS = 48000;
/** Probe tones between the band centres, so the check covers the curve, not only its anchor points. */
const PROBES_HZ = [45, 125, 350, 1000, 2800, 8000, 14000];

function eq(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/eq.ts', ...args], { encoding: 'utf8' });
}

function toneGainDb(x: Float32Array, f: number, from: number): number {
  let s = 0;
  let c = 0;
  for (let i = from; i < x.length; i++) {
    s += x[i]! * Math.sin((2 * Math.PI * f * i) / FS);
    c += x[i]! * Math.cos((2 * Math.PI * f * i) / FS);
  }
  return 20 * Math.log10((2 * Math.hypot(s, c)) / (x.length - from));
}

describe('eq apply', () => {
  // 2 s of stereo 24-bit: the probe tones, each at amplitude 0.05 (left) and 0.1 (right).
  const n = 2 * FS;
  const left = new Float32Array(n);
  const right = new Float32Array(n);
  for (const f of PROBES_HZ) {
    for (let i = 0; i < n; i++) {
      left[i]! += 0.05 * Math.sin((2 * Math.PI * f * i) / FS);
      right[i]! += 0.1 * Math.sin((2 * Math.PI * f * i) / FS);
    }
  }
  const input = join(dir, 'tones.wav');
  writeFileSync(input, encodeWav([left, right], FS, 'pcm24'));

  it('equalises a WAV to the engine response, keeps rate and channels, and stays under -1 dBTP', () => {
    const gains = [6, -3, 2, 0, -6, 4, 9, -2, 5, 12];
    const output = join(dir, 'out.wav');
    const r = eq('apply', input, output, '--gains', gains.join(','), '--amount', '1.2');
    expect(r.status, r.stderr).toBe(0);
    const out = decodeWav(new Uint8Array(readFileSync(output)));
    expect(out.sampleRate).toBe(FS);
    expect(out.channels).toHaveLength(2);
    expect(out.format).toBe('pcm24');
    expect(out.channels[0]).toHaveLength(n);
    expect(toDb(truePeak(out.channels))).toBeLessThanOrEqual(-1 + 0.01);
    // The gain reported on stderr, if any, is one constant for every band.
    const trim = /\(gain (-?[\d.]+) dB/.exec(r.stderr);
    const trimDb = trim ? Number(trim[1]) : 0;
    const expected = eqResponseDb(
      gains.map((g) => Math.min(12, g * 1.2)),
      FS,
      PROBES_HZ,
    );
    PROBES_HZ.forEach((f, i) => {
      const measured = toneGainDb(out.channels[1]!, f, FS / 2) - toneGainDb(right, f, FS / 2);
      expect(measured).toBeCloseTo(expected[i]! + trimDb, 1);
    });
    expect(BAND_CENTERS_HZ).toHaveLength(10);
  });

  it('reads FLAC through ffmpeg', () => {
    const flac = join(dir, 'tones.flac');
    expect(spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', input, flac]).status).toBe(0);
    const output = join(dir, 'flac-out.wav');
    const r = eq('apply', flac, output, '--gains', '0,0,0,0,0,0,0,0,0,0');
    expect(r.status, r.stderr).toBe(0);
    const out = decodeWav(new Uint8Array(readFileSync(output)));
    expect(out.channels).toHaveLength(2);
    expect(toneGainDb(out.channels[0]!, 1000, FS / 2)).toBeCloseTo(toneGainDb(left, 1000, FS / 2), 1);
  });

  it.each([
    [['apply', 'tones.wav', 'x.mp4', '--gains', '0,0,0,0,0,0,0,0,0,0'], /unknown output type '\.mp4'/],
    [['apply', 'tones.wav', 'x.opus', '--gains', '0,0,0,0,0,0,0,0,0,0'], /only in the app/],
    [
      ['apply', 'tones.wav', 'x.wav', '--gains', '0,0,0,0,0,0,0,0,0,0', '--target-lufs', '5'],
      /--target-lufs/,
    ],
    [['apply', 'tones.wav', 'x.wav', '--gains', '0,0,0,0,0,0,0,0,0,0', '--ceiling-dbtp=x'], /--ceiling-dbtp/],
    [['apply', 'missing.wav', 'x.wav', '--gains', '0,0,0,0,0,0,0,0,0,0'], /no such file/],
    [['apply', 'package.json', 'x.wav', '--gains', '0,0,0,0,0,0,0,0,0,0'], /not a readable audio file/],
    [['apply', 'tones.wav', 'x.wav', '--gains', '1,2,3'], /10 comma-separated/],
    [['apply', 'tones.wav', 'x.wav', '--gains', '0,0,0,0,0,0,0,0,0,20'], /outside ±12/],
    [['apply', 'tones.wav', 'x.wav'], /--gains is required/],
    [['apply', 'tones.wav', 'x.wav', '--gains', '0,0,0,0,0,0,0,0,0,0', '--amount', 'lots'], /--amount/],
    [['frobnicate'], /unknown verb/],
  ])('rejects bad input %j with one line and a non-zero exit', (args, reason) => {
    const r = eq(...args.map((a) => (a === 'tones.wav' ? input : a.startsWith('x.') ? join(dir, a) : a)));
    expect(r.status).not.toBe(0);
    // Nothing is written when the command is refused.
    if (args[2]?.startsWith('x.')) expect(existsSync(join(dir, args[2]))).toBe(false);
    expect(r.stderr).toMatch(reason);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
