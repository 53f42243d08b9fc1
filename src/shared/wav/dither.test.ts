import { describe, expect, it } from 'vitest';
import { TpdfDither } from './dither.ts';

function to16(values: number[], seed = 7): Int16Array {
  const out = new Int16Array(values.length);
  new TpdfDither(seed).to16(Float32Array.from(values), 0, values.length, out, 0, 1);
  return out;
}

describe('TPDF dither to 16 bits', () => {
  it('stays within one step of the rounded value, and averages to it', () => {
    const x = 1234.3 / 32767;
    const out = to16(new Array<number>(100_000).fill(x));
    const exact = Math.fround(x) * 32767;
    for (const v of out) expect(Math.abs(v - exact)).toBeLessThanOrEqual(1.5);
    const mean = out.reduce((a, v) => a + v, 0) / out.length;
    expect(mean).toBeCloseTo(exact, 1);
  });

  it('clamps full scale and beyond, never wrapping', () => {
    const [one, two, huge, minusTwo, minusHuge, inf, minusInf] = to16([
      1,
      2,
      1e12,
      -2,
      -1e12,
      Infinity,
      -Infinity,
    ]);
    expect(one).toBeGreaterThanOrEqual(32766);
    expect([two, huge, inf]).toEqual([32767, 32767, 32767]);
    expect([minusTwo, minusHuge, minusInf]).toEqual([-32768, -32768, -32768]);
  });

  it('writes a damaged (NaN) sample as silence', () => {
    expect(Array.from(to16([NaN, NaN, NaN]))).toEqual([0, 0, 0]);
  });

  it('interleaves at a stride and gives the same noise for the same seed', () => {
    const x = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i) * 0.5);
    const out = new Int16Array(128);
    const d = new TpdfDither(3);
    d.to16(x, 0, 64, out, 0, 2);
    d.to16(x, 0, 64, out, 1, 2);
    for (let i = 0; i < 64; i++) expect(Math.abs(out[2 * i]! - x[i]! * 32767)).toBeLessThanOrEqual(1.5);
    const again = new Int16Array(128);
    const e = new TpdfDither(3);
    e.to16(x, 0, 64, again, 0, 2);
    e.to16(x, 0, 64, again, 1, 2);
    expect(again).toEqual(out);
  });
});
