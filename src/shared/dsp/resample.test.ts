import { describe, expect, it } from 'vitest';
import { resampleChannel, StreamResampler } from './resample.ts';

function noise(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1);
}

/** Feeds `input` in pieces of random length, taking output as it comes. */
function inPieces(input: Float32Array, from: number, to: number, seed: number): Float32Array {
  const r = new StreamResampler(from, to);
  const parts: number[] = [];
  let s = seed;
  for (let at = 0; at < input.length;) {
    const n = 1 + ((s = (s * 48271) % 2147483647) % 5000);
    r.push(input.subarray(at, at + n));
    parts.push(...r.take());
    at += n;
  }
  parts.push(...r.finish());
  return Float32Array.from(parts);
}

describe('streaming resampler', () => {
  for (const [from, to] of [
    [48000, 44100],
    [96000, 44100],
    [8000, 44100],
    [22050, 44100],
    [192000, 48000],
  ] as const) {
    it(`gives resampleChannel's output bit for bit, fed in pieces (${from} → ${to} Hz)`, () => {
      const x = noise(from * 2 + 17, from);
      const whole = resampleChannel(x, from, to);
      expect(whole.length).toBe(Math.round((x.length * to) / from));
      expect(inPieces(x, from, to, 7)).toEqual(whole);
    });
  }
  it('handles inputs shorter than its kernel', () => {
    const x = noise(5, 3);
    expect(inPieces(x, 48000, 44100, 1)).toEqual(resampleChannel(x, 48000, 44100));
    expect(resampleChannel(new Float32Array(0), 48000, 44100)).toHaveLength(0);
  });
});
