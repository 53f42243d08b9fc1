import { describe, expect, it } from 'vitest';
import { toDb, truePeak, truePeakEnvelope, TruePeakMeter } from './true-peak.ts';

describe('true peak', () => {
  it('finds the inter-sample peak of a sine at fs/4 sampled at ±45°', () => {
    // Faded in and out over 480 samples: an abrupt start overshoots between samples by itself.
    const fade = (i: number) => Math.min(1, Math.min(i, 4799 - i) / 480);
    const x = Float32Array.from(
      { length: 4800 },
      (_, i) => fade(i) * Math.sin((Math.PI / 2) * i + Math.PI / 4),
    );
    const samplePeak = Math.max(...x.map(Math.abs));
    expect(toDb(samplePeak)).toBeCloseTo(-3.01, 1);
    // The sinc is centred on the BS.1770 grid: the peak halfway between two samples is read exactly.
    expect(Math.abs(toDb(truePeak([x])))).toBeLessThan(0.01);
  });

  it('reads the same streamed in small blocks as in one piece, and per channel', () => {
    const a = Float32Array.from({ length: 9000 }, (_, i) => 0.3 * Math.sin(i * 2.9) * Math.sin(i / 700));
    const b = Float32Array.from({ length: 9000 }, (_, i) => 0.6 * Math.sin(i * 1.3 + 1) * Math.sin(i / 900));
    const meter = new TruePeakMeter(2);
    for (let s = 0; s < 9000; s += 100) meter.push([a.subarray(s, s + 100), b.subarray(s, s + 100)], 100);
    meter.finish();
    expect(meter.peak).toBe(truePeak([a, b]));
    expect(meter.channelPeaks[0]).toBe(truePeak([a]));
    expect(meter.channelPeaks[1]).toBe(truePeak([b]));
  });

  it('gives an envelope whose maximum is the true peak, sample by sample', () => {
    const x = Float32Array.from({ length: 20000 }, (_, i) => 0.7 * Math.sin(i * 2.2) * Math.sin(i / 3000));
    const env = truePeakEnvelope([x]);
    expect(env).toHaveLength(x.length + 1);
    let m = 0;
    for (let i = 0; i < env.length; i++) {
      if (i > 0) expect(env[i]!).toBeGreaterThanOrEqual(Math.abs(x[i - 1]!));
      m = Math.max(m, env[i]!);
    }
    expect(m).toBeCloseTo(truePeak([x]), 6);
    // With a floor, values below it may read low, those above it do not change.
    const floored = truePeakEnvelope([x], 0.5);
    let above = 0;
    for (let i = 0; i < env.length; i++) {
      if (env[i]! <= 0.5) continue;
      above++;
      expect(floored[i]).toBe(env[i]);
    }
    expect(above).toBeGreaterThan(1000);
  });

  it('equals the sample peak for slow signals and covers every channel', () => {
    const a = Float32Array.from({ length: 48000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 100 * i) / 48000));
    const b = Float32Array.from({ length: 48000 }, (_, i) => 0.8 * Math.sin((2 * Math.PI * 200 * i) / 48000));
    expect(truePeak([a, b])).toBeCloseTo(0.8, 3);
  });
});
