import { describe, expect, it } from 'vitest';
import { toDb, truePeak } from './true-peak.ts';

describe('true peak', () => {
  it('finds the inter-sample peak of a sine at fs/4 sampled at ±45°', () => {
    const x = Float32Array.from({ length: 4800 }, (_, i) => Math.sin((Math.PI / 2) * i + Math.PI / 4));
    const samplePeak = Math.max(...x.map(Math.abs));
    expect(toDb(samplePeak)).toBeCloseTo(-3.01, 1);
    expect(Math.abs(toDb(truePeak([x])))).toBeLessThan(0.1);
  });

  it('equals the sample peak for slow signals and covers every channel', () => {
    const a = Float32Array.from({ length: 48000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 100 * i) / 48000));
    const b = Float32Array.from({ length: 48000 }, (_, i) => 0.8 * Math.sin((2 * Math.PI * 200 * i) / 48000));
    expect(truePeak([a, b])).toBeCloseTo(0.8, 3);
  });
});
